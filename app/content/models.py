"""Entries: one row per WordPress post of any type, in one ID space kept from WordPress."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime, ForeignKey, Index, String, Text
from sqlmodel import Field, SQLModel

from app.core.collation import EMPTY_SORT_KEY, sort_key_column
from app.core.db import IdType, detail_key, owner_key
from app.core.types import JsonType, UtcDateTime, json_object_column


class ImportSource(SQLModel, table=True):
    """A WordPress site content was imported from; matching on re-import is by (source, ID)."""

    __tablename__ = "import_sources"

    id: int | None = Field(default=None, primary_key=True)
    base_url: str = Field(sa_column=Column(String(512), nullable=False, unique=True))
    title: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


# Text columns WordPress lists can be ordered by -> the columns holding their sort keys.
ENTRY_SORT_KEYS = {"title": "title_sort_key", "slug": "slug_sort_key"}


class Entry(SQLModel, table=True):
    """Columns common to every post type; what a type adds lives in its own detail table."""

    __tablename__ = "entries"
    __table_args__ = (
        Index("ix_entries_type_status_date_gmt", "type", "status", "date_gmt"),
        Index("ix_entries_type_slug", "type", "slug"),
        Index("ix_entries_type_status_title_sort_key", "type", "status", "title_sort_key"),
        Index("ix_entries_parent_id", "parent_id"),
        Index("ix_entries_author_id", "author_id"),
    )

    id: int | None = Field(default=None, sa_column=Column(IdType, primary_key=True, autoincrement=True))
    type: str = Field(sa_column=Column(String(64), nullable=False))
    status: str = Field(default="publish", sa_column=Column(String(32), nullable=False, default="publish"))
    slug: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    title: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # ORDER BY title and slug as WordPress's database collation sorts them (app.core.collation); written with them.
    title_sort_key: bytes = Field(default=EMPTY_SORT_KEY, sa_column=sort_key_column())
    slug_sort_key: bytes = Field(default=EMPTY_SORT_KEY, sa_column=sort_key_column())
    content: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    excerpt: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # Derived from title/content/excerpt by app.rendering at write time (WordPress's the_content chain);
    # recomputed when what they depend on changes. Reads never render.
    title_rendered: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    content_rendered: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    excerpt_rendered: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    author_id: int | None = Field(default=None, sa_column=Column(IdType, nullable=True))
    # Parents are plain IDs, not foreign keys: an export may name a parent it does not carry,
    # and we keep that reference (and report it) rather than drop it as WordPress's importer does.
    parent_id: int = Field(default=0, sa_column=Column(IdType, nullable=False, default=0))
    menu_order: int = Field(default=0)
    # WordPress's local/GMT pairs keep their names: "date" is the site's local wall time.
    date: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))
    date_gmt: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))
    modified: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))
    modified_gmt: datetime | None = Field(default=None, sa_column=Column(DateTime, nullable=True))
    password: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    comment_status: str = Field(default="open", sa_column=Column(String(20), nullable=False, default="open"))
    ping_status: str = Field(default="open", sa_column=Column(String(20), nullable=False, default="open"))
    guid: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    link: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    is_sticky: bool = Field(default=False)
    featured_media_id: int = Field(default=0, sa_column=Column(IdType, nullable=False, default=0))
    template: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    source_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("import_sources.id", ondelete="SET NULL"), nullable=True)
    )
    # Typed ACF values, decoded from the meta rows through the imported field definitions.
    acf: dict[str, Any] | None = Field(default=None, sa_column=Column(JsonType, nullable=True))
    # Elements of the source item this version does not understand, kept for export.
    extra: dict[str, Any] = Field(default_factory=dict, sa_column=json_object_column())


class EntryMeta(SQLModel, table=True):
    __tablename__ = "entry_meta"
    __table_args__ = (
        # Meta is always looked up through its entry; no query asks for a key alone.
        Index("ix_entry_meta_entry_id_key", "entry_id", "key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(sa_column=owner_key("entries"))
    key: str = Field(sa_column=Column(String(255), nullable=False))
    value_raw: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    value: Any = Field(default=None, sa_column=Column(JsonType, nullable=True))
    position: int = Field(default=0)


class OldUrl(SQLModel, table=True):
    """An address the entry answered to on the old site: its link, guid, an old slug or file URL."""

    __tablename__ = "old_urls"
    __table_args__ = (
        Index("ix_old_urls_kind_value", "kind", "value"),
        Index("ix_old_urls_entry_id", "entry_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(sa_column=owner_key("entries"))
    kind: str = Field(sa_column=Column(String(20), nullable=False))
    value: str = Field(sa_column=Column(Text, nullable=False))


class CustomCss(SQLModel, table=True):
    """``custom_css``: one stylesheet per theme."""

    __tablename__ = "custom_css"

    entry_id: int = Field(sa_column=detail_key())
    stylesheet: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    content_filtered: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class CustomizeChangeset(SQLModel, table=True):
    """``customize_changeset``: a Customizer change set, its JSON decoded."""

    __tablename__ = "customize_changesets"

    entry_id: int = Field(sa_column=detail_key())
    uuid: str = Field(default="", sa_column=Column(String(255), nullable=False, default="", index=True))
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=json_object_column())


class OembedCache(SQLModel, table=True):
    """``oembed_cache``: provider HTML kept so embeds render without fetching."""

    __tablename__ = "oembed_caches"

    entry_id: int = Field(sa_column=detail_key())
    cache_key: str = Field(default="", sa_column=Column(String(255), nullable=False, default="", index=True))
    html: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    is_unknown: bool = Field(default=False)


class UserRequest(SQLModel, table=True):
    """``user_request``: a privacy export or erasure request. Never public."""

    __tablename__ = "user_requests"

    entry_id: int = Field(sa_column=detail_key())
    email: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    action: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    request_status: str = Field(default="", sa_column=Column(String(32), nullable=False, default=""))
    key_hash: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    data: Any = Field(default=None, sa_column=Column(JsonType, nullable=True))
    confirmed_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))
    completed_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))


class ReusableBlock(SQLModel, table=True):
    """``wp_block``: a synced pattern; empty sync status means synced (WordPress's default)."""

    __tablename__ = "reusable_blocks"

    entry_id: int = Field(sa_column=detail_key())
    sync_status: str = Field(default="", sa_column=Column(String(20), nullable=False, default=""))
