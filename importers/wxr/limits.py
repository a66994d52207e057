"""Values the tables cannot hold stop the import with the record that carries them, not with a database error.

WordPress's own columns are narrower than ours (post_type 20 characters, meta_key 255, menu_order int(11)), so
a real export always fits; a hand-made or damaged one may not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
    checks.extend(row_problem(TERMS, {"taxonomy": taxonomy}) for taxonomy in taxonomies)
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
    for name, value in row.items():
        column = table.c.get(name)
        if column is None:
            continue
        problem = _value_problem(column.type, value)
        if problem:
            return f"{table.name}.{name} {problem}"
    return None


def _meta_problem(table: Table, meta: Iterable[tuple[str, str]]) -> str | None:
    return next((problem for key, _ in meta if (problem := row_problem(table, {"key": key}))), None)


# PostgreSQL's integer is 32 bits, its bigint (and every SQLite integer) 64.
_INTEGER_BITS = ((BigInteger, 63), (Integer, 31))


def _value_problem(column_type: Any, value: Any) -> str | None:
    if isinstance(value, str) and isinstance(column_type, String) and column_type.length:
        if len(value) > column_type.length:
            return f"is longer than {column_type.length} characters: {value[:60]!r}"
    if isinstance(value, int) and not isinstance(value, bool):
        bits = next((bits for kind, bits in _INTEGER_BITS if isinstance(column_type, kind)), None)
        if bits is not None and not -(2**bits) <= value < 2**bits:
            return f"is out of range: {value}"
    return None
