"""Attachments: the typed side of WordPress's ``attachment`` post type."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, String, Text
from sqlmodel import Field, SQLModel

from app.core.db import detail_key
from app.core.types import json_list_column, json_object_column


class Attachment(SQLModel, table=True):
    __tablename__ = "attachments"

    entry_id: int = Field(sa_column=detail_key())
    # Path relative to the uploads root, as WordPress's ``_wp_attached_file``.
    file: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    mime_type: str = Field(default="", sa_column=Column(String(255), nullable=False, default=""))
    filesize: int | None = Field(default=None)
    width: int | None = Field(default=None)
    height: int | None = Field(default=None)
    alt_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # ``sizes`` as WordPress keeps them: name -> {file, width, height, mime-type, filesize}.
    sizes: dict[str, Any] = Field(default_factory=dict, sa_column=json_object_column())
    image_meta: dict[str, Any] = Field(default_factory=dict, sa_column=json_object_column())
    original_image: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    original_url: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    sha256: str = Field(default="", sa_column=Column(String(64), nullable=False, default=""))
    is_stored: bool = Field(default=False)
    # Sub-size file names (``sizes[*].file``) that were not in the uploads copy when the main file was stored:
    # their URLs stay on the old site.
    missing_files: list[str] = Field(default_factory=list, sa_column=json_list_column())
