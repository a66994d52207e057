"""site state

One row of site-wide state shared by every process: ``content_version`` changes in the same transaction
as every write (see ``app.core.content_version``), so per-process response caches know when to drop
what they keep.

Revision ID: 3b7d9e4a1c20
Revises: a3d94b7c2e10
Create Date: 2026-12-01 10:00:00.000000
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3b7d9e4a1c20"
down_revision: str | None = "a3d94b7c2e10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    site_state = op.create_table(
        "site_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("content_version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_state")),
    )
    op.bulk_insert(site_state, [{"id": 1, "content_version": secrets.randbits(63) or 1}])


def downgrade() -> None:
    op.drop_table("site_state")
