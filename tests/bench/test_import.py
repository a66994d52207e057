from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

# `import` is a keyword, so the script can only be loaded by name.
bench_import: ModuleType = importlib.import_module("bench.import")

ALLOCATE_150_MB = "b = bytearray(150 * 1024 * 1024)\nfor i in range(0, len(b), 4096): b[i] = 1"


def test_run_measured_reports_the_child_peak_rss_and_exit_code(tmp_path: Path) -> None:
    run, returncode = bench_import.run_measured([sys.executable, "-c", ALLOCATE_150_MB], {}, tmp_path / "log")
    assert returncode == 0
    assert 150 <= run.peak_rss_mb < 400
    assert run.seconds > 0


def test_run_measured_returns_the_exit_code_of_a_failing_child(tmp_path: Path) -> None:
    _, returncode = bench_import.run_measured([sys.executable, "-c", "raise SystemExit(3)"], {}, tmp_path / "log")
    assert returncode == 3


def test_cached_export_is_written_once_per_size_and_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_import, "CACHE_DIR", tmp_path)
    first, reused_first = bench_import.cached_export(50, 2)
    second, reused_second = bench_import.cached_export(50, 2)
    other, _ = bench_import.cached_export(50, 3)
    assert (reused_first, reused_second) == (False, True)
    assert first == second != other
    assert not list(tmp_path.glob("*.partial"))


def test_bare_iterparse_counts_the_same_items_as_generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_import, "CACHE_DIR", tmp_path)
    path, _ = bench_import.cached_export(120, 1)
    assert bench_import.bare_iterparse_count(path) == 120


def test_last_message_drops_typer_box_drawing() -> None:
    output = "Usage: vellum [OPTIONS]\n╭─ Error ─────╮\n│ No such command 'import'. │\n╰─────────────╯\n"
    assert bench_import.last_message(output) == "No such command 'import'."


def test_sqlite_run_gets_a_fresh_file_in_the_work_dir(tmp_path: Path) -> None:
    assert bench_import.prepare_database(None, tmp_path) == f"sqlite:///{tmp_path / 'bench.db'}"


def test_only_postgresql_urls_are_accepted(tmp_path: Path) -> None:
    with pytest.raises(bench_import.BenchError, match="postgresql"):
        bench_import.prepare_database("mysql://root@localhost/x", tmp_path)
