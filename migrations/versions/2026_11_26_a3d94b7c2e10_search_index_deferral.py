"""search index deferral

SQLite's insert trigger indexes entries one row at a time, and FTS5 writes a new index segment for every
statement a trigger runs inside, so a bulk insert pays for merging hundreds of tiny segments. The trigger now
stands aside while ``entries_search_deferred`` has a row; a bulk writer adds that row in its own transaction,
inserts its entries, indexes them with one statement and removes the row before it commits, so no other
connection ever sees it. PostgreSQL's GIN indexes need nothing.

Revision ID: a3d94b7c2e10
Revises: 5f1c2a9d7e31
Create Date: 2026-11-26 09:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a3d94b7c2e10"
down_revision: str | None = "5f1c2a9d7e31"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_UP = (
    "CREATE TABLE entries_search_deferred (id INTEGER NOT NULL PRIMARY KEY)",
    "DROP TRIGGER entries_search_insert",
    "CREATE TRIGGER entries_search_insert AFTER INSERT ON entries "
    "WHEN NOT EXISTS (SELECT 1 FROM entries_search_deferred) BEGIN "
    "INSERT INTO entries_search(rowid, title, excerpt, content) "
    "VALUES (new.id, new.title, new.excerpt, new.content); END",
)
_SQLITE_DOWN = (
    "DROP TRIGGER entries_search_insert",
    "CREATE TRIGGER entries_search_insert AFTER INSERT ON entries BEGIN "
    "INSERT INTO entries_search(rowid, title, excerpt, content) "
    "VALUES (new.id, new.title, new.excerpt, new.content); END",
    "DROP TABLE entries_search_deferred",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_DOWN:
            op.execute(statement)
