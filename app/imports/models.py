"""Where imported rows came from: per source site and WordPress ID, the hash of what was written."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, String, Text
from sqlmodel import Field, SQLModel

from app.core.db import IdType
from app.core.types import UtcDateTime, json_list_column, json_object_column


class ImportRecord(SQLModel, table=True):
    """One imported object (entry, term, user, comment): re-imports compare hashes, never titles or dates."""

    __tablename__ = "import_records"

    source_id: int = Field(
        sa_column=Column(Integer, ForeignKey("import_sources.id", ondelete="CASCADE"), primary_key=True)
    )
    kind: str = Field(sa_column=Column(String(80), primary_key=True))
    wp_id: int = Field(sa_column=Column(IdType, primary_key=True, autoincrement=False))
    local_id: int = Field(sa_column=Column(IdType, nullable=False))
    digest: str = Field(sa_column=Column(String(64), nullable=False))


class ImportRun(SQLModel, table=True):
    """One run of ``vellum import wxr`` and the report it ended with."""

    __tablename__ = "import_runs"

    id: int | None = Field(default=None, primary_key=True)
    source_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("import_sources.id", ondelete="SET NULL"), nullable=True)
    )
    started_at: datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    finished_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))
    files: list[str] = Field(default_factory=list, sa_column=json_list_column())
    status: str = Field(default="running", sa_column=Column(String(16), nullable=False, default="running"))
    message: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    report: dict[str, Any] = Field(default_factory=dict, sa_column=json_object_column())
