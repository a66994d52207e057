"""``wpautop()`` and ``shortcode_unautop()``: paragraphs for classic content."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from app.rendering.html_split import replace_in_html_tags

_WS = r"[ \t\n\r\f\v]"
_ALLBLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area"
    r"|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header"
    r"|footer|nav|figure|figcaption|details|menu|summary)"
)


Replacement = str | Callable[[re.Match[str]], str]


def _subs(*pairs: tuple[str, Replacement]) -> list[tuple[re.Pattern[str], Replacement]]:
    return [(re.compile(pattern, re.ASCII), replacement) for pattern, replacement in pairs]


def _group(number: int, before: str = "", after: str = "") -> Callable[[re.Match[str]], str]:
    """The replacement ``before\\N after``: Python 3.11 expands such a template in Python code for each match,
    several times slower than this."""
    return lambda match: before + match[number] + after


_DOUBLE_BR = re.compile(rf"<br{_WS}*/?>{_WS}*<br{_WS}*/?>")
_BLOCK_BREAKS = _subs(
    # Two newlines before an opening tag, put back with its "<" so that no callback is needed (the rest of
    # the tag name holds no "<", so no match the original pattern skipped could start inside it).
    (rf"<(?={_ALLBLOCKS}[\s/>])", "\n\n<"),
    (rf"(</{_ALLBLOCKS}>)", _group(1, after="\n\n")),
    (r"(<hr\s*?/?>)", _group(1, after="\n\n")),
)
_OPTION = _subs((r"\s*<option", "<option"), (r"</option>\s*", "</option>"))
_OBJECT = _subs(
    (r"(<object[^>]*>)\s*", _group(1)),
    (r"\s*</object>", "</object>"),
    (r"\s*(</?(?:param|embed)[^>]*>)\s*", _group(1)),
)
_MEDIA = _subs(
    (r"([<\[](?:audio|video)[^>\]]*[>\]])\s*", _group(1)),
    (r"\s*([<\[]/(?:audio|video)[>\]])", _group(1)),
    (r"\s*(<(?:source|track)[^>]*>)\s*", _group(1)),
)
_FIGCAPTION = _subs((r"\s*(<figcaption[^>]*>)", _group(1)), (r"</figcaption>\s*", "</figcaption>"))
_MANY_NEWLINES = re.compile(r"\n\n+")
_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n", re.ASCII)
_CLEANUP = _subs(
    (r"<p>\s*</p>", ""),
    (r"<p>([^<]+)</(div|address|form)>", lambda match: f"<p>{match[1]}</p></{match[2]}>"),
    (rf"<p>\s*(</?{_ALLBLOCKS}[^>]*>)\s*</p>", _group(1)),
    (r"<p>(<li.+?)</p>", _group(1)),
)
_BLOCKQUOTE_OPEN = re.compile(r"<p><blockquote([^>]*)>", re.IGNORECASE)
_BLOCKQUOTE_HINT = re.compile(r"<[pP]><")
_CLEANUP_1_CLOSER = re.compile(r"</(?:div|address|form)>")
_CLEANUP_AFTER_QUOTE = _subs(
    (rf"<p>\s*(</?{_ALLBLOCKS}[^>]*>)", _group(1)),
    (rf"(</?{_ALLBLOCKS}[^>]*>)\s*</p>", _group(1)),
)
_PRESERVE_NEWLINES = re.compile(r"<(script|style|svg|math).*?</\1>", re.DOTALL)
_NEWLINE_TO_BR = re.compile(r"(?<!<br />)\s*\n", re.ASCII)
# The same where no space, tab, form feed, vertical tab or carriage return comes right before a newline: then
# the whitespace that _NEWLINE_TO_BR takes up to a run's last newline is newlines only, so the engine can jump
# from newline to newline (a run after "<br />" keeps its first newline, as the lookbehind does there).
_NEWLINES_TO_BR = re.compile(r"\n(?<!<br />\n)\n*")
_SPACE_BEFORE_NEWLINE = re.compile(r"\n(?<=[ \t\f\v]\n)")
_PRESERVING_TAG = re.compile(r"<(?:script|style|svg|math)")
_TRAILING_BR = _subs(
    (rf"(</?{_ALLBLOCKS}[^>]*>)\s*<br />", _group(1)),
    (r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", _group(1)),
    (r"\n</p>$", "</p>"),
)


def _apply(rules: list[tuple[re.Pattern[str], Replacement]], text: str) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def _protect_pre(text: str) -> tuple[str, dict[str, str]]:
    # <pre> blocks are swapped for placeholders so that nothing inside them changes.
    if "<pre" not in text:
        return text, {}
    parts = text.split("</pre>")
    last = parts.pop()
    pieces: list[str] = []
    saved: dict[str, str] = {}
    for part in parts:
        start = part.find("<pre")
        if start < 0:
            pieces.append(part)
            continue
        name = f"<pre wp-pre-tag-{len(saved)}></pre>"
        saved[name] = part[start:] + "</pre>"
        pieces.append(part[:start] + name)
    return "".join(pieces) + last, saved


# Each of these tags calls for its own rules; one scan tells which occur (none of them can hide another).
_COLLAPSING_TAGS = re.compile(r"<(option|/object>|source|track|figcaption)")


def _collapse_around_tags(text: str) -> str:
    found = set(_COLLAPSING_TAGS.findall(text))
    if not found:
        return text
    if "option" in found:
        text = _apply(_OPTION, text)
    if "/object>" in found:
        text = _apply(_OBJECT, text)
    if "source" in found or "track" in found:
        text = _apply(_MEDIA, text)
    if "figcaption" in found:
        text = _apply(_FIGCAPTION, text)
    return text


def _wrap_paragraphs(text: str) -> str:
    text = _MANY_NEWLINES.sub("\n\n", text)
    chunks = [chunk for chunk in _PARAGRAPH_SPLIT.split(text) if chunk]
    text = "".join(f"<p>{chunk.strip(chr(10))}</p>\n" for chunk in chunks)
    text = _CLEANUP[0][0].sub("", text)
    if _CLEANUP_1_CLOSER.search(text):
        text = _CLEANUP[1][0].sub(_CLEANUP[1][1], text)
    text = _apply(_CLEANUP[2:3], text)
    if "<p><li" in text:
        text = _apply(_CLEANUP[3:], text)
    if _BLOCKQUOTE_HINT.search(text):  # _BLOCKQUOTE_OPEN ignores case; the <p> may be the author's
        text = _BLOCKQUOTE_OPEN.sub(r"<blockquote\1><p>", text)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    return _apply(_CLEANUP_AFTER_QUOTE, text)


def _line_breaks(text: str) -> str:
    # Each check is a scan of the whole text, as costly as a simple regex pass: they are kept few.
    preserve = _PRESERVING_TAG.search(text) is not None
    if preserve:
        text = _PRESERVE_NEWLINES.sub(lambda m: m.group(0).replace("\n", "<WPPreserveNewline />"), text)
    if "<br" in text:
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
    if "\r" in text or _SPACE_BEFORE_NEWLINE.search(text):
        text = _NEWLINE_TO_BR.sub("<br />\n", text)
    else:
        text = _NEWLINES_TO_BR.sub("<br />\n", text)
    return text.replace("<WPPreserveNewline />", "\n") if preserve else text


def wpautop(text: str, br: bool = True) -> str:
    """WordPress's ``wpautop()``: blank-line separated chunks become paragraphs, newlines ``<br />``."""
    if not text.strip(" \t\n\r\0\x0b"):
        return ""
    if "<" not in text and "\n" not in text and "\r" not in text and text.strip(" \t\f\v"):
        # One line of plain text that is not all spaces (a generated excerpt, say): no rule but the paragraph
        # has anything to act on.
        return f"<p>{text}</p>\n"
    text, pre_tags = _protect_pre(text + "\n")
    if "<br" in text:
        text = _DOUBLE_BR.sub("\n\n", text)
    text = _apply(_BLOCK_BREAKS, text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = replace_in_html_tags(text, "\n", " <!-- wpnl --> ")
    text = _wrap_paragraphs(_collapse_around_tags(text))
    if br:
        text = _line_breaks(text)
    if "<br />" in text:
        text = _apply(_TRAILING_BR[:2], text)
    if "\n</p>" in text:
        text = _TRAILING_BR[2][0].sub(_TRAILING_BR[2][1], text)
    for name, original in pre_tags.items():
        text = text.replace(name, original)
    if "<!-- wpnl -->" in text:
        text = text.replace(" <!-- wpnl --> ", "\n").replace("<!-- wpnl -->", "\n")
    return text


def shortcode_unautop_pattern(tagnames: Iterable[str]) -> re.Pattern[str]:
    """The regex ``shortcode_unautop()`` builds for the registered shortcode names."""
    names = "|".join(re.escape(name) for name in tagnames)
    spaces = r"(?:[\r\n\t \xa0]|&nbsp;)"
    return re.compile(
        rf"<p>{spaces}*+(\[({names})(?![\w-])[^\]/]*(?:/(?!\])[^\]/]*)*?"
        rf"(?:/\]|\](?:[^\[]*+(?:\[(?!/\2\])[^\[]*+)*+\[/\2\])?)){spaces}*+</p>",
        re.ASCII,
    )


def shortcode_unautop(text: str, pattern: re.Pattern[str]) -> str:
    """``shortcode_unautop()``: unwrap a paragraph that holds nothing but a registered shortcode."""
    return pattern.sub(_group(1), text) if "[" in text else text
