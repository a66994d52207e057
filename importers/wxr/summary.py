"""The end-of-import summary a person reads on the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from importers.wxr.report import OUTCOMES, ImportReport


def print_summary(report: ImportReport, console: Console) -> None:
    """Counts per type and status, then what needs a look: missing files, dangling references, warnings."""
    table = Table(title="Imported" + (" (dry run: nothing was saved)" if report.is_dry_run else ""))
    table.add_column("type")
    for outcome in OUTCOMES:
        table.add_column(outcome, justify="right")
    table.add_column("statuses")
    for post_type, counts in sorted(report.entries.items()):
        statuses = ", ".join(f"{status} {n}" for status, n in sorted(report.statuses[post_type].items()))
        table.add_row(post_type, *(str(counts[o]) for o in OUTCOMES), statuses)
    for taxonomy, counts in sorted(report.terms.items()):
        table.add_row(f"term: {taxonomy}", *(str(counts[o]) for o in OUTCOMES), "")
    table.add_row("users", *(str(report.users[o]) for o in OUTCOMES), "")
    table.add_row("comments", *(str(report.comments[o]) for o in OUTCOMES), "")
    console.print(table)
    console.print(f"meta rows: {report.meta_rows}")
    media = report.media
    console.print(
        f"media: {media['attachments']} attachments, {media['files_copied']} files copied, "
        f"{media['files_already_stored']} already stored, {report.missing_files.count} missing, "
        f"{report.mime_mismatches.count} MIME mismatches"
    )
    console.print(f"events: {report.events_with_dates} with dates, {report.events_without_dates.count} without dates")
    for name, listing in sorted(report.dangling.items()):
        console.print(f"dangling {name}: {listing.count} (e.g. {listing.items[:5]})")
    if report.skipped.count:
        console.print(f"skipped: {report.skipped.count} (e.g. {report.skipped.items[:5]})")
    if report.is_unchanged:
        console.print("Nothing changed: everything was already imported.")
    console.print(f"done in {report.elapsed_seconds:.1f} s")
