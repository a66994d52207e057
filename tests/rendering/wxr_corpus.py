"""The Theme Unit Test WXR and the WordPress 6.1 answers for it, as test data for the renderer."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from app.rendering.context import AttachmentInfo
from tests.shared import SHARED

WXR = SHARED / "fixtures" / "themeunittestdata.wordpress.xml"
GOLDEN = SHARED / "compat" / "wp61-themeunittest"
GOLDEN_SITE_URL = "http://127.0.0.1:8081"
_NS = {
    "wp": "https://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "https://wordpress.org/export/1.2/excerpt/",
}
# The block posts whose WXR ids were taken by menu items during the import (see the golden README).
RENUMBERED = {1730: 1777, 1732: 1778, 1734: 1779, 1738: 1780, 1736: 1781, 1743: 1782, 1745: 1783}
RENUMBERED |= {1747: 1784, 1749: 1785, 1752: 1786, 1755: 1787}


@dataclass(frozen=True)
class WxrItem:
    """The raw fields of one WXR item that rendering reads."""

    post_type: str
    status: str
    title: str
    content: str
    excerpt: str


def load_wxr_items(path: Path = WXR) -> dict[int, WxrItem]:
    """Every item of the WXR keyed by the post id WordPress gave it on import."""
    items: dict[int, WxrItem] = {}
    for item in etree.parse(str(path)).iter("item"):  # noqa: S320 - a trusted fixture file
        wxr_id = int(item.findtext("wp:post_id", namespaces=_NS) or 0)
        items[RENUMBERED.get(wxr_id, wxr_id)] = WxrItem(
            post_type=item.findtext("wp:post_type", namespaces=_NS) or "",
            status=item.findtext("wp:status", namespaces=_NS) or "",
            title=item.findtext("title") or "",
            content=item.findtext("content:encoded", namespaces=_NS) or "",
            excerpt=item.findtext("excerpt:encoded", namespaces=_NS) or "",
        )
    return items


def _body(name: str) -> Any:
    return json.loads((GOLDEN / name).read_text(encoding="utf-8"))["body"]


def golden_list_entries() -> dict[int, dict[str, Any]]:
    """Every public post and page as the collection requests answered them."""
    entries: dict[int, dict[str, Any]] = {}
    for name in ("wp.v2.posts~per_page=100~page=1.json", "wp.v2.pages~per_page=100~page=1.json"):
        entries.update({entry["id"]: entry for entry in _body(name)})
    return entries


def golden_single_entries(ids: list[int]) -> dict[int, dict[str, Any]]:
    """The single-item answers where they were captured; the protected post with its password."""
    entries: dict[int, dict[str, Any]] = {}
    for post_id in ids:
        for name in (f"wp.v2.posts.{post_id}~password=CORRECT.json", f"wp.v2.posts.{post_id}.json"):
            if (GOLDEN / name).exists():
                entries[post_id] = _body(name)
                break
        else:
            if (GOLDEN / f"wp.v2.pages.{post_id}.json").exists():
                entries[post_id] = _body(f"wp.v2.pages.{post_id}.json")
    return entries


@dataclass
class InMemoryContext:
    """A ``RenderContext`` over the WXR: reusable blocks from ``wp_block`` items, no attachments."""

    post_id: int
    reusable_blocks: dict[int, str] = field(default_factory=dict)
    attachments: dict[int, AttachmentInfo] = field(default_factory=dict)
    oembeds: dict[str, str] = field(default_factory=dict)
    site_url: str = GOLDEN_SITE_URL

    def reusable_block(self, block_id: int) -> str | None:
        return self.reusable_blocks.get(block_id)

    def attachment(self, attachment_id: int) -> AttachmentInfo | None:
        return self.attachments.get(attachment_id)

    def attached_media(self, post_id: int, mime_prefix: str) -> list[AttachmentInfo]:
        return [a for a in self.attachments.values() if a.mime.startswith(mime_prefix)]

    def oembed_html(self, url: str) -> str | None:
        return self.oembeds.get(url)


def published_reusable_blocks(items: dict[int, WxrItem]) -> dict[int, str]:
    """Raw content of the published ``wp_block`` items."""
    return {i: item.content for i, item in items.items() if item.post_type == "wp_block" and item.status == "publish"}
