"""search index without positions

SQLite's trigram table kept every trigram's position (FTS5's default ``detail=full``) only to answer phrase
queries exactly; indexing them was half of an import's search-index cost. The table is rebuilt with
``detail=none``, and a search now checks each entry the index finds for the word itself
(``app.core.trigram``), so it finds exactly what it found before. The triggers stay: they name the table,
not its options. PostgreSQL's GIN indexes are unchanged.

Revision ID: 7c4e1b9a2f53
Revises: 5e1f0c7a9b42
Create Date: 2026-12-07 12:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "7c4e1b9a2f53"
down_revision: str | None = "5e1f0c7a9b42"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CREATE = (
    "CREATE VIRTUAL TABLE entries_search USING fts5("
    "title, excerpt, content, content='entries', content_rowid='id', tokenize='trigram'{options})"
)


def _rebuild(options: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE entries_search")
    op.execute(_CREATE.format(options=options))
    op.execute("INSERT INTO entries_search(entries_search) VALUES ('rebuild')")


def upgrade() -> None:
    _rebuild(", detail=none")


def downgrade() -> None:
    _rebuild("")
