"""Import benchmark: items per second, peak memory, and import time against a parse-only pass.

Usage: ``python bench/import.py --items 100000 [--database-url URL] [--keep] [--seed S]``

Generates (or reuses) a synthetic export of N items, times a parse-only pass over it, then runs
``vellum import wxr FILE --report REPORT.json`` exactly as a user would, in a subprocess, against a
fresh SQLite file or a recreated PostgreSQL scratch database, and prints the figures with PASS/FAIL.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script (`python bench/import.py`): make the repository root importable.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.wxrgen import write_wxr

TARGET_ITEMS_PER_SECOND = 5_000
TARGET_PEAK_RSS_MB = 250
TARGET_IMPORT_TO_PARSE = 8.0
SCRATCH_DATABASE = "vellum_bench"
BENCH_DIR = Path(__file__).resolve().parent
CACHE_DIR = Path(tempfile.gettempdir()) / "vellum-bench-cache"


class BenchError(Exception):
    """The benchmark cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class ImportRun:
    """Wall time and peak resident memory of one ``vellum import wxr`` process."""

    seconds: float
    peak_rss_mb: float


def generator_fingerprint() -> str:
    """Hash of the generator's sources, so a cached export is rebuilt whenever the generator changes."""
    digest = hashlib.sha256()
    for source in sorted(BENCH_DIR.glob("wxr*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def cached_export(n_items: int, seed: int) -> tuple[Path, bool]:
    """The export for (N, seed), generated once and kept in the temp dir; True when it was reused."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = CACHE_DIR / f"wxr-{n_items}-seed{seed}-{generator_fingerprint()}.xml"
    if path.exists():
        return path, True
    partial = path.with_suffix(".partial")
    write_wxr(partial, n_items, seed=seed)
    partial.replace(path)  # only a complete file ever carries the cache name
    return path, False


def parse_only_counter() -> tuple[Callable[[Path], int], str]:
    """The project's ``count_items`` when the reader exists, else a bare lxml iterparse."""
    try:
        from importers.wxr.reader import count_items
    except ImportError:
        return bare_iterparse_count, "bare lxml iterparse (importers.wxr.reader not available)"
    return count_items, "importers.wxr.reader.count_items"


def bare_iterparse_count(path: Path) -> int:
    """Count ``<item>`` elements with lxml, freeing each one so memory stays flat."""
    from lxml import etree

    count = 0
    for _event, elem in etree.iterparse(str(path), tag="item", resolve_entities=False, no_network=True):
        count += 1
        elem.clear()
        while elem.getprevious() is not None:
            del elem.getparent()[0]
    return count


def timed_parse(path: Path, counter: Callable[[Path], int]) -> tuple[float, int]:
    """Seconds and item count of one parse-only pass."""
    started = time.perf_counter()
    count = counter(path)
    return time.perf_counter() - started, count


def vellum_command() -> list[str]:
    """The ``vellum`` console script of this interpreter's environment, else the one on PATH."""
    beside = Path(sys.executable).with_name("vellum")
    found = str(beside) if beside.exists() else shutil.which("vellum")
    if found is None:
        raise BenchError("the `vellum` command is not installed (run `pip install -e .` in the repository)")
    return [found]


def require_import_command(vellum: list[str], env: dict[str, str]) -> None:
    """Fail with a clear message while ``vellum import wxr`` does not exist yet."""
    probe = subprocess.run([*vellum, "import", "wxr", "--help"], env=env, capture_output=True, text=True)
    if probe.returncode != 0:
        detail = last_message(probe.stderr or probe.stdout)
        raise BenchError(f"`vellum import wxr` is not available yet ({detail}); the importer must land first")


def last_message(output: str) -> str:
    """The last line with words in it, without the box drawing Typer puts around its errors."""
    lines = (line.strip(" \u2500\u2502\u256d\u256e\u256f\u2570") for line in output.splitlines())
    words = [line for line in lines if any(char.isalnum() for char in line)]
    return words[-1] if words else "no output"


def prepare_database(database_url: str | None, workdir: Path) -> str:
    """A fresh SQLite file in the work dir, or the PostgreSQL scratch database dropped and recreated."""
    if database_url is None:
        return f"sqlite:///{workdir / 'bench.db'}"
    if not database_url.startswith("postgresql"):
        raise BenchError("--database-url must be a postgresql+psycopg:// URL (SQLite is the default)")
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    with psycopg.connect(
        dbname="postgres", host=url.host, port=url.port, user=url.username, password=url.password, autocommit=True
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {SCRATCH_DATABASE}")
    return url.set(database=SCRATCH_DATABASE).render_as_string(hide_password=False)


# Started in a small interpreter of its own: a forked child's peak RSS (ru_maxrss) starts from the memory of the
# process that forked it, and outlives exec, so a child forked from a large process would report that size.
_MEASURING_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_pid, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
"""


def run_measured(argv: list[str], env: dict[str, str], log: Path) -> tuple[ImportRun, int]:
    """Run a command to completion; wall time, and peak RSS from the kernel's rusage of that child."""
    rusage = log.with_name(log.name + ".maxrss")
    with log.open("wb") as out:
        started = time.perf_counter()
        # ru_maxrss (KiB on Linux) covers the child and the children it waited for (render workers).
        process = subprocess.run(
            [sys.executable, "-c", _MEASURING_LAUNCHER, str(rusage), *argv], env=env, stdout=out, stderr=out
        )
        elapsed = time.perf_counter() - started
    return ImportRun(elapsed, int(rusage.read_text()) / 1024), process.returncode


def run_import(vellum: list[str], path: Path, database_url: str, workdir: Path) -> ImportRun:
    """Migrate the database (not timed), then time ``vellum import wxr`` on the export."""
    env = {**os.environ, "VELLUM_DATABASE_URL": database_url, "VELLUM_MEDIA_ROOT": str(workdir / "media")}
    upgrade = subprocess.run([*vellum, "db", "upgrade"], env=env, capture_output=True, text=True)
    if upgrade.returncode != 0:
        raise BenchError(f"`vellum db upgrade` failed:\n{upgrade.stderr.strip()}")
    log = workdir / "import.log"
    command = [*vellum, "import", "wxr", str(path), "--report", str(workdir / "report.json")]
    run, returncode = run_measured(command, env, log)
    if returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
        raise BenchError(f"`vellum import wxr` exited with {returncode}; last lines of {log}:\n{tail}")
    return run


def verdict(ok: bool) -> str:
    """PASS or FAIL."""
    return "PASS" if ok else "FAIL"


def print_results(items: int, size_mb: float, parse_seconds: float, run: ImportRun) -> bool:
    """Print the figures and the targets; True when every target is met."""
    rate = items / run.seconds if run.seconds else 0.0
    ratio = run.seconds / parse_seconds if parse_seconds else float("inf")
    print(f"import seconds      {run.seconds:10.2f}")
    print(f"items/s             {rate:10.0f}")
    print(f"peak RSS MB         {run.peak_rss_mb:10.1f}")
    print(f"import/parse ratio  {ratio:10.2f}")
    checks = (
        (f"items/s >= {TARGET_ITEMS_PER_SECOND}", rate >= TARGET_ITEMS_PER_SECOND),
        (f"peak RSS <= {TARGET_PEAK_RSS_MB} MB", run.peak_rss_mb <= TARGET_PEAK_RSS_MB),
        (f"import/parse <= {TARGET_IMPORT_TO_PARSE:g}", ratio <= TARGET_IMPORT_TO_PARSE),
    )
    for label, ok in checks:
        print(f"target {label:24} {verdict(ok)}")
    return all(ok for _, ok in checks)


def print_report_summary(report: Path) -> None:
    """Show the scalar fields of the importer's own report, whatever its exact shape."""
    if not report.exists():
        return
    data = json.loads(report.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        scalars = {key: value for key, value in data.items() if isinstance(value, str | int | float)}
        print(f"importer report     {json.dumps(scalars, ensure_ascii=False)[:400]}")


def benchmark(args: argparse.Namespace, workdir: Path) -> bool:
    """Generate or reuse the export, time parsing, run the import; True when all targets pass."""
    started = time.perf_counter()
    path, reused = cached_export(args.items, args.seed)
    origin = "reused cache" if reused else f"generated in {time.perf_counter() - started:.1f} s"
    size_mb = path.stat().st_size / 1e6
    counter, method = parse_only_counter()
    parse_seconds, counted = timed_parse(path, counter)
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"export              {path} ({origin})")
    print(f"items               {counted:10d}")
    print(f"file MB             {size_mb:10.1f}")
    print(f"parse-only seconds  {parse_seconds:10.2f}   [{method}]")
    print(f"database            {database}")
    vellum = vellum_command()
    require_import_command(vellum, dict(os.environ))  # before touching any database
    run = run_import(vellum, path, prepare_database(args.database_url, workdir), workdir)
    passed = print_results(counted, size_mb, parse_seconds, run)
    print_report_summary(workdir / "report.json")
    return passed


def main(argv: list[str] | None = None) -> int:
    """Command line; exit 0 when every target passes, 1 when one fails, 2 when the run is impossible."""
    parser = argparse.ArgumentParser(description="Benchmark `vellum import wxr` on a synthetic export.")
    parser.add_argument("--items", type=int, default=100_000, help="number of items in the export")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--database-url", help="PostgreSQL URL; the scratch database vellum_bench is recreated")
    parser.add_argument("--keep", action="store_true", help="keep the work dir (database, log, report)")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="vellum-bench-"))
    try:
        return 0 if benchmark(args, workdir) else 1
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print(f"work dir kept       {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
