"""The schema is made by migrations only, they go both ways, and they match the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app.content.search import include_schema_object
from app.core.db import make_engine, metadata
from app.core.migrate import current_revision, downgrade, head_revision, upgrade
from tests.database import scratch_database


def test_migrations_go_up_down_to_base_and_up_again(tmp_path: Path) -> None:
    with scratch_database(tmp_path) as url:
        engine = make_engine(url)
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        assert "entries" in inspect(engine).get_table_names()
        downgrade(engine, "base")
        assert current_revision(engine) is None
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        engine.dispose()


def test_models_and_migrations_do_not_drift(tmp_path: Path) -> None:
    with scratch_database(tmp_path) as url:
        engine = make_engine(url)
        upgrade(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": include_schema_object}
            )
            differences = compare_metadata(context, metadata)
        engine.dispose()
    assert differences == [], f"models differ from migrations; write a migration: {differences}"
