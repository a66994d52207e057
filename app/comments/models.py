"""Comments (threaded) and comment meta."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime, Index, String, Text
from sqlmodel import Field, SQLModel

from app.core.db import IdType, owner_key
from app.core.types import JsonType, json_object_column


class Comment(SQLModel, table=True):
    __tablename__ = "comments"
    __table_args__ = (
        Index("ix_comments_entry_id_status", "entry_id", "status"),
        Index("ix_comments_parent_id", "parent_id"),
    )

    id: int | None = Field(default=None, sa_column=Column(IdType, primary_key=True, autoincrement=True))
    entry_id: int = Field(sa_column=owner_key("entries"))
    parent_id: int = Field(default=0, sa_column=Column(IdType, nullable=False, default=0))
    # The commenter's account, when they had one; kept as a plain ID as exports omit most users.
    user_id: int = Field(default=0, sa_column=Column(IdType, nullable=False, default=0))
    author_name: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    author_email: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    author_url: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    author_ip: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    author_agent: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    date: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))
    date_gmt: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))
    content: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # WordPress's comment_approved: "1", "0", "spam", "trash", "post-trashed".
    status: str = Field(default="1", sa_column=Column(String(64), nullable=False, default="1"))
    type: str = Field(default="comment", sa_column=Column(String(64), nullable=False, default="comment"))
    karma: int = Field(default=0)
    extra: dict[str, Any] = Field(default_factory=dict, sa_column=json_object_column())


class CommentMeta(SQLModel, table=True):
    __tablename__ = "comment_meta"
    __table_args__ = (Index("ix_comment_meta_comment_id_key", "comment_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    comment_id: int = Field(sa_column=owner_key("comments"))
    key: str = Field(sa_column=Column(String(255), nullable=False))
    value_raw: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    value: Any = Field(default=None, sa_column=Column(JsonType, nullable=True))
    position: int = Field(default=0)
