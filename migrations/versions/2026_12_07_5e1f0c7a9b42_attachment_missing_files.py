"""attachment files missing from the uploads copy

An import with --uploads-dir stores an attachment's file and its sub-sizes. When the main file is stored
but some sub-size files were not in the folder, their URLs must keep pointing at the old site rather than
at Vellum's media root, where nothing answers. ``missing_files`` lists those sub-size file names.

Revision ID: 5e1f0c7a9b42
Revises: 160a2975dda1
Create Date: 2026-12-07 10:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "5e1f0c7a9b42"
down_revision: str | None = "160a2975dda1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    column = sa.Column(
        "missing_files",
        sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
        nullable=False,
        server_default="[]",
    )
    op.add_column("attachments", column)


def downgrade() -> None:
    op.drop_column("attachments", "missing_files")
