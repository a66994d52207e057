"""WordPress's ``sanitize_title()``: how a slug is stored, and how a slug asked for is looked up.

WordPress runs every post_name and term slug it stores, and every ``slug`` a REST request names, through
``sanitize_title()`` (``remove_accents()`` then ``sanitize_title_with_dashes()`` in the "save" context). Its own
exports hold slugs that way already; exports written by other tools may carry spaces, capitals, dots or accented
letters, which WordPress would have turned into the slug its URLs use.
"""

from __future__ import annotations

import re
import unicodedata

# remove_accents(): letters that do not decompose into an ASCII letter and accents.
_LETTERS = {
    "ª": "a",
    "º": "o",
    "Æ": "AE",
    "æ": "ae",
    "Ð": "D",
    "ð": "d",
    "Ø": "O",
    "ø": "o",
    "Þ": "TH",
    "þ": "th",
    "ß": "s",
    "Đ": "D",
    "đ": "d",
    "Ħ": "H",
    "ħ": "h",
    "ı": "i",
    "Ĳ": "IJ",
    "ĳ": "ij",
    "ĸ": "k",
    "Ŀ": "L",
    "ŀ": "l",
    "Ł": "L",
    "ł": "l",
    "ŉ": "N",
    "Ŋ": "N",
    "ŋ": "n",
    "Œ": "OE",
    "œ": "oe",
    "Ŧ": "T",
    "ŧ": "t",
    "ſ": "s",
    "Ə": "E",
    "ə": "e",
    "€": "E",
    "£": "",
}
# The Latin blocks remove_accents() covers (Latin-1 Supplement letters, Extended-A and -B, Extended Additional).
_LATIN = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")

# sanitize_title_with_dashes(), "save" context: encoded characters that become hyphens, or nothing, or "x".
_TO_HYPHEN = ("%c2%a0", "%e2%80%93", "%e2%80%94", "&nbsp;", "&#160;", "&ndash;", "&#8211;", "&mdash;", "&#8212;", "/")
_STRIPPED = (
    "%c2%ad %c2%a1 %c2%bf %c2%ab %c2%bb %e2%80%b9 %e2%80%ba %e2%80%98 %e2%80%99 %e2%80%9c %e2%80%9d %e2%80%9a "
    "%e2%80%9b %e2%80%9e %e2%80%9f %e2%80%a2 %c2%a9 %c2%ae %c2%b0 %e2%80%a6 %e2%84%a2 %c2%b4 %cb%8a %cc%81 %cd%81 "
    "%cc%80 %cc%84 %cc%8c %e2%80%8b %e2%80%8c %e2%80%8d %e2%80%8e %e2%80%8f %e2%80%aa %e2%80%ab %e2%80%ac "
    "%e2%80%ad %e2%80%ae %ef%bb%bf %ef%bf%bc"
).split()
_SPACES = (
    "%e2%80%80 %e2%80%81 %e2%80%82 %e2%80%83 %e2%80%84 %e2%80%85 %e2%80%86 %e2%80%87 %e2%80%88 %e2%80%89 "
    "%e2%80%8a %e2%80%a8 %e2%80%a9 %e2%80%af"
).split()
MAX_ENCODED_LENGTH = 200  # utf8_uri_encode($title, 200)


def remove_accents(text: str) -> str:
    """Latin letters without their accents (``é`` → ``e``, ``ß`` → ``s``); other scripts are left alone."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text)
    out = []
    for char in text:
        if char in _LETTERS:
            out.append(_LETTERS[char])
        elif _LATIN.match(char):
            base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
            out.append(base if base.isascii() else char)
        else:
            out.append(char)
    return "".join(out)


def _strip_tags(text: str) -> str:
    # PHP's strip_tags(): a "<" before whitespace is text; an unclosed tag runs to the end.
    return re.sub(r"<(?!\s)[^>]*(?:>|$)", "", text)


def _uri_encode(text: str, length: int | None) -> str:
    """utf8_uri_encode(): non-ASCII characters as lower-case percent escapes, cut at ``length`` characters."""
    out: list[str] = []
    used = 0
    for char in text:
        encoded = char if char.isascii() else "".join(f"%{byte:x}" for byte in char.encode("utf-8"))
        if length is not None and used + len(encoded) > length:
            break
        out.append(encoded)
        used += len(encoded)
    return "".join(out)


# Lower-case ASCII words joined by single hyphens: a slug sanitize_title() returns unchanged.
_ALREADY_CLEAN = re.compile(r"[a-z0-9_]+(?:-[a-z0-9_]+)*")


def sanitize_title(title: str, max_length: int | None = MAX_ENCODED_LENGTH) -> str:
    """The slug WordPress stores for ``title`` (``sanitize_title($title)``, "save" context); ``max_length=None``
    keeps a slug longer than WordPress's 200 encoded characters whole."""
    if _ALREADY_CLEAN.fullmatch(title) and (max_length is None or len(title) <= max_length):
        return title  # what every step below would leave as it is: most slugs of an export
    text = _strip_tags(remove_accents(title))
    # Keep percent-encoded octets, drop other percent signs.
    text = re.sub(r"%([a-fA-F0-9]{2})", r"---\1---", text).replace("%", "")
    text = re.sub(r"---([a-fA-F0-9]{2})---", r"%\1", text)
    text = _uri_encode(text.lower(), max_length).lower()
    for encoded in _TO_HYPHEN:
        text = text.replace(encoded, "-")
    for encoded in _STRIPPED:
        text = text.replace(encoded, "")
    for encoded in _SPACES:
        text = text.replace(encoded, "-")
    text = text.replace("%c3%97", "x")
    text = re.sub(r"&.+?;", "", text)
    text = text.replace(".", "-")
    text = re.sub(r"[^%a-z0-9 _-]", "", text)
    text = re.sub(r"\s+", "-", text)
    text = re.sub(r"-+", "-", text)
    return text.strip("-")


def slug_lookups(slug: str) -> list[str]:
    """The stored slugs a ``slug`` parameter names (``wp_parse_slug_list()``): as ``sanitize_title()`` makes it,
    and whole when longer, as an import keeps the old site's longer slugs (see :func:`sanitize_title`)."""
    cut, whole = sanitize_title(slug), sanitize_title(slug, max_length=None)
    return [cut] if cut == whole else [cut, whole]
