"""However an import is cut into batches, it writes the same rows.

Each batch is written in a thread of its own while the next one is mapped (importers.wxr.write_behind). With
batches of three items, hundreds are written that way, with terms and users the items name created, ACF
definitions arriving, attachments copied and events matched in between, and the reusable blocks, media and
menus that renderings show written in other batches than the entries that show them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text

from app.core.db import metadata
from tests.importers.wxr.cli import import_wxr
from tests.importers.wxr.wxr_documents import SHARED_FIXTURES

SITE_A = SHARED_FIXTURES / "wordpress-db"
# When and how the run went, not what it wrote.
RUN_TABLES = frozenset({"import_runs", "site_state"})


def _rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary key order."""
    written: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name not in RUN_TABLES:
                query = select(table).order_by(*table.primary_key.columns)
                written[table.name] = [tuple(row) for row in connection.execute(query)]
    return written


def _empty(engine: Engine) -> None:
    names = [table.name for table in reversed(metadata.sorted_tables)]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))
        else:
            for name in names:
                connection.execute(text(f"DELETE FROM {name}"))  # noqa: S608 - table names from the metadata


def test_small_batches_write_exactly_what_one_batch_writes(clean_db: Engine, tmp_path: Path) -> None:
    export = SITE_A / "export.xml"
    if not export.is_file():
        pytest.skip(f"{export.name} is not beside the repository")
    options = ("--uploads-dir", SITE_A / "uploads", "--events-ics", SITE_A / "events.ics")
    import_wxr(export, *options, "--batch-size", "100000", report=tmp_path / "whole.json")
    whole = _rows(clean_db)
    _empty(clean_db)

    import_wxr(export, *options, "--batch-size", "3", report=tmp_path / "small.json")

    small = _rows(clean_db)
    assert sum(len(rows) for rows in whole.values()) > 5_000
    for name, rows in whole.items():
        assert small[name] == rows, f"table {name} differs"
