"""collation sort keys

WordPress orders lists by text columns in its database's collation, utf8mb4_unicode_520_ci, which neither
SQLite nor PostgreSQL has. Each such column gets a binary sort key made when the row is written
(``app.core.collation``): entries' title and slug, terms' name, slug and description, users' display name,
nicename, URL and e-mail. The rows already there get theirs here; the default is the key of "".

Revision ID: 160a2975dda1
Revises: 3b7d9e4a1c20
Create Date: 2026-12-07 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.core.collation import EMPTY_SORT_KEY, sort_key

revision: str = "160a2975dda1"
down_revision: str | None = "3b7d9e4a1c20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KEYS = {
    "entries": {"title": "title_sort_key", "slug": "slug_sort_key"},
    "terms": {"name": "name_sort_key", "slug": "slug_sort_key", "description": "description_sort_key"},
    "users": {
        "display_name": "display_name_sort_key",
        "nicename": "nicename_sort_key",
        "url": "url_sort_key",
        "email": "email_sort_key",
    },
}
_INDEXES = (
    ("ix_entries_type_status_title_sort_key", "entries", ["type", "status", "title_sort_key"]),
    ("ix_terms_taxonomy_name_sort_key", "terms", ["taxonomy", "name_sort_key"]),
    ("ix_users_display_name_sort_key", "users", ["display_name_sort_key"]),
)
_CHUNK = 5000


def _empty_key() -> sa.TextClause:
    # A constant default lets SQLite add a NOT NULL column without rebuilding the table (and its triggers).
    if op.get_bind().dialect.name == "postgresql":
        return sa.text(f"'\\x{EMPTY_SORT_KEY.hex()}'::bytea")
    return sa.text(f"X'{EMPTY_SORT_KEY.hex()}'")


def _fill(table_name: str, keys: dict[str, str]) -> None:
    """Write the sort keys of the rows already there, a chunk of rows at a time."""
    connection = op.get_bind()
    table = sa.table(table_name, sa.column("id"), *(sa.column(name) for name in [*keys, *keys.values()]))
    update = (
        sa.update(table)
        .where(table.c.id == sa.bindparam("row_id"))
        .values({key: sa.bindparam(key, type_=sa.LargeBinary()) for key in keys.values()})
    )
    last = None
    while True:
        query = sa.select(table.c.id, *(table.c[name] for name in keys)).order_by(table.c.id).limit(_CHUNK)
        rows = connection.execute(query if last is None else query.where(table.c.id > last)).all()
        if not rows:
            return
        values = [
            {"row_id": row.id, **{key: sort_key(row._mapping[name] or "") for name, key in keys.items()}}
            for row in rows
        ]
        connection.execute(update, values)
        last = rows[-1].id


def upgrade() -> None:
    for table_name, keys in _KEYS.items():
        for key in keys.values():
            column = sa.Column(key, sa.LargeBinary(), nullable=False, server_default=_empty_key())
            op.add_column(table_name, column)
        _fill(table_name, keys)
    for name, table_name, columns in _INDEXES:
        op.create_index(name, table_name, columns)


def downgrade() -> None:
    for name, table_name, _ in _INDEXES:
        op.drop_index(name, table_name=table_name)
    for table_name, keys in _KEYS.items():
        for key in keys.values():
            op.drop_column(table_name, key)
