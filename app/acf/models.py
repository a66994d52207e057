"""ACF field groups and fields, decoded from their serialized definitions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Index, String, Text
from sqlmodel import Field, SQLModel

from app.core.db import IdType, detail_key
from app.core.types import json_list_column, json_object_column


class AcfFieldGroup(SQLModel, table=True):
    __tablename__ = "acf_field_groups"

    entry_id: int = Field(sa_column=detail_key())
    key: str = Field(sa_column=Column(String(255), nullable=False, index=True))
    location: list[Any] = Field(default_factory=list, sa_column=json_list_column())
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=json_object_column())
    is_active: bool = Field(default=True)


class AcfField(SQLModel, table=True):
    __tablename__ = "acf_fields"
    __table_args__ = (Index("ix_acf_fields_name", "name"),)

    entry_id: int = Field(sa_column=detail_key())
    key: str = Field(sa_column=Column(String(255), nullable=False, index=True))
    name: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    label: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    field_type: str = Field(default="text", sa_column=Column(String(64), nullable=False, default="text"))
    # The group or the parent field (repeater, group, flexible content) this field belongs to.
    parent_id: int = Field(default=0, sa_column=Column(IdType, nullable=False, default=0))
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=json_object_column())
