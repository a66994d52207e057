"""Terms of every taxonomy (categories, tags, menus, custom ones) and their links to entries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, ForeignKey, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.collation import EMPTY_SORT_KEY, sort_key_column
from app.core.db import IdType, detail_key, owner_key
from app.core.types import JsonType, json_object_column

# Text columns WordPress lists can be ordered by -> the columns holding their sort keys.
TERM_SORT_KEYS = {"name": "name_sort_key", "slug": "slug_sort_key", "description": "description_sort_key"}


class Term(SQLModel, table=True):
    __tablename__ = "terms"
    __table_args__ = (
        UniqueConstraint("taxonomy", "slug"),
        Index("ix_terms_taxonomy_parent_id", "taxonomy", "parent_id"),
        Index("ix_terms_taxonomy_name_sort_key", "taxonomy", "name_sort_key"),
    )

    id: int | None = Field(default=None, sa_column=Column(IdType, primary_key=True, autoincrement=True))
    taxonomy: str = Field(sa_column=Column(String(64), nullable=False))
    slug: str = Field(sa_column=Column(Text, nullable=False))
    name: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # ORDER BY name, slug, description as WordPress's database collation sorts them (app.core.collation).
    name_sort_key: bytes = Field(default=EMPTY_SORT_KEY, sa_column=sort_key_column())
    slug_sort_key: bytes = Field(default=EMPTY_SORT_KEY, sa_column=sort_key_column())
    description_sort_key: bytes = Field(default=EMPTY_SORT_KEY, sa_column=sort_key_column())
    # A plain ID: a parent missing from the export is kept and reported, not dropped.
    parent_id: int = Field(default=0, sa_column=Column(IdType, nullable=False, default=0))
    source_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("import_sources.id", ondelete="SET NULL"), nullable=True)
    )
    # Typed ACF values, decoded from the meta rows through the imported field definitions.
    acf: dict[str, Any] | None = Field(default=None, sa_column=Column(JsonType, nullable=True))
    extra: dict[str, Any] = Field(default_factory=dict, sa_column=json_object_column())


class TermMeta(SQLModel, table=True):
    __tablename__ = "term_meta"
    __table_args__ = (Index("ix_term_meta_term_id_key", "term_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    term_id: int = Field(sa_column=owner_key("terms"))
    key: str = Field(sa_column=Column(String(255), nullable=False))
    value_raw: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    value: Any = Field(default=None, sa_column=Column(JsonType, nullable=True))
    position: int = Field(default=0)


class TermRelationship(SQLModel, table=True):
    """An entry's term, in the order WordPress listed it (``term_order``)."""

    __tablename__ = "term_relationships"
    __table_args__ = (Index("ix_term_relationships_term_id", "term_id"),)

    entry_id: int = Field(sa_column=detail_key())
    term_id: int = Field(sa_column=Column(IdType, ForeignKey("terms.id", ondelete="CASCADE"), primary_key=True))
    term_order: int = Field(default=0)
