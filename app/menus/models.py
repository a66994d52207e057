"""Menu items: the typed side of ``nav_menu_item`` (menus themselves are ``nav_menu`` terms)."""

from __future__ import annotations

from sqlalchemy import Column, Index, String, Text
from sqlmodel import Field, SQLModel

from app.core.db import IdType, detail_key
from app.core.types import json_list_column


class MenuItem(SQLModel, table=True):
    __tablename__ = "menu_items"
    __table_args__ = (Index("ix_menu_items_menu_id", "menu_id"),)

    entry_id: int = Field(sa_column=detail_key())
    menu_id: int | None = Field(default=None, sa_column=Column(IdType, nullable=True))
    # The menu hierarchy (``_menu_item_menu_item_parent``), not the entry's legacy post_parent.
    parent_item_id: int = Field(default=0, sa_column=Column(IdType, nullable=False, default=0))
    item_type: str = Field(default="custom", sa_column=Column(String(32), nullable=False, default="custom"))
    object: str = Field(default="custom", sa_column=Column(String(255), nullable=False, default="custom"))
    object_id: int = Field(default=0, sa_column=Column(IdType, nullable=False, default=0))
    url: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    target: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    classes: list[str] = Field(default_factory=list, sa_column=json_list_column())
    xfn: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
