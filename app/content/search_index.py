"""Entries inserted together are indexed for search together.

On SQLite an insert trigger keeps the FTS5 trigram table (see ``app.content.search``) in step with
``entries``. FTS5 flushes its pending terms to a new index segment at every statement a trigger runs
in, so a bulk insert through the trigger writes one tiny segment per row and spends most of its time
merging them; a single ``INSERT ... SELECT`` of the whole batch writes one segment. Inserting a batch
of entries costs about half as much that way. PostgreSQL's GIN indexes are maintained by the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, bindparam, text
from sqlalchemy.orm import Session

from app.core.rows import insert_many

# While this table has a row, the insert trigger stands aside (migration a3d94b7c2e10). The row only
# ever exists inside the transaction that inserts and indexes a batch: nobody else can see it.
_DEFER = text("INSERT INTO entries_search_deferred (id) VALUES (1)")
_RESUME = text("DELETE FROM entries_search_deferred")
# From the view of what is searchable (not revisions: see migration b6d2f4a8c1e3), as the triggers index.
_INDEX = text(
    "INSERT INTO entries_search (rowid, title, excerpt, content) "
    "SELECT id, title, excerpt, content FROM entries_searchable WHERE id IN :ids"
).bindparams(bindparam("ids", expanding=True))
# SQLite allows 32,766 bound parameters per statement.
_IDS_PER_STATEMENT = 10_000


def insert_entries(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert new entry rows (with their IDs) and index them for search with one statement per batch."""
    if not rows or session.connection().dialect.name != "sqlite":
        insert_many(session, table, rows)
        return
    session.execute(_DEFER)
    try:
        insert_many(session, table, rows)
    finally:
        # Also after a failure: whatever rows did go in are indexed, as the trigger would have done.
        try:
            _index(session, [int(row["id"]) for row in rows])
        finally:
            session.execute(_RESUME)


def _index(session: Session, ids: list[int]) -> None:
    for start in range(0, len(ids), _IDS_PER_STATEMENT):
        session.execute(_INDEX, {"ids": ids[start : start + _IDS_PER_STATEMENT]})
