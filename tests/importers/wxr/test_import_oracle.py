"""Every item, field, term, meta row, comment and author of real exports, checked against the database.

The file is read independently of the importer (tests.importers.wxr.export_oracle); differences Vellum makes
on purpose are listed there (INTENDED), everything else is a loss or a corruption.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from app.core.settings import get_settings
from app.demo.paths import demo_events_ics, demo_export_path, demo_uploads_dir
from tests.importers.wxr.cli import import_wxr
from tests.importers.wxr.export_oracle import UploadsUrls, compare_import, read_export
from tests.importers.wxr.wxr_documents import DATA, SHARED_FIXTURES

SITE_A = SHARED_FIXTURES / "wordpress-db"

# name -> (export, uploads folder or None, events feed or None)
EXPORTS: dict[str, tuple[Path, Path | None, Path | None]] = {
    "theme-unit-test": (SHARED_FIXTURES / "themeunittestdata.wordpress.xml", None, None),
    "knowledge-hub": (SITE_A / "export.xml", SITE_A / "uploads", SITE_A / "events.ics"),
    "demo": (demo_export_path(), demo_uploads_dir(), demo_events_ics()),
    "wxr-1.0": (DATA / "wxr-1.0.xml", None, None),
    "wxr-1.1-https": (DATA / "wxr-1.1-https.xml", None, None),
}


@pytest.mark.parametrize("name", list(EXPORTS))
def test_every_record_of_the_export_is_in_the_database_and_nothing_else(
    name: str, session: Session, tmp_path: Path
) -> None:
    export_path, uploads_dir, events = EXPORTS[name]
    if not export_path.is_file():
        pytest.skip(f"{export_path.name} is not beside the repository")
    options: list[str | Path] = []
    if uploads_dir is not None:
        options += ["--uploads-dir", uploads_dir]
    if events is not None:
        options += ["--events-ics", events]
    import_wxr(export_path, *options, report=tmp_path / "report.json")
    export = read_export(export_path)
    uploads = UploadsUrls(export.base_urls, get_settings().site_url) if uploads_dir is not None else None

    result = compare_import(export, session, uploads=uploads)

    assert result.differences == [], "\n".join(result.differences)
    # Everything the file holds was compared, value by value.
    assert result.counts["items"] == len(export.items) > 0
    assert result.counts["meta"] == sum(len(item.meta) for item in export.items)
    assert result.counts["comments"] == sum(len(item.comments) for item in export.items)
    assert result.counts["terms"] == len(export.terms)
    assert result.counts["authors"] == len(export.authors)
