"""Records for the channel header and the channel-level `wp:author`, `wp:category`, `wp:tag`, `wp:term`."""

from __future__ import annotations

import re

from lxml import etree

from importers.wxr.errors import InvalidFieldError
from importers.wxr.nodes import TagNames, extra_name, full_text, int_text, meta_row, scalar_text, source_line
from importers.wxr.records import Author, Meta, SiteInfo, TermRecord

_SITE_FIELDS = {
    "title": "title",
    "link": "link",
    "description": "description",
    "language": "language",
    "wp:wxr_version": "wxr_version",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
    "pubDate": "pub_date",
    "generator": "generator",
}
# The WordPress importer rejects a file whose version is missing or not "digits.digits".
_WXR_VERSION = re.compile(r"^\d+\.\d+$")

_AUTHOR_FIELDS = {
    "wp:author_login": "login",
    "wp:author_email": "email",
    "wp:author_display_name": "display_name",
    "wp:author_first_name": "first_name",
    "wp:author_last_name": "last_name",
}

# Per element: taxonomy (None: read from wp:term_taxonomy) and which child holds which term field.
_TERM_ELEMENTS: dict[str, tuple[str | None, dict[str, str]]] = {
    "wp:category": (
        "category",
        {
            "wp:category_nicename": "slug",
            "wp:cat_name": "name",
            "wp:category_parent": "parent_slug",
            "wp:category_description": "description",
        },
    ),
    "wp:tag": (
        "post_tag",
        {"wp:tag_slug": "slug", "wp:tag_name": "name", "wp:tag_description": "description"},
    ),
    "wp:term": (
        None,
        {
            "wp:term_taxonomy": "taxonomy",
            "wp:term_slug": "slug",
            "wp:term_name": "name",
            "wp:term_parent": "parent_slug",
            "wp:term_description": "description",
        },
    ),
}
# Descriptions are free text (kept as written); every other term field is a name or slug.
_RAW_TERM_FIELDS = frozenset({"description"})


def site_info(channel: etree._Element, names: TagNames, path: str) -> SiteInfo:
    """The channel header, from the channel's direct children seen so far."""
    values = dict.fromkeys(_SITE_FIELDS.values(), "")
    for child in channel:
        field = _SITE_FIELDS.get(names[child.tag])
        if field is not None:
            values[field] = scalar_text(child)
    if not _WXR_VERSION.match(values["wxr_version"]):
        raise InvalidFieldError(
            "this does not appear to be a WXR file: missing or invalid wp:wxr_version", source_line(channel)
        )
    # The importer falls back to base_site_url when an export predates base_blog_url.
    values["base_blog_url"] = values["base_blog_url"] or values["base_site_url"]
    return SiteInfo(**values, path=path)


def author(elem: etree._Element, names: TagNames) -> Author:
    """A `wp:author` record; WXR 1.0 files have none and some WordPress.com files omit the id."""
    values = dict.fromkeys(_AUTHOR_FIELDS.values(), "")
    author_id: int | None = None
    extra: dict[str, list[str]] = {}
    for child in elem:
        name = names[child.tag]
        if name == "wp:author_id":
            author_id = int_text(child, name)
        elif name in _AUTHOR_FIELDS:
            values[_AUTHOR_FIELDS[name]] = scalar_text(child)
        elif name:
            extra.setdefault(extra_name(child, name), []).append(full_text(child))
    return Author(id=author_id, **values, line=source_line(elem), extra=extra)


def term(elem: etree._Element, names: TagNames, element: str) -> TermRecord:
    """A channel-level term from `wp:category`, `wp:tag` or `wp:term` (named by `element`)."""
    taxonomy, fields = _TERM_ELEMENTS[element]
    values = {"taxonomy": taxonomy or "", "slug": "", "name": "", "parent_slug": "", "description": ""}
    term_id: int | None = None
    meta: list[Meta] = []
    extra: dict[str, list[str]] = {}
    for child in elem:
        name = names[child.tag]
        field = fields.get(name)
        if field is not None:
            values[field] = full_text(child) if field in _RAW_TERM_FIELDS else scalar_text(child)
        elif name == "wp:term_id":
            term_id = int_text(child, name)
        elif name == "wp:termmeta":
            meta.append(meta_row(child, names))
        elif name:
            extra.setdefault(extra_name(child, name), []).append(full_text(child))
    return TermRecord(term_id=term_id, **values, meta=meta, line=source_line(elem), element=element, extra=extra)
