"""initial schema

Revision ID: e8ce3d58f3c8
Revises:
Create Date: 2026-11-25 14:37:52.477961
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

import app.core.types

revision: str = "e8ce3d58f3c8"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("base_url", sa.String(length=512), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_sources")),
        sa.UniqueConstraint("base_url", name=op.f("uq_import_sources_base_url")),
    )
    op.create_table(
        "options",
        sa.Column("name", sa.String(length=191), nullable=False),
        sa.Column("value", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_options")),
    )
    op.create_table(
        "entries",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("slug", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.Column("title_rendered", sa.Text(), nullable=False),
        sa.Column("content_rendered", sa.Text(), nullable=False),
        sa.Column("excerpt_rendered", sa.Text(), nullable=False),
        sa.Column("author_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("parent_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("menu_order", sa.Integer(), nullable=False),
        sa.Column("date", sa.DateTime(), nullable=True),
        sa.Column("date_gmt", sa.DateTime(), nullable=True),
        sa.Column("modified", sa.DateTime(), nullable=True),
        sa.Column("modified_gmt", sa.DateTime(), nullable=True),
        sa.Column("password", sa.Text(), nullable=False),
        sa.Column("comment_status", sa.String(length=20), nullable=False),
        sa.Column("ping_status", sa.String(length=20), nullable=False),
        sa.Column("guid", sa.Text(), nullable=False),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("is_sticky", sa.Boolean(), nullable=False),
        sa.Column("featured_media_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("template", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("acf", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=True),
        sa.Column("extra", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["import_sources.id"], name=op.f("fk_entries_source_id_import_sources"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entries")),
    )
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.create_index("ix_entries_author_id", ["author_id"], unique=False)
        batch_op.create_index("ix_entries_parent_id", ["parent_id"], unique=False)
        batch_op.create_index("ix_entries_type_slug", ["type", "slug"], unique=False)
        batch_op.create_index("ix_entries_type_status_date_gmt", ["type", "status", "date_gmt"], unique=False)

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
    op.create_table(
        "terms",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("taxonomy", sa.String(length=64), nullable=False),
        sa.Column("slug", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("parent_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("acf", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=True),
        sa.Column("extra", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["import_sources.id"], name=op.f("fk_terms_source_id_import_sources"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terms")),
        sa.UniqueConstraint("taxonomy", "slug", name=op.f("uq_terms_taxonomy_slug")),
    )
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.create_index("ix_terms_taxonomy_parent_id", ["taxonomy", "parent_id"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("login", sa.String(length=255), nullable=False),
        sa.Column("nicename", sa.String(length=255), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("first_name", sa.Text(), nullable=False),
        sa.Column("last_name", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("registered_at", app.core.types.UtcDateTime(), nullable=True),
        sa.Column("roles", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("acf", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=True),
        sa.Column("extra", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["import_sources.id"], name=op.f("fk_users_source_id_import_sources"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("login", name=op.f("uq_users_login")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_nicename"), ["nicename"], unique=False)

    op.create_table(
        "acf_field_groups",
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column(
            "location", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=False
        ),
        sa.Column(
            "settings", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=False
        ),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_acf_field_groups_entry_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_acf_field_groups")),
    )
    with op.batch_alter_table("acf_field_groups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_acf_field_groups_key"), ["key"], unique=False)

    op.create_table(
        "acf_fields",
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("field_type", sa.String(length=64), nullable=False),
        sa.Column("parent_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "settings", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_acf_fields_entry_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_acf_fields")),
    )
    with op.batch_alter_table("acf_fields", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_acf_fields_key"), ["key"], unique=False)
        batch_op.create_index("ix_acf_fields_name", ["name"], unique=False)

    op.create_table(
        "attachments",
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("mime_type", sa.String(length=255), nullable=False),
        sa.Column("filesize", sa.Integer(), nullable=True),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("alt_text", sa.Text(), nullable=False),
        sa.Column("sizes", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=False),
        sa.Column(
            "image_meta", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=False
        ),
        sa.Column("original_image", sa.Text(), nullable=False),
        sa.Column("original_url", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("is_stored", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_attachments_entry_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_attachments")),
    )
    op.create_table(
        "comments",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("parent_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("author_name", sa.Text(), nullable=False),
        sa.Column("author_email", sa.Text(), nullable=False),
        sa.Column("author_url", sa.Text(), nullable=False),
        sa.Column("author_ip", sa.Text(), nullable=False),
        sa.Column("author_agent", sa.Text(), nullable=False),
        sa.Column("date", sa.DateTime(), nullable=True),
        sa.Column("date_gmt", sa.DateTime(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("karma", sa.Integer(), nullable=False),
        sa.Column("extra", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_comments_entry_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.create_index("ix_comments_entry_id_status", ["entry_id", "status"], unique=False)
        batch_op.create_index("ix_comments_parent_id", ["parent_id"], unique=False)

    op.create_table(
        "custom_css",
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("stylesheet", sa.Text(), nullable=False),
        sa.Column("content_filtered", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_custom_css_entry_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_custom_css")),
    )
    op.create_table(
        "customize_changesets",
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("uuid", sa.String(length=255), nullable=False),
        sa.Column(
            "settings", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_customize_changesets_entry_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_customize_changesets")),
    )
    with op.batch_alter_table("customize_changesets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customize_changesets_uuid"), ["uuid"], unique=False)

    op.create_table(
        "entry_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("value_raw", sa.Text(), nullable=False),
        sa.Column("value", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_entry_meta_entry_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry_meta")),
    )
    with op.batch_alter_table("entry_meta", schema=None) as batch_op:
        batch_op.create_index("ix_entry_meta_entry_id_key", ["entry_id", "key"], unique=False)
        batch_op.create_index("ix_entry_meta_key", ["key"], unique=False)

    op.create_table(
        "events",
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("starts_at", app.core.types.UtcDateTime(), nullable=True),
        sa.Column("ends_at", app.core.types.UtcDateTime(), nullable=True),
        sa.Column("timezone_name", sa.Text(), nullable=False),
        sa.Column("is_all_day", sa.Boolean(), nullable=False),
        sa.Column("is_instant", sa.Boolean(), nullable=False),
        sa.Column("recurrence_rules", sa.Text(), nullable=False),
        sa.Column("exception_rules", sa.Text(), nullable=False),
        sa.Column("recurrence_dates", sa.Text(), nullable=False),
        sa.Column("exception_dates", sa.Text(), nullable=False),
        sa.Column("venue", sa.Text(), nullable=False),
        sa.Column("country", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("city", sa.Text(), nullable=False),
        sa.Column("province", sa.Text(), nullable=False),
        sa.Column("postal_code", sa.Text(), nullable=False),
        sa.Column("show_map", sa.Boolean(), nullable=False),
        sa.Column("show_coordinates", sa.Boolean(), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("contact_name", sa.Text(), nullable=False),
        sa.Column("contact_phone", sa.Text(), nullable=False),
        sa.Column("contact_email", sa.Text(), nullable=False),
        sa.Column("contact_url", sa.Text(), nullable=False),
        sa.Column("cost", sa.Text(), nullable=False),
        sa.Column("is_free", sa.Boolean(), nullable=False),
        sa.Column("ticket_url", sa.Text(), nullable=False),
        sa.Column("ical_uid", sa.String(length=255), nullable=False),
        sa.Column("ical_feed_url", sa.Text(), nullable=False),
        sa.Column("ical_source_url", sa.Text(), nullable=False),
        sa.Column("ical_organizer", sa.Text(), nullable=False),
        sa.Column("ical_contact", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_events_entry_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_ical_uid"), ["ical_uid"], unique=False)
        batch_op.create_index("ix_events_starts_at", ["starts_at"], unique=False)

    op.create_table(
        "menu_items",
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("menu_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("parent_item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("item_type", sa.String(length=32), nullable=False),
        sa.Column("object", sa.String(length=255), nullable=False),
        sa.Column("object_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column(
            "classes", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=False
        ),
        sa.Column("xfn", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_menu_items_entry_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_menu_items")),
    )
    with op.batch_alter_table("menu_items", schema=None) as batch_op:
        batch_op.create_index("ix_menu_items_menu_id", ["menu_id"], unique=False)

    op.create_table(
        "oembed_caches",
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("cache_key", sa.String(length=255), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("is_unknown", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_oembed_caches_entry_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_oembed_caches")),
    )
    with op.batch_alter_table("oembed_caches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_oembed_caches_cache_key"), ["cache_key"], unique=False)

    op.create_table(
        "old_urls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_old_urls_entry_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_old_urls")),
    )
    with op.batch_alter_table("old_urls", schema=None) as batch_op:
        batch_op.create_index("ix_old_urls_entry_id", ["entry_id"], unique=False)
        batch_op.create_index("ix_old_urls_kind_value", ["kind", "value"], unique=False)

    op.create_table(
        "reusable_blocks",
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("sync_status", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_reusable_blocks_entry_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_reusable_blocks")),
    )
    op.create_table(
        "term_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("value_raw", sa.Text(), nullable=False),
        sa.Column("value", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["term_id"], ["terms.id"], name=op.f("fk_term_meta_term_id_terms"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_term_meta")),
    )
    with op.batch_alter_table("term_meta", schema=None) as batch_op:
        batch_op.create_index("ix_term_meta_term_id_key", ["term_id", "key"], unique=False)

    op.create_table(
        "term_relationships",
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("term_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("term_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_term_relationships_entry_id_entries"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["term_id"], ["terms.id"], name=op.f("fk_term_relationships_term_id_terms"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", "term_id", name=op.f("pk_term_relationships")),
    )
    with op.batch_alter_table("term_relationships", schema=None) as batch_op:
        batch_op.create_index("ix_term_relationships_term_id", ["term_id"], unique=False)

    op.create_table(
        "user_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("value_raw", sa.Text(), nullable=False),
        sa.Column("value", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_user_meta_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_meta")),
    )
    with op.batch_alter_table("user_meta", schema=None) as batch_op:
        batch_op.create_index("ix_user_meta_user_id_key", ["user_id", "key"], unique=False)

    op.create_table(
        "user_requests",
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("request_status", sa.String(length=32), nullable=False),
        sa.Column("key_hash", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=True),
        sa.Column("confirmed_at", app.core.types.UtcDateTime(), nullable=True),
        sa.Column("completed_at", app.core.types.UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["entries.id"], name=op.f("fk_user_requests_entry_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_user_requests")),
    )
    op.create_table(
        "comment_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("value_raw", sa.Text(), nullable=False),
        sa.Column("value", sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["comment_id"], ["comments.id"], name=op.f("fk_comment_meta_comment_id_comments"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_meta")),
    )
    with op.batch_alter_table("comment_meta", schema=None) as batch_op:
        batch_op.create_index("ix_comment_meta_comment_id_key", ["comment_id", "key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("comment_meta", schema=None) as batch_op:
        batch_op.drop_index("ix_comment_meta_comment_id_key")

    op.drop_table("comment_meta")
    op.drop_table("user_requests")
    with op.batch_alter_table("user_meta", schema=None) as batch_op:
        batch_op.drop_index("ix_user_meta_user_id_key")

    op.drop_table("user_meta")
    with op.batch_alter_table("term_relationships", schema=None) as batch_op:
        batch_op.drop_index("ix_term_relationships_term_id")

    op.drop_table("term_relationships")
    with op.batch_alter_table("term_meta", schema=None) as batch_op:
        batch_op.drop_index("ix_term_meta_term_id_key")

    op.drop_table("term_meta")
    op.drop_table("reusable_blocks")
    with op.batch_alter_table("old_urls", schema=None) as batch_op:
        batch_op.drop_index("ix_old_urls_kind_value")
        batch_op.drop_index("ix_old_urls_entry_id")

    op.drop_table("old_urls")
    with op.batch_alter_table("oembed_caches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_oembed_caches_cache_key"))

    op.drop_table("oembed_caches")
    with op.batch_alter_table("menu_items", schema=None) as batch_op:
        batch_op.drop_index("ix_menu_items_menu_id")

    op.drop_table("menu_items")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_starts_at")
        batch_op.drop_index(batch_op.f("ix_events_ical_uid"))

    op.drop_table("events")
    with op.batch_alter_table("entry_meta", schema=None) as batch_op:
        batch_op.drop_index("ix_entry_meta_key")
        batch_op.drop_index("ix_entry_meta_entry_id_key")

    op.drop_table("entry_meta")
    with op.batch_alter_table("customize_changesets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customize_changesets_uuid"))

    op.drop_table("customize_changesets")
    op.drop_table("custom_css")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index("ix_comments_parent_id")
        batch_op.drop_index("ix_comments_entry_id_status")

    op.drop_table("comments")
    op.drop_table("attachments")
    with op.batch_alter_table("acf_fields", schema=None) as batch_op:
        batch_op.drop_index("ix_acf_fields_name")
        batch_op.drop_index(batch_op.f("ix_acf_fields_key"))

    op.drop_table("acf_fields")
    with op.batch_alter_table("acf_field_groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_acf_field_groups_key"))

    op.drop_table("acf_field_groups")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_nicename"))

    op.drop_table("users")
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.drop_index("ix_terms_taxonomy_parent_id")

    op.drop_table("terms")
    op.drop_table("import_runs")
    op.drop_table("import_records")
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_index("ix_entries_type_status_date_gmt")
        batch_op.drop_index("ix_entries_type_slug")
        batch_op.drop_index("ix_entries_parent_id")
        batch_op.drop_index("ix_entries_author_id")

    op.drop_table("entries")
    op.drop_table("options")
    op.drop_table("import_sources")
