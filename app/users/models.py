"""Users and user meta."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, Index, String, Text
from sqlmodel import Field, SQLModel

from app.core.collation import EMPTY_SORT_KEY, sort_key_column
from app.core.db import IdType, owner_key
from app.core.types import JsonType, UtcDateTime, json_list_column, json_object_column

# Text columns WordPress lists can be ordered by -> the columns holding their sort keys.
USER_SORT_KEYS = {
    "display_name": "display_name_sort_key",
    "nicename": "nicename_sort_key",
    "url": "url_sort_key",
    "email": "email_sort_key",
}


class User(SQLModel, table=True):
    __tablename__ = "users"
    __table_args__ = (Index("ix_users_display_name_sort_key", "display_name_sort_key"),)

    id: int | None = Field(default=None, sa_column=Column(IdType, primary_key=True, autoincrement=True))
    login: str = Field(sa_column=Column(String(255), nullable=False, unique=True))
    nicename: str = Field(default="", sa_column=Column(String(255), nullable=False, default="", index=True))
    email: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    display_name: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    first_name: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    last_name: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    url: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # ORDER BY these as WordPress's database collation sorts them (app.core.collation); written with them.
    display_name_sort_key: bytes = Field(default=EMPTY_SORT_KEY, sa_column=sort_key_column())
    nicename_sort_key: bytes = Field(default=EMPTY_SORT_KEY, sa_column=sort_key_column())
    url_sort_key: bytes = Field(default=EMPTY_SORT_KEY, sa_column=sort_key_column())
    email_sort_key: bytes = Field(default=EMPTY_SORT_KEY, sa_column=sort_key_column())
    registered_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))
    roles: list[str] = Field(default_factory=list, sa_column=json_list_column())
    source_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("import_sources.id", ondelete="SET NULL"), nullable=True)
    )
    # Typed ACF values, decoded from the meta rows through the imported field definitions.
    acf: dict[str, Any] | None = Field(default=None, sa_column=Column(JsonType, nullable=True))
    extra: dict[str, Any] = Field(default_factory=dict, sa_column=json_object_column())


class UserMeta(SQLModel, table=True):
    __tablename__ = "user_meta"
    __table_args__ = (Index("ix_user_meta_user_id_key", "user_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=owner_key("users"))
    key: str = Field(sa_column=Column(String(255), nullable=False))
    value_raw: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    value: Any = Field(default=None, sa_column=Column(JsonType, nullable=True))
    position: int = Field(default=0)
