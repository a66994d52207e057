"""search index without revisions

Every revision's title, excerpt and content was indexed for search, yet nothing searches revisions: they are
not in /wp/v2/search, and no collection serves them. On a WordPress site they are often the largest share of
all posts, so they made a large part of an import's indexing time and of the index's size.

SQLite: the trigram table now takes its external content from the view ``entries_searchable`` (entries that
are not revisions), so a rebuild, an integrity check and the triggers all agree on what is indexed.
PostgreSQL: the trigram GIN indexes are partial (``WHERE type <> 'revision'``); the planner uses them for any
query that names its post types, as every search query does.

Revision ID: b6d2f4a8c1e3
Revises: 9a3c5e7f1d24
Create Date: 2026-12-07 14:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "b6d2f4a8c1e3"
down_revision: str | None = "9a3c5e7f1d24"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("title", "excerpt", "content")
_NOT_REVISION = "type <> 'revision'"


def _table(content: str) -> str:
    return (
        "CREATE VIRTUAL TABLE entries_search USING fts5(title, excerpt, content, "
        f"content='{content}', content_rowid='id', tokenize='trigram', detail=none)"
    )


def _triggers(condition: str) -> tuple[str, ...]:
    """The triggers keeping the table in step with entries, for the rows ``condition`` (on new./old.) selects."""
    new, old = condition.format(row="new"), condition.format(row="old")
    # The conditions are this module's constants.
    return (
        "CREATE TRIGGER entries_search_insert AFTER INSERT ON entries "  # noqa: S608
        f"WHEN {new} AND NOT EXISTS (SELECT 1 FROM entries_search_deferred) BEGIN "
        "INSERT INTO entries_search(rowid, title, excerpt, content) "
        "VALUES (new.id, new.title, new.excerpt, new.content); END",
        f"CREATE TRIGGER entries_search_delete AFTER DELETE ON entries WHEN {old} BEGIN "  # noqa: S608
        "INSERT INTO entries_search(entries_search, rowid, title, excerpt, content) "
        "VALUES ('delete', old.id, old.title, old.excerpt, old.content); END",
        "CREATE TRIGGER entries_search_update AFTER UPDATE OF id, type, title, excerpt, content ON entries BEGIN "
        "INSERT INTO entries_search(entries_search, rowid, title, excerpt, content) "
        f"SELECT 'delete', old.id, old.title, old.excerpt, old.content WHERE {old}; "
        "INSERT INTO entries_search(rowid, title, excerpt, content) "
        f"SELECT new.id, new.title, new.excerpt, new.content WHERE {new}; END",
    )


_DROP = (
    "DROP TRIGGER entries_search_insert",
    "DROP TRIGGER entries_search_delete",
    "DROP TRIGGER entries_search_update",
    "DROP TABLE entries_search",
)
_SQLITE_UP = (
    *_DROP,
    f"CREATE VIEW entries_searchable AS SELECT id, title, excerpt, content FROM entries WHERE {_NOT_REVISION}",  # noqa: S608
    _table("entries_searchable"),
    *_triggers("{row}.type <> 'revision'"),
    "INSERT INTO entries_search(entries_search) VALUES ('rebuild')",
)
_SQLITE_DOWN = (
    *_DROP,
    "DROP VIEW entries_searchable",
    _table("entries"),
    *_triggers("1"),
    "INSERT INTO entries_search(entries_search) VALUES ('rebuild')",
)


def _gin_indexes(where: str) -> None:
    for column in _COLUMNS:
        op.execute(f"DROP INDEX ix_entries_search_{column}")
        op.execute(f"CREATE INDEX ix_entries_search_{column} ON entries USING gin ({column} gin_trgm_ops){where}")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        _gin_indexes(f" WHERE {_NOT_REVISION}")
        return
    for statement in _SQLITE_UP:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        _gin_indexes("")
        return
    for statement in _SQLITE_DOWN:
        op.execute(statement)
