"""Site options: title, URLs, permalink structure, time zone, formats, menu locations, and the rest."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, String
from sqlmodel import Field, SQLModel

from app.core.types import JsonType


class Option(SQLModel, table=True):
    __tablename__ = "options"

    name: str = Field(sa_column=Column(String(191), primary_key=True))
    value: Any = Field(default=None, sa_column=Column(JsonType, nullable=True))
