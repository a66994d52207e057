"""Bulk row writing shared by the services: upsert by primary key, replace an owner's meta."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from json.encoder import encode_basestring_ascii
from typing import Any

import orjson
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Connection,
    Date,
    DateTime,
    Dialect,
    Integer,
    LargeBinary,
    String,
    Table,
    bindparam,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from app.core.db import sync_id_sequence
from app.core.errors import InvalidInput
from app.core.phpserial import maybe_unserialize

BindProcessor = Callable[[Any], Any]
# Column types whose driver values (text, integers, None) SQLite's JSON functions give back unchanged.
_JSON_SAFE = (Integer, BigInteger, Boolean, String, DateTime, Date, JSON)


@dataclass(frozen=True, slots=True)
class _InsertPlan:
    """One compiled bulk write (an INSERT, or a COPY on PostgreSQL): its SQL, the row keys it takes, the
    column defaults it fills, how values bind."""

    sql: str
    is_copy: bool
    given: tuple[str, ...]
    # Python-side column defaults of the columns the rows leave out: a value, or a maker of fresh values.
    defaults: tuple[Any, ...]
    fresh: tuple[int, ...]
    processors: tuple[BindProcessor | None, ...]
    # SQLite: the same INSERT as one statement over a JSON array of the rows (see _insert_json); None when a
    # column's values cannot travel as JSON.
    json_sql: str | None = None
    blob_columns: tuple[int, ...] = ()

    def parameters(self, rows: Iterable[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """Positional parameters of each row, column defaults filled in, values as the driver takes them."""
        given = self.given
        return self.positional([row[key] for key in given] for row in rows)

    def positional(self, rows: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
        """The same for rows given as values in the order of the plan's keys."""
        given, defaults = self.given, self.defaults
        fresh = [(len(given) + index, defaults[index]) for index in self.fresh]
        converts = [(index, process) for index, process in enumerate(self.processors) if process is not None]
        ordered: list[tuple[Any, ...]] = []
        for row in rows:
            values = [*row, *defaults]
            for index, make in fresh:
                values[index] = make(None)  # an empty dict or list per row, never one shared by all rows
            for index, process in converts:
                values[index] = process(values[index])
            ordered.append(tuple(values))
        return ordered


# (table, dialect, column set) -> plan; None when the plain SQLAlchemy path must be taken.
_PLANS: dict[tuple[Table, str, tuple[str, ...]], _InsertPlan | None] = {}


def _plan(table: Table, dialect: Dialect, keys: tuple[str, ...]) -> _InsertPlan | None:
    cache_key = (table, dialect.name, keys)
    if cache_key not in _PLANS:
        _PLANS[cache_key] = _compile_plan(table, dialect, keys)
    return _PLANS[cache_key]


def _compile_plan(table: Table, dialect: Dialect, keys: tuple[str, ...]) -> _InsertPlan | None:
    # SQLite's qmark driver takes the rows straight to executemany, PostgreSQL's psycopg streams them through
    # COPY: in both, SQLAlchemy's per-row work (or one INSERT per row) would dominate a bulk import.
    is_copy = dialect.name == "postgresql" and dialect.driver == "psycopg"
    if dialect.name != "sqlite" and not is_copy:
        return None
    omitted: list[str] = []
    defaults: list[Any] = []
    fresh: list[int] = []
    for column in table.columns:
        default = column.default
        if column.key in keys or default is None:
            continue
        if not (default.is_scalar or default.is_callable):
            return None  # SQL expression and sequence defaults are SQLAlchemy's to apply
        if default.is_callable:
            fresh.append(len(defaults))
        omitted.append(column.key)
        defaults.append(default.arg)  # type: ignore[attr-defined]
    order = (*keys, *omitted)
    preparer = dialect.identifier_preparer
    columns = ", ".join(preparer.format_column(table.c[key]) for key in order)
    if is_copy:
        sql = f"COPY {preparer.format_table(table)} ({columns}) FROM STDIN"
    else:
        marks = ", ".join("?" for _ in order)
        sql = f"INSERT INTO {preparer.format_table(table)} ({columns}) VALUES ({marks})"  # noqa: S608 - schema names
    processors = tuple(
        _fast_datetimes(_fast_strings(table.c[key].type.dialect_impl(dialect).bind_processor(dialect))) for key in order
    )
    json_sql, blobs = (None, ()) if is_copy else _json_insert_sql(table, order, preparer.format_table(table), columns)
    return _InsertPlan(sql, is_copy, keys, tuple(defaults), tuple(fresh), processors, json_sql, blobs)


