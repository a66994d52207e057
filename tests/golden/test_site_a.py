"""Issue 4: the knowledge hub (site A) imported with its uploads, events feed and registrations, every anonymous
request WordPress 6.1 answered replayed against a real running server and compared field by field.

What is not compared, and why, is in tests/golden/sites.py (SITE_A): the posts the site edited after its export.
Floors are what the replay reaches today on SQLite and PostgreSQL; raise them when a difference is fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.golden.harness import import_site, our_host, replay
from tests.golden.sites import MODIFIED_APART, SITE_A

# Reached on SQLite and PostgreSQL. The thresholds are 99 % (values), 100 % (fields) and 95 % (content);
# what keeps us below them, by size: media metadata (WordPress re-made every file's sizes on import, renamed
# clashes to -scaled-1, made no PDF previews; we keep the export's metadata), captions and descriptions that
# follow from it, lists ordered by title (MariaDB's collation puts punctuation and emoji first), the OPTIONS
# schemas (completed separately) and content.rendered: 112 of 751 posts differ, 51 of them only because of the
# renamed (-scaled-1) and regenerated (1024x683) files above; the rest are not yet sorted by cause.
VALUES_FLOOR = 92.0
FIELDS_FLOOR = 98.2
OPTIONS_FLOOR = 55.0
CONTENT_FLOOR = 85.0


def test_knowledge_hub_answers_like_wordpress_61(
    live_server: str, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    SITE_A.require()
    ids = import_site(SITE_A, engine, tmp_path, monkeypatch)
    report = replay(SITE_A, live_server, ids, our_host(live_server))
    with capsys.disabled():
        report.print()
    assert report.requests >= 340
    assert report.values.percent >= VALUES_FLOOR
    assert report.fields.percent >= FIELDS_FLOOR
    assert report.apart["OPTIONS"].percent >= OPTIONS_FLOOR
    # Kept apart, not hidden: nearly every item differs here, by design.
    assert report.apart[MODIFIED_APART].checked > 2000
    assert report.content_percent >= CONTENT_FLOOR
