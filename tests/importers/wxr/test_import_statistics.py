"""PostgreSQL plans an import's lookups from fresh statistics, and the imported site is analyzed for its readers."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

from tests.importers.wxr.cli import import_wxr
from tests.importers.wxr.export_builder import export, item


def _analyze_counts(session: Session) -> dict[str, int]:
    rows = session.execute(text("SELECT relname, analyze_count FROM pg_stat_user_tables"))
    return {str(name): int(count) for name, count in rows}


def test_statistics_follow_the_import_as_its_batches_double(session: Session, tmp_path: Path) -> None:
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("SQLite plans without table statistics")
    before = _analyze_counts(session)
    path = export(tmp_path, *(item(100 + number, title=f"Item {number}") for number in range(9)))
    import_wxr(path, "--batch-size", "1", report=tmp_path / "r.json")
    session.rollback()
    after = _analyze_counts(session)
    # Nine batches: the provenance lookups' table after batches 1, 2, 4 and 8, and every table once at the end.
    assert after["import_records"] - before.get("import_records", 0) == 5
    assert after["entries"] - before.get("entries", 0) == 1
    assert after["users"] - before.get("users", 0) == 1


def test_a_dry_run_analyzes_nothing(session: Session, tmp_path: Path) -> None:
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("SQLite plans without table statistics")
    before = _analyze_counts(session)
    import_wxr(export(tmp_path, item(100)), "--dry-run", "--batch-size", "1", report=tmp_path / "r.json")
    session.rollback()
    assert _analyze_counts(session) == before
