"""Bulk inserts write exactly what SQLAlchemy's own executemany writes: defaults, JSON, dates, booleans."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Table, delete, insert, select, text
from sqlmodel import Session

from app.content.models import Entry, EntryMeta
from app.core.rows import insert_many, insert_values, meta_keys, update_text_by_id

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
        {
            "id": 3,
            "type": "post",
            "title": "Early",
            "date": datetime(5, 1, 2, 3, 4, 5, 60),
            "is_sticky": False,
            "extra": {},
        },
        {
            "id": 4,
            "type": "post",
            "title": "Zoned",
            "date": datetime(2024, 3, 1, 23, 0, tzinfo=UTC),
            "is_sticky": False,
            "extra": {},
        },
    ]
    session.execute(insert(ENTRIES), [dict(row) for row in rows])
    expected = _written(session, ENTRIES, [1, 2, 3, 4])
    session.execute(delete(ENTRIES))
    insert_many(session, ENTRIES, [dict(row) for row in rows])
    assert _written(session, ENTRIES, [1, 2, 3, 4]) == expected
    assert len(expected) == 4


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


def test_insert_many_keeps_binary_sort_keys_of_every_row(session: Session) -> None:
    # On SQLite the rows travel as one JSON array and binary values beside it: every row's bytes must land
    # in its own row, whatever they hold (zero bytes, bytes above 0x7f, nothing at all).
    keys = [b"", b"\x00", b"\xff\xfe\x00\x01", bytes(range(256)), b"\x02\x0a\x00\x02"]
    rows = [
        {"id": 20 + index, "type": "post", "title": f"t{index}", "title_sort_key": key, "slug_sort_key": key[::-1]}
        for index, key in enumerate(keys)
    ]
    insert_many(session, ENTRIES, rows)
    stored = session.execute(
        select(ENTRIES.c.title_sort_key, ENTRIES.c.slug_sort_key).where(ENTRIES.c.id >= 20).order_by(ENTRIES.c.id)
    )
    assert [(bytes(a), bytes(b)) for a, b in stored] == [(key, key[::-1]) for key in keys]


def test_insert_many_keeps_text_with_a_nul_character_whole(session: Session) -> None:
    # SQLite's JSON functions would end such a text at the NUL: those rows take the driver's executemany.
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("PostgreSQL's text cannot hold a NUL character")
    titles = ["before\x00after", "plain", "\x00"]
    insert_many(session, ENTRIES, [{"id": 30 + i, "type": "post", "title": title} for i, title in enumerate(titles)])
    stored = session.execute(select(ENTRIES.c.title).where(ENTRIES.c.id >= 30).order_by(ENTRIES.c.id))
    assert [row[0] for row in stored] == titles


def test_insert_values_keeps_the_order_and_every_kind_of_value_of_many_rows(session: Session) -> None:
    insert_many(session, ENTRIES, [{"id": 40, "type": "post"}])
    text = "\u0645\u0631\u062d\u0628\u0627 \u0e44\u0e17\u0e22 \U0001f680"
    values: list[Any] = [text, "", None, True, -(2**63), 2**63 - 1]
    meta = [(40, f"k{position}", str(value), value, position) for position, value in enumerate(values)]
    insert_values(session, META, meta_keys("entry_id"), meta * 200)
    stored = session.execute(select(META.c.key, META.c.value_raw, META.c.value).order_by(META.c.id)).all()
    assert [tuple(row) for row in stored] == [(key, raw, value) for _, key, raw, value, _ in meta * 200]


def test_update_text_by_id_sets_each_rows_own_values(session: Session) -> None:
    insert_many(session, ENTRIES, [{"id": 50 + i, "type": "post", "title": f"t{i}"} for i in range(3)])
    columns = ("title_rendered", "content_rendered")
    # SQLite keeps a NUL character, which PostgreSQL's text cannot hold.
    content = "a\x00b" if session.get_bind().dialect.name == "sqlite" else "ab"
    update_text_by_id(session, ENTRIES, columns, [(52, "two", "<p>2</p>"), (50, "zero \U0001f44b", content)])
    stored = session.execute(
        select(ENTRIES.c.id, ENTRIES.c.title, ENTRIES.c.title_rendered, ENTRIES.c.content_rendered)
        .where(ENTRIES.c.id >= 50)
        .order_by(ENTRIES.c.id)
    )
    assert [tuple(row) for row in stored] == [
        (50, "t0", "zero \U0001f44b", content),
        (51, "t1", "", ""),
        (52, "t2", "two", "<p>2</p>"),
    ]
