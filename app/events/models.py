"""Events: the typed side of ``ai1ec_event`` (the plugin keeps these in its own table)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Double, Index, String, Text
from sqlmodel import Field, SQLModel

from app.core.db import detail_key
from app.core.types import UtcDateTime


class Event(SQLModel, table=True):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_starts_at", "starts_at"),)

    entry_id: int = Field(sa_column=detail_key())
    starts_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))
    ends_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))
    timezone_name: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    is_all_day: bool = Field(default=False)
    is_instant: bool = Field(default=False)
    recurrence_rules: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    exception_rules: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    recurrence_dates: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    exception_dates: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    venue: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    country: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    address: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    city: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    province: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    postal_code: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    show_map: bool = Field(default=False)
    show_coordinates: bool = Field(default=False)
    # Double precision keeps the plugin's decimal(20,15) coordinates to ~15 significant digits on both engines.
    latitude: float | None = Field(default=None, sa_column=Column(Double, nullable=True))
    longitude: float | None = Field(default=None, sa_column=Column(Double, nullable=True))
    contact_name: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    contact_phone: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    contact_email: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    contact_url: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    cost: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    is_free: bool = Field(default=False)
    ticket_url: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    ical_uid: str = Field(default="", sa_column=Column(String(255), nullable=False, default="", index=True))
    ical_feed_url: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    ical_source_url: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    ical_organizer: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    ical_contact: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
