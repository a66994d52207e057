"""Splitting HTML into tags and text (``wp_html_split``, ``wp_replace_in_html_tags``)."""

from __future__ import annotations

import re

# get_html_split_regex(): comments and CDATA are consumed whole, other tags up to the first '>'.
_COMMENT = r"!(?:-(?!->)[^\-]*+)*+(?:-->)?"
_CDATA = r"!\[CDATA\[[^\]]*+(?:](?!]>)[^\]]*+)*+(?:]]>)?"
HTML_SPLIT = re.compile(rf"(<(?:(?=!--){_COMMENT}|(?=!\[CDATA\[){_CDATA}|[^>]*>?))")


def html_split(text: str) -> list[str]:
    """``wp_html_split()``: alternating text (even indexes) and tags (odd indexes)."""
    return HTML_SPLIT.split(text)


def replace_in_html_tags(text: str, needle: str, replacement: str) -> str:
    """``wp_replace_in_html_tags()`` for one pair: replace inside tags and comments only."""
    if needle not in text:
        return text
    parts = html_split(text)
    if needle not in "".join(parts[1::2]):
        return text  # found only in text between tags (the joined tags hold every match, and maybe more)
    for index in range(1, len(parts), 2):
        if needle in parts[index]:
            parts[index] = parts[index].replace(needle, replacement)
    return "".join(parts)
