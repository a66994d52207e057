"""entries fillfactor

On PostgreSQL an import writes each entry twice: its row, then (once a render worker has rendered it) the
rendered title, content and excerpt. With full pages the second write cannot stay on the row's page, so it
is a new row version in every index, the three trigram GIN indexes over the title, excerpt and content
included, re-indexing text that did not change. Leaving half of each page free lets PostgreSQL update in
place (a heap-only tuple): at 20k entries four in five renders did, against one in a hundred before. The
setting applies to pages written from now on. SQLite has no such setting and needs none.

Revision ID: 9a3c5e7f1d24
Revises: 2d8f6a0c4b17
Create Date: 2026-12-07 13:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "9a3c5e7f1d24"
down_revision: str | None = "2d8f6a0c4b17"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE entries SET (fillfactor = 50)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE entries RESET (fillfactor)")
