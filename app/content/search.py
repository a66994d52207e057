"""Searching entries as ``WP_Query::parse_search`` does, with an engine's own index underneath.

WordPress matches each search word as a case-insensitive substring (``LIKE '%word%'``) of the title,
excerpt or content. A word index (FTS5's default tokenizer, a ``tsvector``) cannot answer that: "gall"
would not find "gallery". Both engines therefore index trigrams, which answer substring matches
exactly: an FTS5 table with the ``trigram`` tokenizer on SQLite, ``pg_trgm`` GIN indexes on
PostgreSQL. ``text_match`` is the one place that differs by engine; the relevance order
(``WP_Query::parse_search_order``) is plain SQL on every engine.

Revisions are not indexed: nothing searches them (they are not searchable post types and no collection serves
them). A search must therefore name its post types, as every collection and ``/wp/v2/search`` does.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, literal, not_, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ColumnElement as _ColumnElement
from sqlalchemy.types import Boolean
from sqlmodel import col

from app.content.models import Entry
from app.core.trigram import FUNCTION as TRIGRAM_CONTAINS

# Objects the full-text migration creates outside the models' metadata (schema comparison skips them).
SEARCH_TABLE = "entries_search"
# SQLite: the entries the search table indexes (its external content).
SEARCH_VIEW = "entries_searchable"
SEARCH_INDEXES = ("ix_entries_search_title", "ix_entries_search_excerpt", "ix_entries_search_content")

# WP_Query::parse_search: quoted phrases, or runs of characters other than space, tab, comma, plus.
_SEARCH_TOKEN = re.compile(r'".*?("|$)|((?<=[\t ",+])|^)[^\t ",+]+')
# wp_search_stopwords() of the default (en_US) locale.
_STOPWORDS = frozenset(
    "about an are as at be by com for from how in is it of on or that the this to was what when where who will with www"
    .split()
)  # fmt: skip
# Trigram indexes cannot look up words shorter than three characters.
_TRIGRAM = 3


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(column: Any, word: str) -> ColumnElement[bool]:
    return column.ilike(f"%{_escape_like(word)}%", escape="\\")  # type: ignore[no-any-return]


def parse_search(search: str) -> tuple[list[str], int]:
    """``parse_search`` + ``parse_search_terms``: the search words, and how many tokens the string had."""
    tokens = [match.group(0) for match in _SEARCH_TOKEN.finditer(search)]
    words: list[str] = []
    for token in tokens:
        # A fully quoted phrase keeps its inner spaces; other tokens lose quotes and spaces.
        word = token.strip("\"'") if re.fullmatch(r'".+"', token) else token.strip("\"' ")
        if not word or (len(word) == 1 and re.fullmatch(r"[a-zA-Z-]", word)) or word.lower() in _STOPWORDS:
            continue
        words.append(word)
    # Only short words or stopwords, or ten words and more: the whole string is one sentence.
    if not words or len(words) > 9:
        words = [search]
    return words, len(tokens)


class _TextMatch(_ColumnElement[bool]):
    """An entry whose title, excerpt or content contains ``word`` (case-insensitive)."""

    inherit_cache = False
    type = Boolean()

    def __init__(self, word: str) -> None:
        self.word = word


@compiles(_TextMatch)
def _match_anywhere(element: _TextMatch, compiler: SQLCompiler, **kw: Any) -> str:
    # PostgreSQL's planner uses the pg_trgm GIN indexes for these ILIKEs by itself.
    columns = (col(Entry.title), col(Entry.excerpt), col(Entry.content))
    # Parenthesised: the caller may negate or AND it with other conditions.
    return "(" + compiler.process(or_(*(_like(column, element.word) for column in columns)), **kw) + ")"


@compiles(_TextMatch, "sqlite")
def _match_fts5(element: _TextMatch, compiler: SQLCompiler, **kw: Any) -> str:
    if len(element.word) < _TRIGRAM:
        return _match_anywhere(element, compiler, **kw)
    # The trigram table finds the entries holding all of the word's trigrams; it keeps no positions
    # (detail=none), so each is checked for the word itself (see app.core.trigram).
    trigrams = dict.fromkeys(element.word[i : i + _TRIGRAM] for i in range(len(element.word) - _TRIGRAM + 1))
    query = " AND ".join('"' + trigram.replace('"', '""') + '"' for trigram in trigrams)
    match = compiler.process(literal(query), **kw)
    word = compiler.process(literal(element.word), **kw)
    # The table and function names are our constants; the phrase and the word are bound parameters.
    return (
        f"(entries.id IN (SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH {match})"  # noqa: S608
        f" AND {TRIGRAM_CONTAINS}(entries.title, entries.excerpt, entries.content, {word}))"
    )


def text_match(word: str) -> ColumnElement[bool]:
    """Entries whose title, excerpt or content contain ``word``, through the engine's trigram index."""
    return _TextMatch(word)


def search_condition(search: str) -> ColumnElement[bool]:
    """Every word must match; a word starting with ``-`` must not (the exclusion prefix)."""
    words, _count = parse_search(search)
    conditions: list[ColumnElement[bool]] = []
    for word in words:
        if word.startswith("-"):
            conditions.append(not_(text_match(word[1:])) if word[1:] else false())
        else:
            conditions.append(text_match(word))
    return and_(*conditions)


def relevance_order(search: str) -> ColumnElement[Any]:
    """``parse_search_order``: sentence in title, all words, any word, then excerpt, then content."""
    words, token_count = parse_search(search)
    in_title = [_like(col(Entry.title), word) for word in words if not word.startswith("-")]
    if token_count <= 1:
        # One word: titles containing it first (``post_title LIKE '%word%' DESC``).
        return case((in_title[0], 0), else_=1) if in_title else literal(0)
    has_exclusion = re.search(r"(?:\s|^)-", search) is not None
    whens: list[tuple[ColumnElement[bool], int]] = []
    if not has_exclusion:
        whens.append((_like(col(Entry.title), search), 1))
    # Past six words WordPress orders by the whole sentence only.
    if in_title and len(in_title) < 7:
        whens.append((and_(*in_title), 2))
        if len(in_title) > 1:
            whens.append((or_(*in_title), 3))
    if not has_exclusion:
        whens += [(_like(col(Entry.excerpt), search), 4), (_like(col(Entry.content), search), 5)]
    return case(*whens, else_=6) if whens else literal(0)


def include_schema_object(_obj: Any, name: str | None, type_: str, reflected: bool, _compare_to: Any) -> bool:
    """Alembic's ``include_object``: the search table (and FTS5's shadow tables) and indexes are not models."""
    if not reflected or name is None:
        return True
    if type_ == "table":
        return name != SEARCH_TABLE and not name.startswith(f"{SEARCH_TABLE}_") and name != SEARCH_VIEW
    return not (type_ == "index" and name in SEARCH_INDEXES)