def _json_insert_sql(
    table: Table, order: tuple[str, ...], name: str, columns: str
) -> tuple[str | None, tuple[int, ...]]:
    """``INSERT ... SELECT`` of the rows from one JSON array (blobs from one joined blob), if every column can."""
    values: list[str] = []
    blobs: list[int] = []
    for index, key in enumerate(order):
        kind = table.c[key].type
        if isinstance(kind, LargeBinary):
            blobs.append(index)
            values.append(f"substr(?2, json_extract(value, '$[{index}][0]'), json_extract(value, '$[{index}][1]'))")
        elif isinstance(kind, _JSON_SAFE):
            values.append(f"json_extract(value, '$[{index}]')")
        else:
            return None, ()  # floats (JSON's decimal text may not round-trip), and types we do not know
    selected = ", ".join(values)
    sql = f"INSERT INTO {name} ({columns}) SELECT {selected} FROM json_each(CAST(?1 AS TEXT))"  # noqa: S608 - schema names
    return sql, tuple(blobs)


_PROBE = 'caf\u00e9 "quoted"\n'


def _fast_strings(process: BindProcessor | None) -> BindProcessor | None:
    """A JSON column's processor that encodes plain strings (most meta values) without the full serializer.

    Taken only when the processor is seen to produce exactly ``json.dumps`` output for strings and objects.
    """
    if process is None or not _is_json_dumps(process):
        return process

    def encode(value: Any) -> Any:
        return encode_basestring_ascii(value) if type(value) is str else process(value)

    return encode


# Naive datetimes of every width of year, with and without microseconds.
_DATETIME_PROBES = (
    datetime(2024, 3, 1, 12, 30, 5),
    datetime(5, 1, 2, 3, 4, 5, 60),
    datetime(1999, 12, 31, 23, 59, 59, 999999),
)


def _fast_datetimes(process: BindProcessor | None) -> BindProcessor | None:
    """A datetime column's processor that writes naive datetimes with ``isoformat`` (in C) instead of formatting
    each part in Python, taken only when the processor is seen to write exactly that text (SQLite's does)."""
    if process is None or not _is_isoformat(process):
        return process

    def encode(value: Any) -> Any:
        if type(value) is datetime and value.tzinfo is None:
            return value.isoformat(" ", "microseconds")
        return process(value)

    return encode


def _is_isoformat(process: BindProcessor) -> bool:
    try:
        return all(process(probe) == probe.isoformat(" ", "microseconds") for probe in _DATETIME_PROBES)
    except Exception:  # a processor for text, numbers ... refuses a datetime in its own way
        return False


def _is_json_dumps(process: BindProcessor) -> bool:
    try:
        return bool(
            process(_PROBE) == encode_basestring_ascii(_PROBE)
            and process({"k": [1, None]}) == json.dumps({"k": [1, None]})
        )
    except Exception:  # a processor for dates, numbers ... refuses a string or a dict in its own way
        return False


