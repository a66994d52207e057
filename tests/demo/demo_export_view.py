"""A small read-only view of the demo WXR, independent of the importer, for checking its integrity."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from app.demo.paths import demo_export_path

WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


@dataclass
class DemoComment:
    comment_id: int
    parent: int
    approved: str
    meta: list[tuple[str, str]]


@dataclass
class DemoItem:
    post_id: int
    post_type: str
    status: str
    parent: int
    slug: str
    creator: str
    content: str
    password: str
    is_sticky: bool
    terms: list[tuple[str, str]]
    meta: list[tuple[str, str]]
    comments: list[DemoComment] = field(default_factory=list)

    def meta_value(self, key: str) -> str | None:
        """The first value stored under ``key``, or None."""
        return next((value for name, value in self.meta if name == key), None)


@dataclass
class DemoExport:
    root: etree._Element
    items: dict[int, DemoItem]
    terms: dict[tuple[str, str], int]  # (taxonomy, slug) -> term_id
    term_parents: list[tuple[str, str, str]]  # (taxonomy, slug, parent slug)
    term_meta: list[tuple[str, str]]
    author_ids: dict[str, int]

    def of_type(self, post_type: str) -> list[DemoItem]:
        """Every item of one post type, in file order."""
        return [item for item in self.items.values() if item.post_type == post_type]


def parser() -> etree.XMLParser:
    """A hardened parser: no DTD loading, no entity expansion, no network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, strip_cdata=False)


def _text(element: etree._Element, tag: str) -> str:
    found = element.find(tag)
    return "" if found is None else "".join(str(text) for text in found.itertext())


def _meta(element: etree._Element, tag: str) -> list[tuple[str, str]]:
    return [(_text(row, f"{WP}meta_key"), _text(row, f"{WP}meta_value")) for row in element.findall(tag)]


def _comment(element: etree._Element) -> DemoComment:
    return DemoComment(
        comment_id=int(_text(element, f"{WP}comment_id")),
        parent=int(_text(element, f"{WP}comment_parent")),
        approved=_text(element, f"{WP}comment_approved"),
        meta=_meta(element, f"{WP}commentmeta"),
    )


def _item(element: etree._Element) -> DemoItem:
    return DemoItem(
        post_id=int(_text(element, f"{WP}post_id")),
        post_type=_text(element, f"{WP}post_type"),
        status=_text(element, f"{WP}status"),
        parent=int(_text(element, f"{WP}post_parent")),
        slug=_text(element, f"{WP}post_name"),
        creator=_text(element, "{http://purl.org/dc/elements/1.1/}creator"),
        content=_text(element, CONTENT),
        password=_text(element, f"{WP}post_password"),
        is_sticky=_text(element, f"{WP}is_sticky") == "1",
        terms=[(str(c.get("domain")), str(c.get("nicename"))) for c in element.findall("category")],
        meta=_meta(element, f"{WP}postmeta"),
        comments=[_comment(c) for c in element.findall(f"{WP}comment")],
    )


def _channel_terms(channel: etree._Element) -> list[tuple[str, str, str, int]]:
    """(taxonomy, slug, parent slug, term id) for every channel-level term."""
    rows = [
        ("category", _text(c, f"{WP}category_nicename"), _text(c, f"{WP}category_parent"), c)
        for c in channel.findall(f"{WP}category")
    ]
    rows += [("post_tag", _text(t, f"{WP}tag_slug"), "", t) for t in channel.findall(f"{WP}tag")]
    rows += [
        (_text(t, f"{WP}term_taxonomy"), _text(t, f"{WP}term_slug"), _text(t, f"{WP}term_parent"), t)
        for t in channel.findall(f"{WP}term")
    ]
    return [(tax, slug, parent, int(_text(el, f"{WP}term_id"))) for tax, slug, parent, el in rows]


@cache
def load_demo_export(path: Path | None = None) -> DemoExport:
    """Parse the shipped demo export once per test session."""
    root = etree.parse(str(path or demo_export_path()), parser()).getroot()
    channel = root.find("channel")
    assert channel is not None
    terms = _channel_terms(channel)
    return DemoExport(
        root=root,
        items={item.post_id: item for item in map(_item, channel.findall("item"))},
        terms={(tax, slug): term_id for tax, slug, _, term_id in terms},
        term_parents=[(tax, slug, parent) for tax, slug, parent, _ in terms],
        term_meta=[row for c in channel.findall(f"{WP}category") for row in _meta(c, f"{WP}termmeta")],
        author_ids={
            _text(a, f"{WP}author_login"): int(_text(a, f"{WP}author_id")) for a in channel.findall(f"{WP}author")
        },
    )
