"""Plain records read from a WXR file, one per channel-level element, before any mapping to our tables."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Meta:
    """One `wp:postmeta`/`wp:termmeta`/`wp:commentmeta` row; the value is the raw stored string."""

    key: str
    value: str


@dataclass(slots=True)
class SiteInfo:
    """The channel header: which site the file came from and which WXR version wrote it."""

    title: str
    link: str
    description: str
    language: str
    wxr_version: str
    base_site_url: str
    base_blog_url: str
    pub_date: str
    generator: str
    path: str


@dataclass(slots=True)
class Author:
    """A `wp:author` entry (WXR 1.1+); items point at it by login in `dc:creator`."""

    id: int | None
    login: str
    email: str
    display_name: str
    first_name: str
    last_name: str
    line: int
    extra: dict[str, list[str]] = field(default_factory=dict)  # children nobody models, by prefixed name


@dataclass(slots=True)
class TermRecord:
    """A channel-level term from `wp:category`, `wp:tag` or `wp:term`; parents are referenced by slug."""

    term_id: int | None
    taxonomy: str
    slug: str
    name: str
    parent_slug: str
    description: str
    meta: list[Meta]
    line: int
    element: str = "wp:term"  # which element carried it: "wp:category", "wp:tag" or "wp:term"
    extra: dict[str, list[str]] = field(default_factory=dict)  # children nobody models, by prefixed name


@dataclass(slots=True)
class ItemTerm:
    """A term an item is assigned to, from `<category domain=".." nicename="..">name</category>`."""

    taxonomy: str
    slug: str
    name: str


@dataclass(slots=True)
class CommentRecord:
    """A `wp:comment` of an item, with its comment meta."""

    id: int
    author: str
    author_email: str
    author_url: str
    author_ip: str
    date: str
    date_gmt: str
    content: str
    approved: str
    type: str
    parent: int
    user_id: int
    meta: list[Meta]
    line: int = 0
    extra: dict[str, list[str]] = field(default_factory=dict)  # children nobody models, by prefixed name


@dataclass(slots=True)
class ItemRecord:
    """One `<item>`: a post of any type with its terms, meta rows and comments."""

    post_id: int
    title: str
    link: str
    pub_date: str
    creator: str
    guid: str
    content: str
    excerpt: str
    post_date: str
    post_date_gmt: str
    post_modified: str | None
    post_modified_gmt: str | None
    comment_status: str
    ping_status: str
    post_name: str
    status: str
    post_type: str
    post_password: str
    post_parent: int
    menu_order: int
    is_sticky: bool
    attachment_url: str | None
    terms: list[ItemTerm]
    meta: list[Meta]
    comments: list[CommentRecord]
    extra: dict[str, list[str]]
    line: int
    description: str = field(default="")  # RSS <description>; WordPress always writes it empty


Record = SiteInfo | Author | TermRecord | ItemRecord