def insert_many(session: Session, table: Table, rows: Iterable[dict[str, Any]]) -> None:
    """Executemany insert; rows are grouped by key set so every statement has one column list."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    if not groups:
        return
    connection = session.connection()
    for keys, group in groups.items():
        plan = _plan(table, connection.dialect, keys)
        if plan is None:
            session.execute(insert(table), group)
        elif plan.is_copy:
            _copy(connection, plan, plan.parameters(group))
        else:
            _insert(connection, plan, plan.parameters(group))


def insert_values(session: Session, table: Table, keys: tuple[str, ...], rows: Iterable[Sequence[Any]]) -> None:
    """``insert_many`` for rows given as values in the order of ``keys``, without a dict per row."""
    rows = list(rows)
    if not rows:
        return
    connection = session.connection()
    plan = _plan(table, connection.dialect, keys)
    if plan is None:
        session.execute(insert(table), [dict(zip(keys, row, strict=True)) for row in rows])
    elif plan.is_copy:
        _copy(connection, plan, plan.positional(rows))
    else:
        _insert(connection, plan, plan.positional(rows))


def _insert(connection: Connection, plan: _InsertPlan, parameters: list[tuple[Any, ...]]) -> None:
    if len(parameters) < 2 or not _insert_json(connection, plan, parameters):
        connection.exec_driver_sql(plan.sql, parameters)


def _insert_json(connection: Connection, plan: _InsertPlan, parameters: list[tuple[Any, ...]]) -> bool:
    """Insert the rows with one statement over a JSON array of them; False when they cannot travel as JSON.

    sqlite3's executemany releases the GIL once per row: while another thread runs Python (the export's reader),
    each row waits for the GIL to come back, which costs up to a switch interval (5 ms). One statement releases
    it once for the whole batch.
    """
    if plan.json_sql is None:
        return False
    rows: list[Any] = parameters
    joined = b""
    if plan.blob_columns:
        rows, parts, size = [], [], 0
        for values in parameters:
            listed = list(values)
            for index in plan.blob_columns:
                value = listed[index]
                if value is not None:
                    data = bytes(value)
                    listed[index] = (size + 1, len(data))
                    parts.append(data)
                    size += len(data)
            rows.append(listed)
        joined = b"".join(parts)
    payload = _json_rows(rows)
    if payload is None:
        return False
    connection.exec_driver_sql(plan.json_sql, (payload, joined) if plan.blob_columns else (payload,))
    return True


def _json_rows(rows: Sequence[Sequence[Any]]) -> bytes | None:
    """The rows as one JSON array for SQLite's JSON functions; None when they cannot carry them faithfully."""
    try:
        payload = orjson.dumps(rows)
    except orjson.JSONEncodeError:
        return None  # integers beyond 64 bits, lone surrogates: the driver says what is wrong with them
    if b"\\u0000" in payload:
        return None  # SQLite's JSON functions end a text at its first NUL character
    return payload


def _copy(connection: Connection, plan: _InsertPlan, parameters: list[tuple[Any, ...]]) -> None:
    """Stream rows into PostgreSQL with COPY, in the connection's transaction (rows are new: no conflicts)."""
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(plan.sql) as copy:
        for values in parameters:
            copy.write_row(values)


def update_text_by_id(session: Session, table: Table, columns: tuple[str, ...], rows: Sequence[Sequence[Any]]) -> None:
    """Set text ``columns`` of many rows: each row is its ID, then the values in the order of ``columns``.

    On SQLite one ``UPDATE ... FROM json_each`` takes them all (one GIL release, see :func:`_insert_json`);
    elsewhere the driver's executemany does.
    """
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name == "sqlite" and len(rows) > 1:
        payload = _json_rows(rows)
        if payload is not None:
            preparer = connection.dialect.identifier_preparer
            assigned = ", ".join(
                f"{preparer.format_column(table.c[key])} = json_extract(batch.value, '$[{index}]')"
                for index, key in enumerate(columns, start=1)
            )
            name = preparer.format_table(table)
            connection.exec_driver_sql(
                f"UPDATE {name} SET {assigned} FROM json_each(CAST(? AS TEXT)) AS batch "  # noqa: S608 - schema names
                f"WHERE {name}.id = json_extract(batch.value, '$[0]')",
                (payload,),
            )
            return
    statement = update(table).where(table.c.id == bindparam("b_id"))
    connection.execute(statement, [{"b_id": row[0], **dict(zip(columns, row[1:], strict=True))} for row in rows])


