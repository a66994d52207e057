"""full text search

Trigram indexes over entries' title, excerpt and content, so WordPress's substring search
(``LIKE '%word%'``) is answered from an index: an external-content FTS5 table kept in sync by
triggers on SQLite, ``pg_trgm`` GIN indexes on PostgreSQL.

Revision ID: 5f1c2a9d7e31
Revises: e8ce3d58f3c8
Create Date: 2026-11-25 18:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5f1c2a9d7e31"
down_revision: str | None = "e8ce3d58f3c8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("title", "excerpt", "content")

_SQLITE_UP = (
    "CREATE VIRTUAL TABLE entries_search USING fts5("
    "title, excerpt, content, content='entries', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER entries_search_insert AFTER INSERT ON entries BEGIN "
    "INSERT INTO entries_search(rowid, title, excerpt, content) "
    "VALUES (new.id, new.title, new.excerpt, new.content); END",
    "CREATE TRIGGER entries_search_delete AFTER DELETE ON entries BEGIN "
    "INSERT INTO entries_search(entries_search, rowid, title, excerpt, content) "
    "VALUES ('delete', old.id, old.title, old.excerpt, old.content); END",
    "CREATE TRIGGER entries_search_update AFTER UPDATE OF id, title, excerpt, content ON entries BEGIN "
    "INSERT INTO entries_search(entries_search, rowid, title, excerpt, content) "
    "VALUES ('delete', old.id, old.title, old.excerpt, old.content); "
    "INSERT INTO entries_search(rowid, title, excerpt, content) "
    "VALUES (new.id, new.title, new.excerpt, new.content); END",
    # Entries written before this migration.
    "INSERT INTO entries_search(entries_search) VALUES ('rebuild')",
)
_SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS entries_search_update",
    "DROP TRIGGER IF EXISTS entries_search_delete",
    "DROP TRIGGER IF EXISTS entries_search_insert",
    "DROP TABLE IF EXISTS entries_search",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_UP:
            op.execute(statement)
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in _COLUMNS:
        op.execute(f"CREATE INDEX ix_entries_search_{column} ON entries USING gin ({column} gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_DOWN:
            op.execute(statement)
        return
    for column in _COLUMNS:
        op.execute(f"DROP INDEX IF EXISTS ix_entries_search_{column}")
