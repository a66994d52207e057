"""Bulk inserts write exactly what SQLAlchemy's own executemany writes: defaults, JSON, dates, booleans."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Table, delete, insert, select, text
from sqlmodel import Session

from app.content.models import Entry, EntryMeta
from app.core.rows import insert_many

ENTRIES: Table = Entry.__table__  # type: ignore[attr-defined]
META: Table = EntryMeta.__table__  # type: ignore[attr-defined]


def _written(session: Session, table: Table, ids: list[int]) -> list[tuple[Any, ...]]:
    query = select(table).where(table.c.id.in_(ids)).order_by(table.c.id)
    return [tuple(row)[1:] for row in session.execute(query)]


def test_insert_many_matches_sqlalchemy_executemany_for_entries(session: Session) -> None:
    when = datetime(2024, 3, 1, 12, 30, 5)
    rows = [
        {"id": 1, "type": "post", "title": "Kept", "date": when, "is_sticky": True, "extra": {"pubDate": "x"}},
        {"id": 2, "type": "page", "title": "Defaults", "date": None, "is_sticky": False, "extra": {}},
    ]
    session.execute(insert(ENTRIES), [dict(row) for row in rows])
    expected = _written(session, ENTRIES, [1, 2])
    session.execute(delete(ENTRIES))
    insert_many(session, ENTRIES, [dict(row) for row in rows])
    assert _written(session, ENTRIES, [1, 2]) == expected
    assert len(expected) == 2


def test_insert_many_fills_column_defaults_the_rows_leave_out(session: Session) -> None:
    insert_many(session, ENTRIES, [{"id": 7, "type": "post"}, {"id": 8, "type": "post"}])
    rows = session.execute(select(ENTRIES.c.status, ENTRIES.c.comment_status, ENTRIES.c.extra).order_by(ENTRIES.c.id))
    assert [tuple(row) for row in rows] == [("publish", "open", {}), ("publish", "open", {})]


def test_insert_many_keeps_json_null_scalars_and_nested_values(session: Session) -> None:
    insert_many(session, ENTRIES, [{"id": 3, "type": "post", "date_gmt": datetime(2024, 1, 2, tzinfo=UTC)}])
    values: list[Any] = [None, 0, "text", 'caf\u00e9 "quoted"\n', [1, "two"], {"a": {"b": [None]}}]
    meta = [
        {"entry_id": 3, "key": f"k{position}", "value_raw": "", "value": value, "position": position}
        for position, value in enumerate(values)
    ]
    insert_many(session, META, meta)
    stored = session.execute(select(META.c.value).where(META.c.entry_id == 3).order_by(META.c.position))
    assert [row[0] for row in stored] == values


def test_insert_many_stores_json_text_as_sqlalchemys_serializer_writes_it(session: Session) -> None:
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("PostgreSQL keeps JSON in its own normalized form")
    insert_many(session, ENTRIES, [{"id": 4, "type": "post"}])
    values: list[Any] = ["plain", 'caf\u00e9 "quoted"\n', {"k": ["\u00e9", 1.5]}]
    meta = [
        {"entry_id": 4, "key": "k", "value_raw": "", "value": value, "position": i} for i, value in enumerate(values)
    ]
    insert_many(session, META, meta)
    raw = session.execute(text("SELECT CAST(value AS TEXT) FROM entry_meta WHERE entry_id = 4 ORDER BY position"))
    assert [row[0] for row in raw] == [json.dumps(value) for value in values]


def test_insert_many_keeps_text_that_copy_must_escape(session: Session) -> None:
    # On PostgreSQL the rows travel through COPY's text format, where tabs, newlines and backslashes are syntax.
    awkward = 'tab\there, back\\slash \\N, line\nbreak\r\n, quote " and \\.'
    insert_many(
        session, ENTRIES, [{"id": 5, "type": "post", "title": awkward, "content": "\\", "extra": {"k": awkward}}]
    )
    row = session.execute(select(ENTRIES.c.title, ENTRIES.c.content, ENTRIES.c.extra).where(ENTRIES.c.id == 5)).one()
    assert tuple(row) == (awkward, "\\", {"k": awkward})
