"""The shortcode API: ``do_shortcode()``, ``shortcode_parse_atts()``, ``strip_shortcodes()``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from app.rendering.html_split import html_split

ShortcodeAttrs = dict[str | int, str]
# A handler gets the parsed attributes (a plain string when none parsed), the enclosed content
# (None for a self-closing shortcode) and the tag name, like a PHP shortcode callback.
ShortcodeHandler = Callable[[ShortcodeAttrs | str, str | None, str], str]

_NAMES_IN_TEXT = re.compile(r"\[([^<>&/\[\]\x00-\x20=]++)")
_ATTRS = re.compile(
    r"([\w-]+)\s*=\s*\"([^\"]*)\"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'\"]+)(?:\s|$)"
    r"|\"([^\"]*)\"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)",
    re.ASCII,
)
_UNCLOSED_HTML_OK = re.compile(r"^[^<]*+(?:<[^>]*+>[^<]*+)*+$")
_ODD_SPACES = re.compile("[\u00a0\u200b]+")
_C_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)", re.DOTALL)
_C_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "v": "\v", "b": "\b", "f": "\f"}


def _stripcslashes_one(match: re.Match[str]) -> str:
    token = match.group(1)
    if token[0] == "x" and len(token) > 1:
        return chr(int(token[1:], 16))
    if token[0] in "01234567":
        return chr(int(token, 8) & 0xFF)
    return _C_SIMPLE.get(token, token)


def stripcslashes(value: str) -> str:
    """PHP's ``stripcslashes()``, which WordPress applies to every shortcode attribute value."""
    return _C_ESCAPE.sub(_stripcslashes_one, value) if "\\" in value else value


def shortcode_parse_atts(text: str) -> ShortcodeAttrs | str:
    """``shortcode_parse_atts()``: named attributes lower-cased, bare values numbered from 0."""
    text = _ODD_SPACES.sub(" ", text)
    matches = list(_ATTRS.finditer(text))
    if not matches:
        return text.lstrip(" \t\n\r\0\x0b")
    attrs: ShortcodeAttrs = {}
    position = 0
    for match in matches:
        groups = match.groups()
        for name_index in (0, 2, 4):
            if groups[name_index]:
                attrs[groups[name_index].lower()] = stripcslashes(groups[name_index + 1])
                break
        else:
            value = next((g for g in groups[6:] if g is not None), "")
            attrs[position] = stripcslashes(value)
            position += 1
    for key, value in attrs.items():
        if "<" in value and not _UNCLOSED_HTML_OK.match(value):
            attrs[key] = ""
    return attrs


def shortcode_atts(defaults: Mapping[str, str], attrs: ShortcodeAttrs | str) -> dict[str, str]:
    """``shortcode_atts()``: the known attributes with defaults filled in, the rest dropped."""
    given = attrs if isinstance(attrs, dict) else {}
    return {name: str(given.get(name, default)) for name, default in defaults.items()}


def shortcode_regex(tagnames: Iterable[str]) -> re.Pattern[str]:
    """``get_shortcode_regex()`` for the given tag names."""
    names = "|".join(re.escape(name) for name in tagnames)
    return re.compile(
        rf"\[(\[?)({names})(?![\w-])([^\]/]*(?:/(?!\])[^\]/]*)*?)"
        r"(?:(/)\]|\](?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?)(\]?)",
        re.ASCII,
    )


def _escape_brackets(tag: str) -> str:
    # Two replacements (neither puts back what the other looks for) run faster than str.translate() on text
    # with wide characters, which maps it character by character.
    return tag.replace("[", "&#91;").replace("]", "&#93;")


# Without comments or CDATA sections, html_split()'s tags run from each "<" to the next ">" (or the end), and
# this finds exactly those that hold a bracket (a "<" inside a tag without one cannot start a match either).
_TAG_WITH_BRACKET = re.compile(r"<[^>\[\]]*[\[\]][^>]*>?")


def _escape_brackets_in_tags(content: str) -> str:
    # do_shortcodes_in_html_tags(): brackets inside tags and comments must not start or end a
    # shortcode; they are escaped here and restored by unescape_invalid_shortcodes().
    if "<!" not in content:
        return _TAG_WITH_BRACKET.sub(lambda tag: _escape_brackets(tag[0]), content)
    parts = html_split(content)
    tags = "".join(parts[1::2])
    if "[" not in tags and "]" not in tags:
        return content
    for index in range(1, len(parts), 2):
        if "[" in parts[index] or "]" in parts[index]:
            parts[index] = _escape_brackets(parts[index])
    return "".join(parts)


class ShortcodeRegistry:
    """The registered shortcodes (``$shortcode_tags``) and the functions that use them."""

    def __init__(self, handlers: Mapping[str, ShortcodeHandler]) -> None:
        self.handlers = dict(handlers)
        self._regex_cache: dict[frozenset[str], re.Pattern[str]] = {}

    def _regex_for(self, names: frozenset[str]) -> re.Pattern[str]:
        if names not in self._regex_cache:
            ordered = [name for name in self.handlers if name in names]
            self._regex_cache[names] = shortcode_regex(ordered)
        return self._regex_cache[names]

    def _call(self, match: re.Match[str]) -> str:
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]
        tag = match.group(2)
        attrs = shortcode_parse_atts(match.group(3))
        output = self.handlers[tag](attrs, match.group(5), tag)
        return match.group(1) + output + match.group(6)

    def do_shortcode(self, content: str) -> str:
        """``do_shortcode()``: expand registered shortcodes, leave unknown ones as text."""
        if "[" not in content:
            return content
        names = frozenset(self.handlers).intersection(_NAMES_IN_TEXT.findall(content))
        if not names:
            return content
        content = _escape_brackets_in_tags(content)
        content = self._regex_for(names).sub(self._call, content)
        return content.replace("&#91;", "[").replace("&#93;", "]")

    def strip_shortcodes(self, content: str) -> str:
        """``strip_shortcodes()``: remove registered shortcodes (escaped ``[[x]]`` ones keep ``[x]``)."""
        if "[" not in content:
            return content
        names = frozenset(self.handlers).intersection(_NAMES_IN_TEXT.findall(content))
        if not names:
            return content
        content = _escape_brackets_in_tags(content)
        content = self._regex_for(names).sub(_strip_one, content)
        return content.replace("&#91;", "[").replace("&#93;", "]")


def _strip_one(match: re.Match[str]) -> str:
    # strip_shortcode_tag(): an escaped shortcode loses one pair of brackets, others vanish.
    if match.group(1) == "[" and match.group(6) == "]":
        return match.group(0)[1:-1]
    return match.group(1) + match.group(6)
