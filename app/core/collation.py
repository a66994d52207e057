"""Sort keys that order text as WordPress's database does, the same on SQLite and PostgreSQL.

WordPress creates its text columns with the collation ``utf8mb4_unicode_520_ci`` (MySQL 5.6+ and MariaDB),
so ``ORDER BY post_title`` compares Unicode Collation Algorithm 5.2.0 weights at the primary level only:
case and accents do not count, punctuation does ("¿" and curly quotes come before digits, digits before
letters). Neither engine of ours has that collation, so each ordered column gets a binary key column, made
when the row is written, whose byte order (``memcmp``, shorter first on a tie) is that comparison:

* every character's primary weights from the DUCET 5.2.0 table (the ``pyuca`` package ships it), with no
  contractions and at most 8 weights per character; characters the table lacks take UCA's implicit weights
  over MariaDB's CJK ranges; each weight as two big-endian bytes;
* only the first 512 weights count: filesort keeps ``max_sort_length`` (1024) bytes of weights;
* the collation pads with spaces (PAD SPACE): trailing spaces are ignored, and a string that ends is compared
  as if spaces followed it, so "a" sorts after "a<TAB>" (the few weights below the space's are control
  whitespace). Each space weight is followed by a marker saying whether the next weight that is not a space is
  below or above it, and the key ends with a space and a marker between the two.

All of it was checked against MariaDB 10.11's ``WEIGHT_STRING`` for every code point and its ``ORDER BY``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

from sqlalchemy import Column, LargeBinary

_ALLKEYS = "allkeys-5.2.0.txt"
_MAX_EXPANSION = 8  # MariaDB keeps at most 8 weights of a character's expansion (U+FDFA has 18)
SORT_WEIGHTS = 512  # max_sort_length = 1024 bytes of two-byte weights
_SPACE = "\u020a"  # the primary weight of U+0020 (and of the other spaces)
_BELOW, _END, _ABOVE = "\x01", "\x02", "\x03"  # markers after a space weight: they never meet a weight
_ENTRY = re.compile(r"^([0-9A-F]{4,6})[ \t]*;[ \t]*((?:\[[.*][0-9A-F.]+\])+)", re.MULTILINE)
_PRIMARY = re.compile(r"\[[.*]([0-9A-F]{4})")
_SPACE_RUN = re.compile(_SPACE + r"+(?=(.))", re.DOTALL)
EMPTY_SORT_KEY = (_SPACE + _END).encode("utf-16-be")  # the key of "" (and of "   ")


def sort_key_column() -> Column[bytes]:
    """A column holding the sort key of a text column (``ORDER BY`` it, then the ID, as WordPress orders)."""
    return Column(LargeBinary, nullable=False, default=EMPTY_SORT_KEY)


def sort_keys(fields: Mapping[str, Any], key_columns: Mapping[str, str]) -> dict[str, bytes]:
    """The sort key of each text column of a row being written (``key_columns``: text column -> key column).

    A text column the row leaves out is written with its default, "", so its key is the empty one.
    """
    return {key: sort_key(str(fields.get(name) or "")) for name, key in key_columns.items()}


def sort_key(text: str) -> bytes:
    """The key whose byte order is ``utf8mb4_unicode_520_ci``'s order of ``text`` (what ORDER BY compares)."""
    weights = text.translate(_weights())[:SORT_WEIGHTS].rstrip(_SPACE)
    if _SPACE in weights:
        weights = _SPACE_RUN.sub(_marked_spaces, weights)
    # Weights are written as characters (one per weight) so that str.translate maps a whole string in C;
    # UTF-16 writes each as its two bytes, the ones in the surrogate range included.
    return (weights + _SPACE + _END).encode("utf-16-be", "surrogatepass")


def _marked_spaces(run: re.Match[str]) -> str:
    marker = _BELOW if run.group(1) < _SPACE else _ABOVE
    return (_SPACE + marker) * len(run.group(0))


class _WeightTable(dict[int, str]):
    """Code point -> its primary weights as characters; characters the DUCET lacks get implicit weights."""

    def __missing__(self, code_point: int) -> str:
        weights = _implicit_weights(code_point)
        self[code_point] = weights
        return weights


def _implicit_weights(code_point: int) -> str:
    # UCA 5.2.0 section 7.1.3, with the CJK ranges MariaDB's utf8mb4_unicode_520_ci uses (Unicode 4.1's).
    if 0x4E00 <= code_point <= 0x9FA5:
        base = 0xFB40
    elif 0x3400 <= code_point <= 0x4DB5:
        base = 0xFB80
    else:
        base = 0xFBC0
    return chr(base + (code_point >> 15)) + chr((code_point & 0x7FFF) | 0x8000)


@cache
def _weights() -> _WeightTable:
    table = _WeightTable()
    text = files("pyuca").joinpath(_ALLKEYS).read_text(encoding="utf-8")
    for code_point, elements in _ENTRY.findall(text):
        primaries = [int(weight, 16) for weight in _PRIMARY.findall(elements)]
        table[int(code_point, 16)] = "".join(chr(weight) for weight in primaries if weight)[:_MAX_EXPANSION]
    return table
