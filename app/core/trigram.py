"""The substring test behind SQLite's trigram search index, as SQL function ``trigram_contains``.

The FTS5 index keeps which trigrams each entry has, not where (``detail=none``: a third of the indexing
work and size), so a phrase query also finds entries that merely hold all of the phrase's trigrams, in any
order or column. Each candidate is then checked with this function, which answers what the index with
positions answered: does the title, excerpt or content contain the word, with the trigram tokenizer's case
folding (each character to its simple lower case, never context-dependent; no accent folding).

Python's Unicode tables are newer than SQLite's, so a few characters cased since (Cherokee's small letters,
Georgian Mtavruli) fold here and not in the index. Only a word with such letters can be answered otherwise, and
only by an entry that also holds each of the word's trigrams as the index folds them.
"""

from __future__ import annotations

import sqlite3
from functools import cache

FUNCTION = "trigram_contains"
# Characters beyond this have no case in Unicode (the last cased ones are in the Adlam block, U+1E900).
_LAST_CASED = 0x1E95F


@cache
def _fold_table() -> dict[int, int]:
    table: dict[int, int] = {}
    for code in range(_LAST_CASED + 1):
        lower = chr(code).lower()
        # A character whose lower case is two (U+0130, I with dot above) folds to the first, as FTS5 does.
        if lower[0] != chr(code):
            table[code] = ord(lower[0])
    return table


def fold(text: str) -> str:
    """``text`` with each character case-folded as the trigram tokenizer folds it."""
    return text.lower() if text.isascii() else text.translate(_fold_table())


def contains(title: str | None, excerpt: str | None, content: str | None, word: str) -> bool:
    """Whether one of the three texts contains ``word``, case-insensitively as the trigram index matches."""
    needle = fold(word)
    return any(needle in fold(text) for text in (title, excerpt, content) if text)


def register(connection: sqlite3.Connection) -> None:
    """Make ``trigram_contains(title, excerpt, content, word)`` available on a SQLite connection."""
    connection.create_function(FUNCTION, 4, contains, deterministic=True)
