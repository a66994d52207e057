"""drop entry meta key index

No query looks entry meta up by key alone: every one names the entries first (the entry ID and key index
serves them), and the ACF pass's ``LIKE`` on keys cannot use a plain index on either engine. The index
only cost its upkeep, about half of the work of inserting meta rows during an import.

Revision ID: 2d8f6a0c4b17
Revises: 7c4e1b9a2f53
Create Date: 2026-12-07 12:30:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "2d8f6a0c4b17"
down_revision: str | None = "7c4e1b9a2f53"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_entry_meta_key", table_name="entry_meta")


def downgrade() -> None:
    op.create_index("ix_entry_meta_key", "entry_meta", ["key"], unique=False)