def existing_ids(session: Session, table: Table, ids: Sequence[int]) -> set[int]:
    """Which of ``ids`` are already rows of ``table``."""
    if not ids:
        return set()
    return {int(value) for value in session.scalars(select(table.c.id).where(table.c.id.in_(ids)))}


def upsert_by_id(
    session: Session,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    insert_new: Callable[[Session, Table, Sequence[dict[str, Any]]], None] = insert_many,
) -> set[int]:
    """Insert rows with new IDs, update the others; rows without an ID get the next free one.

    ``insert_new`` writes the rows with new IDs in bulk. Returns the IDs that existed before (their dependent
    rows need replacing).
    """
    before = existing_ids(session, table, [int(row["id"]) for row in rows if row.get("id") is not None])
    for row in rows:
        if row.get("id") in before:
            session.execute(update(table).where(table.c.id == row["id"]).values(row))
    insert_new(session, table, [row for row in rows if row.get("id") is not None and row["id"] not in before])
    sync_id_sequence(session, table.name)
    for row in rows:
        if row.get("id") is None:
            # Leave the ID out entirely: PostgreSQL only applies the sequence to a missing column, not a NULL.
            values = {key: value for key, value in row.items() if key != "id"}
            row["id"] = int(session.execute(insert(table).values(values).returning(table.c.id)).scalar_one())
    return before


def meta_keys(owner_column: str) -> tuple[str, ...]:
    """The columns of :func:`meta_values` rows, in their order."""
    return (owner_column, "key", "value_raw", "value", "position")


def meta_values(owner_id: int, meta: Sequence[tuple[str, str]]) -> Iterable[tuple[Any, ...]]:
    """Meta rows for one owner, as values in the order of :func:`meta_keys` (for :func:`insert_values`): raw value
    kept, decoded JSON beside it, original order kept."""
    for position, (key, raw) in enumerate(meta):
        yield owner_id, key, raw, maybe_unserialize(raw), position


def replace_meta(
    session: Session,
    table: Table,
    owner_column: str,
    owned: Sequence[tuple[int, Sequence[tuple[str, str]]]],
    replaced_ids: set[int],
) -> None:
    """Write each owner's meta, first removing what owners that already existed had."""
    if replaced_ids:
        session.execute(delete(table).where(table.c[owner_column].in_(replaced_ids)))
    rows = (row for owner_id, meta in owned for row in meta_values(owner_id, meta))
    insert_values(session, table, meta_keys(owner_column), rows)


@dataclass(slots=True)
class RowWrite:
    """A whole row with its meta, as the terms, users and comments services take them."""

    fields: dict[str, Any]
    meta: list[tuple[str, str]] = field(default_factory=list)


def save_rows_with_meta(
    session: Session,
    writes: Sequence[RowWrite],
    *,
    table: Table,
    meta_table: Table,
    owner_column: str,
    noun: str,
    required: tuple[str, ...],
    defaults: dict[str, Any],
) -> None:
    """Insert or replace rows whole (columns and meta); rows without an ID get the next free one."""
    columns = set(table.columns.keys())
    for write in writes:
        unknown = set(write.fields) - columns
        if unknown:
            raise InvalidInput(f"unknown {noun} field(s): {', '.join(sorted(unknown))}")
        missing = [name for name in required if not write.fields.get(name)]
        if missing:
            raise InvalidInput(f"a {noun} needs {' and '.join(missing)}")
    rows = [{**defaults, **write.fields} for write in writes]
    existing = upsert_by_id(session, table, rows)
    for write, row in zip(writes, rows, strict=True):
        write.fields["id"] = row["id"]
    replace_meta(session, meta_table, owner_column, [(int(w.fields["id"]), w.meta) for w in writes], existing)
    session.flush()
