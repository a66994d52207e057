"""Import records: which local row each (source site, kind, WordPress ID) became, and the digest written."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

import orjson
from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from app.core.rows import insert_many
from app.imports.models import ImportRecord

RECORD_TABLE: Table = ImportRecord.__table__  # type: ignore[attr-defined]


def digest(*parts: Any) -> str:
    """A stable fingerprint of what would be written; equal digests mean nothing to change."""
    payload = orjson.dumps(parts, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS, default=str)
    return hashlib.blake2b(payload, digest_size=20).hexdigest()


def known(session: Session, source_id: int, kind: str, wp_ids: Sequence[int]) -> dict[int, tuple[int, str]]:
    """``wp_id -> (local_id, digest)`` of what earlier imports of this source wrote."""
    if not wp_ids:
        return {}
    table = RECORD_TABLE
    query = select(table.c.wp_id, table.c.local_id, table.c.digest).where(
        table.c.source_id == source_id, table.c.kind == kind, table.c.wp_id.in_(wp_ids)
    )
    return {int(row.wp_id): (int(row.local_id), str(row.digest)) for row in session.execute(query)}


def remember(session: Session, source_id: int, kind: str, rows: Iterable[tuple[int, int, str]]) -> None:
    """Record ``(wp_id, local_id, digest)`` for this source, replacing what was recorded before."""
    # The same object twice in one export (it happens) is recorded once, as last seen.
    latest = {wp_id: (local_id, value) for wp_id, local_id, value in rows}
    records = [
        {"source_id": source_id, "kind": kind, "wp_id": wp_id, "local_id": local_id, "digest": value}
        for wp_id, (local_id, value) in latest.items()
    ]
    if not records:
        return
    table = RECORD_TABLE
    ids = [record["wp_id"] for record in records]
    session.execute(delete(table).where(table.c.source_id == source_id, table.c.kind == kind, table.c.wp_id.in_(ids)))
    insert_many(session, table, records)
