"""stored rendered title content excerpt

Revision ID: 7a20b685f578
Revises: 77cb4f24c28b
Create Date: 2026-11-25 14:32:12.416741
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7a20b685f578"
down_revision: str | None = "77cb4f24c28b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title_rendered", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("content_rendered", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("excerpt_rendered", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_column("excerpt_rendered")
        batch_op.drop_column("content_rendered")
        batch_op.drop_column("title_rendered")
