"""The schema is made by migrations only, they go both ways, and they match the models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect, text

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


def _fill_required(connection: Connection, table: str, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with a zero value for every other NOT NULL column that has no server default."""
    row = dict(values)
    for column in inspect(connection).get_columns(table):
        if column["name"] in row or column["nullable"] or column["default"] is not None or column["name"] == "id":
            continue
        python_type = column["type"].python_type
        row[column["name"]] = {str: "", int: 0, bool: False}.get(python_type, "{}")
    return row


def _insert(connection: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        row = _fill_required(connection, table, row)
        columns = ", ".join(row)
        marks = ", ".join(f":{name}" for name in row)
        connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks})"), row)  # noqa: S608 - test names


def test_upgrade_gives_the_rows_already_there_their_sort_keys(tmp_path: Path) -> None:
    with scratch_database(tmp_path) as url:
        engine = make_engine(url)
        upgrade(engine, "3b7d9e4a1c20")  # before the sort keys
        titles = {1: "Zebra", 2: "éclair", 3: "¿Qué?", 4: "2020", 5: "apple"}
        with engine.begin() as connection:
            _insert(
                connection, "entries", [{"id": key, "type": "post", "title": title} for key, title in titles.items()]
            )
            _insert(
                connection,
                "terms",
                [
                    {"id": key, "taxonomy": "category", "slug": f"t{key}", "name": title}
                    for key, title in titles.items()
                ],
            )
            _insert(
                connection,
                "users",
                [{"id": key, "login": f"u{key}", "display_name": title} for key, title in titles.items()],
            )
        upgrade(engine)
        with engine.connect() as connection:
            orders = [
                list(connection.scalars(text(f"SELECT id FROM {table} ORDER BY {key}, id")))  # noqa: S608 - test names
                for table, key in (
                    ("entries", "title_sort_key"),
                    ("terms", "name_sort_key"),
                    ("users", "display_name_sort_key"),
                )
            ]
        engine.dispose()
    assert orders == [[3, 4, 5, 2, 1]] * 3
