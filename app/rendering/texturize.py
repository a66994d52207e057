"""``wptexturize()``: smart quotes, dashes, ellipses, primes and the multiplication sign."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

_NO_TEXTURIZE_TAGS = ("pre", "code", "kbd", "style", "script", "tt")
_NO_TEXTURIZE_SHORTCODES = ("code",)
_NO_TEXTURIZE_INITIALS = frozenset(name[0] for name in _NO_TEXTURIZE_TAGS)

OPEN_Q, CLOSE_Q = "&#8220;", "&#8221;"
OPEN_SQ, CLOSE_SQ, APOS = "&#8216;", "&#8217;", "&#8217;"
PRIME, DOUBLE_PRIME = "&#8242;", "&#8243;"
EN_DASH, EM_DASH = "&#8211;", "&#8212;"
# Placeholders WordPress uses so that primes can be told apart from closing quotes later.
_OPEN_Q_FLAG, _OPEN_SQ_FLAG, _APOS_FLAG = "<!--oq-->", "<!--osq-->", "<!--apos-->"
_PRIME_FLAG = "<!--wp-prime-or-quote-->"

_COCKNEY = ("'tain't", "'twere", "'twas", "'tis", "'twill", "'til", "'bout", "'nuff", "'round", "'cause", "'em")
_STATIC = {"...": "&#8230;", "``": OPEN_Q, "''": CLOSE_Q, " (tm)": " &#8482;"}
_STATIC.update({word: word.replace("'", APOS) for word in _COCKNEY})
_STATIC_RE = re.compile("|".join(re.escape(key) for key in _STATIC))

# wp_spaces_regexp(): '[\r\n\t ]|\xC2\xA0|&nbsp;'.
_SP = r"(?:[\r\n\t \xa0]|&nbsp;)"
_SP_CHARS = r"\r\n\t \xa0"
_QUOTE_END = rf"(?=\Z|[.,:;!?)}}\-\]]|&gt;|{_SP})"


# PHP's rules look behind before the quote or dash they replace. Here the character comes first and the
# lookbehinds (fixed width in Python, so spelled out one by one) include it: the same matches, but the regex
# engine can jump from one candidate character to the next instead of trying every position.
def _after(literal: str, chars: str, entities: tuple[str, ...] = ("&nbsp;",)) -> str:
    """``literal`` at the start of the text, or after one of ``chars`` or ``entities``."""
    behind = [rf"\A{literal}", rf"[{chars}]{literal}", *(entity + literal for entity in entities)]
    return literal + "(?:" + "|".join(f"(?<={pattern})" for pattern in behind) + ")"


def _not_after_space(literal: str) -> str:
    return rf"{literal}(?<![{_SP_CHARS}]{literal})(?<!&nbsp;{literal})"


def _rules(pairs: Iterable[tuple[str, str]]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(pattern, re.ASCII), replacement) for pattern, replacement in pairs]


_APOS_RULES = _rules(
    [
        (rf"'(\d\d)'{_QUOTE_END}", _APOS_FLAG + r"\1" + CLOSE_SQ),
        (rf"'(\d\d)\"{_QUOTE_END}", _APOS_FLAG + r"\1" + CLOSE_Q),
        (r"'(?=\d\d(?:\Z|(?![%\d]|[.,]\d)))", _APOS_FLAG),
        (_after("'", _SP_CHARS) + r"(\d[.,\d]*)'", _OPEN_SQ_FLAG + r"\1" + CLOSE_SQ),
        (_after("'", r"(\[{\"\-" + _SP_CHARS, ("&lt;", "&nbsp;")), _OPEN_SQ_FLAG),
        (_not_after_space("'") + rf"(?!\Z|[.,:;!?\"'(){{}}\[\]\-]|&[lg]t;|{_SP})", _APOS_FLAG),
    ]
)
_QUOTE_RULES = _rules(
    [
        (_after('"', _SP_CHARS) + r"(\d[.,\d]*)\"", _OPEN_Q_FLAG + r"\1" + CLOSE_Q),
        (_after('"', r"(\[{\-" + _SP_CHARS, ("&lt;", "&nbsp;")) + rf"(?!{_SP})", _OPEN_Q_FLAG),
    ]
)
_DASH_RULES = _rules(
    [
        (r"---", EM_DASH),
        (_after("--", _SP_CHARS) + rf"(?=$|{_SP})", EM_DASH),
        (r"--(?<!xn--)", EN_DASH),
        (_after("-", _SP_CHARS) + rf"(?=$|{_SP})", EN_DASH),
    ]
)
# Whether _TIMES can match: a digit, "x", a digit (the "x" first, for the engine to jump to).
_TIMES_HINT = re.compile(r"x(?<=[0-9]x)[0-9]")
# PHP: \b(\d(?(?<=0)[\d\.,]+|[\d\.,]*))x(\d[\d\.,]*)\b -- a leading zero needs more digits.
_TIMES = re.compile(r"\b(0[\d.,]+|[1-9][\d.,]*)x(\d[\d.,]*)\b", re.ASCII)
_BARE_AMP = re.compile(r"&(?!#(?:\d+|x[a-f0-9]+);|[a-z1-4]{1,8};)", re.ASCII | re.IGNORECASE)
_SHORTCODE_NAMES = re.compile(r"\[/?([^<>&/\[\]\x00-\x20=]++)")
_SPLIT_COMMENT = r"!(?:-(?!->)[^\-]*+)*+(?:-->)?"
_SPLIT_HTML = rf"<(?:(?=!--){_SPLIT_COMMENT}|[^>]*>?)"


def _shortcode_regex(tagnames: Iterable[str]) -> str:
    names = "|".join(re.escape(name) for name in tagnames)
    return rf"\[[/\[]?(?:{names})(?=[\s\]/])(?:[^\[\]<>]+|<[^\[\]>]*>)*+\]\]?"


def _apply(rules: list[tuple[re.Pattern[str], str]], text: str) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


_FLAG_NO_DIGIT = re.compile(rf"{_PRIME_FLAG}(?<!\d{_PRIME_FLAG})")
_FLAG_AFTER_DIGIT = re.compile(rf"{_PRIME_FLAG}(?<=\d{_PRIME_FLAG})")


def _close_multiple(sentence: str, close_quote: str) -> str:
    # "Vulcan logic" of wptexturize_primes() for sentences with several closing-quote candidates.
    sentence, count = _FLAG_NO_DIGIT.subn(close_quote, sentence)
    if count:
        return sentence
    position = sentence.rfind(_PRIME_FLAG + ".")
    if position < 0:
        position = sentence.rfind(_PRIME_FLAG)
    return sentence[:position] + close_quote + sentence[position + len(_PRIME_FLAG) :]


@functools.cache
def _prime_patterns(needle: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    # The quote before a sentence end, and the quote after a digit.
    quote = re.escape(needle)
    return re.compile(quote + _QUOTE_END, re.ASCII), re.compile(f"{quote}(?<=\\d{quote})", re.ASCII)


def texturize_primes(text: str, needle: str, prime: str, open_quote: str, close_quote: str) -> str:
    """``wptexturize_primes()``: decide between primes and closing quotes after each opening quote."""
    quote_pattern, prime_pattern = _prime_patterns(needle)
    sentences = text.split(open_quote)
    for key, sentence in enumerate(sentences):
        if needle not in sentence:
            continue
        if key != 0 and close_quote not in sentence:
            sentence, count = quote_pattern.subn(_PRIME_FLAG, sentence)
            if count > 1:
                sentence = prime_pattern.sub(prime, _close_multiple(sentence, close_quote))
                sentence = _FLAG_AFTER_DIGIT.sub(prime, sentence).replace(_PRIME_FLAG, close_quote)
            elif count == 1:
                sentence = prime_pattern.sub(prime, sentence.replace(_PRIME_FLAG, close_quote))
            else:
                sentence = prime_pattern.sub(prime, sentence)
        else:
            sentence = quote_pattern.sub(close_quote, prime_pattern.sub(prime, sentence))
        if needle == '"' and '"' in sentence:
            sentence = sentence.replace('"', close_quote)
        sentences[key] = sentence
    return open_quote.join(sentences)


def texturize_text(text: str) -> str:
    """Texturize one run of plain text (no tags), the inner step of ``wptexturize()``."""
    if "'" in text or "..." in text or "``" in text or " (tm)" in text:
        text = _STATIC_RE.sub(lambda match: _STATIC[match.group(0)], text)
    if "'" in text:
        text = texturize_primes(_apply(_APOS_RULES, text), "'", PRIME, _OPEN_SQ_FLAG, CLOSE_SQ)
        text = text.replace(_APOS_FLAG, APOS).replace(_OPEN_SQ_FLAG, OPEN_SQ)
    if '"' in text:
        text = texturize_primes(_apply(_QUOTE_RULES, text), '"', DOUBLE_PRIME, _OPEN_Q_FLAG, CLOSE_Q)
        text = text.replace(_OPEN_Q_FLAG, OPEN_Q)
    if "-" in text:
        text = _apply(_DASH_RULES, text)
    if _TIMES_HINT.search(text):
        text = _TIMES.sub(r"\1&#215;\2", text)
    return _BARE_AMP.sub("&#038;", text) if "&" in text else text


def _changes_nothing(text: str) -> bool:
    # Without these characters no pass of texturize_text() matches and no tag has an ampersand to escape.
    for needle in ("'", '"', "-", "&", "...", "``", " (tm)"):
        if needle in text:
            return False
    return _TIMES_HINT.search(text) is None


def _push_pop(token: str, stack: list[str], disabled: tuple[str, ...]) -> None:
    # _wptexturize_pushpop_element(): track nesting of no-texturize tags or shortcodes.
    is_opening = len(token) > 1 and token[1] != "/"
    if not is_opening and not stack:
        return
    offset = 1 if is_opening else 2
    space = token.find(" ")
    name = token[offset:-1] if space < 0 else token[offset:space]
    if name in disabled:
        if is_opening:
            stack.append(name)
        elif stack[-1] == name:
            stack.pop()


def _remembered(part: str, memo: dict[str, str]) -> str:
    done = memo.get(part)
    if done is None:
        done = memo[part] = texturize_text(part)
    return done


class Texturizer:
    """``wptexturize()`` configured with the registered shortcode names."""

    def __init__(self, shortcode_names: Iterable[str]) -> None:
        self.shortcode_names = frozenset(shortcode_names)
        self._plain_split = re.compile(f"({_SPLIT_HTML})")

    def __call__(self, text: str, memo: dict[str, str] | None = None) -> str:
        """``wptexturize()`` of the text (``memo``: texturized text runs to reuse and add to)."""
        if not text or _changes_nothing(text):
            return text
        found = self.shortcode_names.intersection(_SHORTCODE_NAMES.findall(text)) if "[" in text else None
        shortcode_re = _shortcode_regex(sorted(found)) if found else ""
        splitter = re.compile(f"({_SPLIT_HTML}|{shortcode_re})", re.ASCII) if found else self._plain_split
        whole_shortcode = re.compile(shortcode_re, re.ASCII) if found else None
        parts = splitter.split(text)
        tag_stack: list[str] = []
        shortcode_stack: list[str] = []
        for index, part in enumerate(parts):
            if not part:
                continue
            first = part[0]
            if first == "<":
                if part.startswith("<!--"):
                    continue
                if "&" in part:
                    parts[index] = part = _BARE_AMP.sub("&#038;", part)
                # Only a tag named like a no-texturize one, or any tag while one is open, moves the stack.
                if tag_stack or part[1:2] in _NO_TEXTURIZE_INITIALS:
                    _push_pop(part, tag_stack, _NO_TEXTURIZE_TAGS)
            elif not part.strip(" \t\n\r\0\x0b"):
                continue
            elif first == "[" and whole_shortcode is not None and whole_shortcode.fullmatch(part):
                if not part.startswith("[[") and not part.endswith("]]"):
                    _push_pop(part, shortcode_stack, _NO_TEXTURIZE_SHORTCODES)
            elif not tag_stack and not shortcode_stack:
                parts[index] = texturize_text(part) if memo is None else _remembered(part, memo)
        return "".join(parts)
