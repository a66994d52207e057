"""Bulk row writing shared by the services: upsert by primary key, replace an owner's meta."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from app.core.db import sync_id_sequence
from app.core.phpserial import maybe_unserialize


def insert_many(session: Session, table: Table, rows: Iterable[dict[str, Any]]) -> None:
    """Executemany insert; rows are grouped by key set so every statement has one column list."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    for group in groups.values():
        session.execute(insert(table), group)


def existing_ids(session: Session, table: Table, ids: Sequence[int]) -> set[int]:
    """Which of ``ids`` are already rows of ``table``."""
    if not ids:
        return set()
    return {int(value) for value in session.scalars(select(table.c.id).where(table.c.id.in_(ids)))}


def upsert_by_id(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> set[int]:
    """Insert rows with new IDs, update the others; rows without an ID get the next free one.

    Returns the IDs that existed before (their dependent rows need replacing).
    """
    before = existing_ids(session, table, [int(row["id"]) for row in rows if row.get("id") is not None])
    for row in rows:
        if row.get("id") in before:
            session.execute(update(table).where(table.c.id == row["id"]).values(row))
    insert_many(session, table, [row for row in rows if row.get("id") is not None and row["id"] not in before])
    sync_id_sequence(session, table.name)
    for row in rows:
        if row.get("id") is None:
            # Leave the ID out entirely: PostgreSQL only applies the sequence to a missing column, not a NULL.
            values = {key: value for key, value in row.items() if key != "id"}
            row["id"] = int(session.execute(insert(table).values(values).returning(table.c.id)).scalar_one())
    return before


def meta_rows(owner_column: str, owner_id: int, meta: Sequence[tuple[str, str]]) -> Iterable[dict[str, Any]]:
    """Meta rows for one owner: raw value kept, decoded JSON beside it, original order kept."""
    for position, (key, raw) in enumerate(meta):
        yield {
            owner_column: owner_id,
            "key": key,
            "value_raw": raw,
            "value": maybe_unserialize(raw),
            "position": position,
        }


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
    insert_many(session, table, (row for owner_id, meta in owned for row in meta_rows(owner_column, owner_id, meta)))
