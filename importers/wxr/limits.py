"""Values the tables cannot hold stop the import with the record that carries them, not with a database error.

WordPress's own columns are narrower than ours (post_type 20 characters, meta_key 255, menu_order int(11)), so
a real export always fits; a hand-made or damaged one may not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import BigInteger, Integer, String, Table

from app.comments.models import Comment, CommentMeta
from app.content.models import Entry, EntryMeta
from app.content.registry import detail_model_for
from app.core.rows import RowWrite
from app.taxonomy.models import Term, TermMeta
from app.users.models import User

ENTRIES: Table = Entry.__table__  # type: ignore[attr-defined]
ENTRY_META: Table = EntryMeta.__table__  # type: ignore[attr-defined]
COMMENTS: Table = Comment.__table__  # type: ignore[attr-defined]
COMMENT_META: Table = CommentMeta.__table__  # type: ignore[attr-defined]
TERMS: Table = Term.__table__  # type: ignore[attr-defined]
TERM_META: Table = TermMeta.__table__  # type: ignore[attr-defined]
USERS: Table = User.__table__  # type: ignore[attr-defined]


def entry_problem(
    fields: Mapping[str, Any], meta: Iterable[tuple[str, str]], comments: Iterable[RowWrite], taxonomies: Iterable[str]
) -> str | None:
    """What of an item's entry columns, meta, comments or term taxonomies does not fit, or None."""
    checks = [row_problem(ENTRIES, fields), _meta_problem(ENTRY_META, meta)]
    # An item names few taxonomies, many times over; the first misfit is the same when each is checked once.
    checks.extend(_taxonomy_problem(taxonomy) for taxonomy in dict.fromkeys(taxonomies))
    for comment in comments:
        checks += [row_problem(COMMENTS, comment.fields), _meta_problem(COMMENT_META, comment.meta)]
    return next((problem for problem in checks if problem), None)


def details_problem(post_type: str, details: Mapping[str, Any] | None) -> str | None:
    """What of a post type's typed details (menu item type, ACF key ...) does not fit, or None."""
    model = detail_model_for(post_type)
    if model is None or not details:
        return None
    return row_problem(model.__table__, details)  # type: ignore[attr-defined]


def term_problem(fields: Mapping[str, Any], meta: Iterable[tuple[str, str]]) -> str | None:
    """What of a channel term does not fit, or None."""
    return row_problem(TERMS, fields) or _meta_problem(TERM_META, meta)


def user_problem(fields: Mapping[str, Any]) -> str | None:
    """What of an export author does not fit, or None."""
    return row_problem(USERS, fields)


def row_problem(table: Table, row: Mapping[str, Any]) -> str | None:
    """The first value longer (strings) or larger (integers) than its column takes, described; None if all fit."""
    for name, length, bounds in _bounded_columns(table):
        value = row.get(name)
        if isinstance(value, str) and length is not None and len(value) > length:
            return f"{table.name}.{name} is longer than {length} characters: {value[:60]!r}"
        if isinstance(value, int) and bounds is not None and not bounds[0] <= value < bounds[1]:
            return f"{table.name}.{name} is out of range: {value}"
    return None


def _meta_problem(table: Table, meta: Iterable[tuple[str, str]]) -> str | None:
    longest = _longest_key(table)
    return next((row_problem(table, {"key": key}) for key, _ in meta if len(key) > longest), None)


# PostgreSQL's integer is 32 bits, its bigint (and every SQLite integer) 64.
_INTEGER_BITS = ((BigInteger, 63), (Integer, 31))


@cache
def _bounded_columns(table: Table) -> tuple[tuple[str, int | None, tuple[int, int] | None], ...]:
    """(name, longest string, (lowest, past the highest) integer) of each column that limits what it holds."""
    bounded = []
    for column in table.columns:
        kind = column.type
        length = kind.length if isinstance(kind, String) and kind.length else None
        bits = next((bits for integer, bits in _INTEGER_BITS if isinstance(kind, integer)), None)
        if length is not None or bits is not None:
            bounded.append((column.key, length, None if bits is None else (-(2**bits), 2**bits)))
    return tuple(bounded)


@cache
def _longest_key(table: Table) -> int:
    return next(length or 0 for name, length, _ in _bounded_columns(table) if name == "key")


@lru_cache(maxsize=1024)
def _taxonomy_problem(taxonomy: str) -> str | None:
    return row_problem(TERMS, {"taxonomy": taxonomy})
