"""How a WXR element is named and read: namespace-independent names and the text of one element."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import cast

from lxml import etree

from importers.wxr.errors import InvalidFieldError
from importers.wxr.records import Meta

# Every WXR version declares its own URI (…/export/1.0/ to …/1.2/), and WordPress.com writes https
# variants; the WordPress importer resolves `wp`/`excerpt` from whatever the document declares.
_WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/(excerpt/)?$")
_FIXED_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}


class TagNames(dict[object, str]):
    """Maps lxml's `{uri}local` tags to stable "prefix:local" names, whatever URI the file declared.

    Index it with `elem.tag`: "wp:post_id", "content:encoded", "title"; "" for comments and PIs.
    Elements in namespaces WXR does not use keep their `{uri}local` tag (see `extra_name`).
    """

    __slots__ = ()

    def __missing__(self, tag: object) -> str:
        name = self[tag] = _stable_name(tag)
        return name


def _stable_name(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    uri, brace, local = tag[1:].partition("}")
    if not brace:
        return tag
    match = _WP_NAMESPACE.match(uri)
    if match:
        return f"{'excerpt' if match.group(1) else 'wp'}:{local}"
    prefix = _FIXED_PREFIXES.get(uri)
    return f"{prefix}:{local}" if prefix else tag


def extra_name(elem: etree._Element, name: str) -> str:
    """The "prefix:local" name of an element we do not model, using the prefix the file declared."""
    if name.startswith("{") and elem.prefix:
        return f"{elem.prefix}:{name.partition('}')[2]}"
    return name


def source_line(elem: etree._Element) -> int:
    """The line where the element starts (libxml2 reports lines past 65,535 approximately)."""
    line: object = elem.sourceline
    return line if isinstance(line, int) else 0


def full_text(elem: etree._Element) -> str:
    """All text of the element, exactly as written (adjacent CDATA sections joined)."""
    if len(elem):  # only a comment or a stray element splits the text
        # lxml only yields bytes for trees parsed without unicode support, never for XML files.
        return "".join(cast(Iterator[str], elem.itertext()))
    return elem.text or ""


def scalar_text(elem: etree._Element) -> str:
    """Text of a scalar field, stripped: pretty-printed exports pad ids, dates and slugs with whitespace."""
    return full_text(elem).strip()


def int_text(elem: etree._Element, name: str) -> int:
    """An integer field; empty counts as 0, as PHP's (int) cast that WordPress applies."""
    text = scalar_text(elem)
    if not text:
        return 0
    if text.isascii() and text.removeprefix("-").isdigit():
        return int(text)
    raise InvalidFieldError(f"{name} is not an integer: {text!r}", source_line(elem))


def meta_row(elem: etree._Element, names: TagNames) -> Meta:
    """A meta row: the key is a name (stripped), the value stays exactly as exported."""
    key = value = ""
    for child in elem:
        name = names[child.tag]
        if name == "wp:meta_value":
            value = full_text(child)
        elif name == "wp:meta_key":
            key = full_text(child).strip()
    return Meta(key, value)
