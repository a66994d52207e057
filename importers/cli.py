"""`vellum import wxr` and `vellum demo`, registered into the `vellum` command through an entry point."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import orjson
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from app.core.db import get_engine
from app.core.settings import get_settings
from app.core.startup import check_media_root, prepare_database
from importers.wxr.importer import ImportFailed, ImportOptions, run_import
from importers.wxr.report import ImportReport
from importers.wxr.summary import print_summary

import_app = typer.Typer(help="Import content from other systems.", no_args_is_help=True)


@import_app.command("wxr")
def import_wxr(
    files: list[Path] = typer.Argument(..., help="WordPress export file(s) of one site (split exports too)"),
    uploads_dir: Path | None = typer.Option(None, help="A copy of the old site's wp-content/uploads"),
    events_ics: Path | None = typer.Option(None, help="All-in-One Event Calendar iCal feed for event dates"),
    events_table: Path | None = typer.Option(None, help="CSV dump of the plugin's ai1ec_events table"),
    authors: str = typer.Option("create", help="'create' users from the export's authors, or 'assign:LOGIN'"),
    dry_run: bool = typer.Option(False, "--dry-run", help="Do everything but commit"),
    report: Path | None = typer.Option(None, help="Write the report as JSON to this file"),
    batch_size: int = typer.Option(500, min=1, help="Items written per transaction"),
) -> None:
    """Import a WordPress export (WXR 1.0-1.2): every item, term, user, comment and meta row, with their IDs."""
    options = ImportOptions(
        uploads_dir=uploads_dir,
        events_ics=events_ics,
        events_table=events_table,
        authors=authors,
        is_dry_run=dry_run,
        batch_size=batch_size,
    )
    result = _run(files, options)
    if report is not None:
        report.write_bytes(orjson.dumps(result.as_json(), option=orjson.OPT_INDENT_2))
    print_summary(result, Console(stderr=True))


def _run(files: list[Path], options: ImportOptions) -> ImportReport:
    check_media_root(get_settings().media_root)
    prepare_database()
    console = Console(stderr=True)
    try:
        if not console.is_terminal:
            return run_import(files, options, engine=get_engine())
        columns: list[Any] = [
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed} items"),
            TimeElapsedColumn(),
        ]
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("Importing", total=None)
            return run_import(files, options, engine=get_engine(), on_item=lambda: progress.advance(task))
    except ImportFailed as exc:
        print(f"vellum: import failed: {exc}", file=sys.stderr)  # noqa: T201 - the CLI's own output
        raise typer.Exit(1) from None


def demo(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on"),
    port: int = typer.Option(8000, help="TCP port"),
    no_serve: bool = typer.Option(False, "--no-serve", help="Import only, do not start the server"),
) -> None:
    """Migrate the embedded database, import the bundled demo knowledge hub, and serve it."""
    from app.cli.serve import serve
    from app.demo.paths import demo_events_ics, demo_export_path, demo_uploads_dir

    options = ImportOptions(uploads_dir=demo_uploads_dir(), events_ics=demo_events_ics())
    result = _run([demo_export_path()], options)
    print_summary(result, Console(stderr=True))
    if not no_serve:
        serve(host=host, port=port, workers=1, reload=False)
