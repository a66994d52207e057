"""import provenance and typed acf values

Revision ID: 77cb4f24c28b
Revises: e8ce3d58f3c8
Create Date: 2026-11-25 14:26:41.694317
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

import app.core.types

revision: str = "77cb4f24c28b"
down_revision: str | None = "e8ce3d58f3c8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_records",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=80), nullable=False),
        sa.Column("wp_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=False, nullable=False),
        sa.Column("local_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["import_sources.id"],
            name=op.f("fk_import_records_source_id_import_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("source_id", "kind", "wp_id", name=op.f("pk_import_records")),
    )
    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("started_at", app.core.types.UtcDateTime(), nullable=False),
        sa.Column("finished_at", app.core.types.UtcDateTime(), nullable=True),
        sa.Column("files", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("report", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["import_sources.id"],
            name=op.f("fk_import_runs_source_id_import_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_runs")),
    )
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("acf", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=True)
        )

    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("acf", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=True)
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("acf", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=True)
        )



def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("acf")

    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.drop_column("acf")

    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_column("acf")

    op.drop_table("import_runs")
    op.drop_table("import_records")
