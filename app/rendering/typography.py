"""Small ``the_content`` filters: ``capital_P_dangit``, ``convert_chars``, ``convert_smilies``, link rel."""

from __future__ import annotations

import re

from app.rendering.html_split import html_split

_DANGIT_CONTEXT = (" ", "&#8216;", "&#8220;", ">", "(")
_BARE_AMP = re.compile(r"&([^#])(?![a-z1-4]{1,8};)", re.ASCII | re.IGNORECASE)


def capital_p_dangit(text: str) -> str:
    """``capital_P_dangit()`` for content: fix "Wordpress" only after a space, quote, ``>`` or ``(``."""
    if "Wordpress" not in text:
        return text
    for before in _DANGIT_CONTEXT:
        text = text.replace(before + "Wordpress", before + "WordPress")
    return text


def capital_p_dangit_title(text: str) -> str:
    """``capital_P_dangit()`` as run on ``the_title``: a plain replacement."""
    return text.replace("Wordpress", "WordPress")


def convert_chars(text: str) -> str:
    """``convert_chars()``: a bare ``&`` that starts no entity becomes ``&#038;``."""
    return _BARE_AMP.sub(r"&#038;\1", text) if "&" in text else text


# convert_smilies(): WordPress's default smiley table, mapped to emoji (only :mrgreen: is an image).
_SMILIES = {
    ":mrgreen:": "mrgreen.png",
    ":neutral:": "\U0001f610",
    ":twisted:": "\U0001f608",
    ":arrow:": "\u27a1",
    ":shock:": "\U0001f62f",
    ":smile:": "\U0001f642",
    ":???:": "\U0001f615",
    ":cool:": "\U0001f60e",
    ":evil:": "\U0001f47f",
    ":grin:": "\U0001f600",
    ":idea:": "\U0001f4a1",
    ":oops:": "\U0001f633",
    ":razz:": "\U0001f61b",
    ":roll:": "\U0001f644",
    ":wink:": "\U0001f609",
    ":cry:": "\U0001f625",
    ":eek:": "\U0001f62e",
    ":lol:": "\U0001f606",
    ":mad:": "\U0001f621",
    ":sad:": "\U0001f641",
    "8-)": "\U0001f60e",
    "8-O": "\U0001f62f",
    ":-(": "\U0001f641",
    ":-)": "\U0001f642",
    ":-?": "\U0001f615",
    ":-D": "\U0001f600",
    ":-P": "\U0001f61b",
    ":-o": "\U0001f62e",
    ":-x": "\U0001f621",
    ":-|": "\U0001f610",
    ";-)": "\U0001f609",
    "8O": "\U0001f62f",
    ":(": "\U0001f641",
    ":)": "\U0001f642",
    ":?": "\U0001f615",
    ":D": "\U0001f600",
    ":P": "\U0001f61b",
    ":o": "\U0001f62e",
    ":x": "\U0001f621",
    ":|": "\U0001f610",
    ";)": "\U0001f609",
    ":!:": "\u2757",
    ":?:": "\u2753",
}
# smilies_init(): longest first, each smiley must be preceded by whitespace (or start) and followed
# by whitespace (or end).
_SMILEY_ALTERNATION = "|".join(re.escape(s) for s in sorted(_SMILIES, key=len, reverse=True))
_SMILEY_RE = re.compile(rf"(?:^|(?<=[ \t\n\r\f\v]))({_SMILEY_ALTERNATION})(?=[ \t\n\r\f\v]|$)", re.MULTILINE)
# Where no smiley occurs at all, whatever precedes or follows it, convert_smilies() changes nothing.
_ANY_SMILEY = re.compile(_SMILEY_ALTERNATION)


def _by_first_character() -> list[re.Pattern[str]]:
    # One pattern per first character, each starting with that literal character so that the engine jumps
    # between its occurrences; together they find every smiley (and, for the colon, some non-smileys).
    patterns = []
    for first in sorted({smiley[0] for smiley in _SMILIES}):
        rests = sorted({smiley[1:] for smiley in _SMILIES if smiley[0] == first}, key=len, reverse=True)
        if first == ":":
            rest = "[" + re.escape("".join(sorted({rest[0] for rest in rests}))) + "]"
        else:
            rest = "(?:" + "|".join(re.escape(rest) for rest in rests) + ")"
        patterns.append(re.compile(re.escape(first) + rest))
    return patterns


_SMILEY_STARTS = _by_first_character()
_SMILEY_FREE_TAGS = ("code", "pre", "style", "script", "textarea")
_TAG_NAME = re.compile(r"^<(/?)([a-zA-Z0-9]+)")
_TAG_SPLIT = re.compile(r"(<[^>]*>)")


def _smiley(match: re.Match[str], site_url: str) -> str:
    image = _SMILIES[match.group(1)]
    if not image.endswith(".png"):
        return image
    src = f"{site_url}/wp-includes/images/smilies/{image}"
    return f'<img src="{src}" alt="{match.group(1)}" class="wp-smiley" style="height: 1em; max-height: 1em;" />'


def convert_smilies(text: str, site_url: str) -> str:
    """``convert_smilies()``: text smileys in running text (not in code/pre/...) become emoji."""
    if not any(pattern.search(text) for pattern in _SMILEY_STARTS) or not _ANY_SMILEY.search(text):
        return text
    parts = _TAG_SPLIT.split(text)
    ignoring: str | None = None
    for index, part in enumerate(parts):
        tag = _TAG_NAME.match(part) if part.startswith("<") else None
        if tag is not None:
            name = tag.group(2).lower()
            if ignoring is None and not tag.group(1) and name in _SMILEY_FREE_TAGS:
                ignoring = name
            elif ignoring == name and tag.group(1):
                ignoring = None
        elif ignoring is None and part and part[0] != "<":
            if _ANY_SMILEY.search(part):
                parts[index] = _SMILEY_RE.sub(lambda m: _smiley(m, site_url), part)
    return "".join(parts)


_ANCHOR = re.compile(r"<a\s[^>]*>", re.IGNORECASE | re.ASCII)
_TARGET = re.compile(r"""\starget\s*=\s*(["']?)_blank\1""", re.IGNORECASE | re.ASCII)
_REL = re.compile(r"""(\srel\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.ASCII | re.DOTALL)


def _add_noopener(anchor: str) -> str:
    if not _TARGET.search(anchor):
        return anchor
    rel = _REL.search(anchor)
    if rel is None:
        return anchor[:-1].rstrip(" /") + ' rel="noopener"' + (" />" if anchor.endswith("/>") else ">")
    values = rel.group(3).split()
    if "noopener" in values:
        return anchor
    joined = " ".join([*values, "noopener"])
    return anchor[: rel.start()] + f'{rel.group(1)}"{joined}"' + anchor[rel.end() :]


def targeted_link_rel(html: str) -> str:
    """``wp_targeted_link_rel()`` (run by WordPress when content is saved): ``rel="noopener"``."""
    if "_blank" not in html:
        return html
    parts = html_split(html)
    for index in range(1, len(parts), 2):
        if parts[index][:2].lower() == "<a":
            parts[index] = _ANCHOR.sub(lambda m: _add_noopener(m.group(0)), parts[index])
    return "".join(parts)
