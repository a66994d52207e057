"""What the renderer needs to know about the rest of the site, supplied by the caller."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


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
