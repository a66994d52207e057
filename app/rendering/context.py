"""What the renderer needs to know about the rest of the site, supplied by the caller."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@dataclass(frozen=True)
class ImageSize:
    """One generated sub-size of an image attachment (``sizes`` in attachment metadata)."""

    url: str
    width: int
    height: int


@dataclass(frozen=True)
class AttachmentInfo:
    """The facts about an attachment that shortcodes and ``wp_filter_content_tags`` use."""

    id: int
    url: str
    mime: str
    width: int = 0
    height: int = 0
    alt: str = ""
    caption: str = ""
    title: str = ""
    link: str = ""
    sizes: dict[str, ImageSize] = field(default_factory=dict)


class RenderContext(Protocol):
    """Site lookups for rendering; the application implements it over the database."""

    site_url: str
    post_id: int

    def reusable_block(self, block_id: int) -> str | None:
        """Raw content of a published, non-protected ``wp_block``, else None."""
        ...

    def attachment(self, attachment_id: int) -> AttachmentInfo | None:
        """The attachment with this id, else None."""
        ...

    def attached_media(self, post_id: int, mime_prefix: str) -> list[AttachmentInfo]:
        """Attachments whose parent is the post, in ``menu_order ID`` order, filtered by MIME prefix."""
        ...

    def oembed_html(self, url: str) -> str | None:
        """Cached provider HTML for the URL, never fetched."""
        ...

    # Site-wide data, for the dynamic blocks that list the site's content (app.rendering.site_blocks).
    def site_info(self) -> SiteInfo:
        """The site's home, date options and the clock of this rendering."""
        ...

    def latest_posts(self, count: int, order_by: str, order: str, category_ids: Sequence[int]) -> list[PostSummary]:
        """Published posts, as ``WP_Query`` with ``ignore_sticky_posts`` orders them (by "date" or "title")."""
        ...

    def archive_months(self) -> list[tuple[int, int, int]]:
        """(year, month, published posts) of every month with a published post, newest first."""
        ...

    def post_days(self, year: int, month: int) -> set[int]:
        """Days of the month on which a post was published."""
        ...

    def latest_comments(self, count: int) -> list[CommentSummary]:
        """Approved comments on published entries, newest first."""
        ...

    def terms(self, taxonomy: str) -> list[TermSummary]:
        """Every term of the taxonomy with its count of published posts, ordered by name."""
        ...


@dataclass(frozen=True)
class SiteInfo:
    """The options the site-wide blocks read, and the clock they render at (see ``site_blocks``)."""

    home: str
    permalink_structure: str = ""
    date_format: str = "F j, Y"
    start_of_week: int = 1
    # The local time of the rendering: a stored rendering is computed at write time, not per request.
    now: datetime = datetime(1970, 1, 1)
    # wp_timezone(): a zone name, else the fixed offset in hours.
    timezone_name: str = ""
    gmt_offset: float = 0.0

    def aware(self, local: datetime) -> datetime:
        """A local date in the site's time zone (what ``mysql2date('c', ...)`` prints the offset of)."""
        if self.timezone_name:
            try:
                return local.replace(tzinfo=ZoneInfo(self.timezone_name))
            except (ZoneInfoNotFoundError, ValueError):
                pass
        return local.replace(tzinfo=timezone(timedelta(hours=self.gmt_offset)))

    def link(self, path: str) -> str:
        """A pretty archive link under home, ending as the permalink structure does."""
        return f"{self.home}/{path}/" if self.permalink_structure.endswith("/") else f"{self.home}/{path}"


@dataclass(frozen=True)
class PostSummary:
    """A published post as the listing blocks show it (``title`` raw, dates local and GMT)."""

    id: int
    title: str
    link: str
    date: datetime
    date_gmt: datetime
    protected: bool = False


@dataclass(frozen=True)
class CommentSummary:
    """An approved comment on a published entry, with what ``core/latest-comments`` prints of it."""

    id: int
    author_name: str
    author_url: str
    author_email: str
    content: str
    date: datetime
    date_gmt: datetime
    post_title: str
    post_protected: bool
    link: str


@dataclass(frozen=True)
class TermSummary:
    """A term with its count of published posts and its archive link."""

    id: int
    name: str
    slug: str
    parent: int
    count: int
    link: str
