"""Issue 4: the Theme Unit Test export imported, every anonymous request WordPress 6.1 answered replayed
against a real running server and compared field by field (tests/golden/harness.py prints how).

Floors are what the replay reaches today on SQLite and PostgreSQL; raise them when a difference is fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.golden.harness import import_site, our_host, replay
from tests.golden.sites import THEME_UNIT_TEST

VALUES_FLOOR = 98.8
FIELDS_FLOOR = 99.85
OPTIONS_FLOOR = 97.0  # the OPTIONS schemas are being completed separately
DISCOVERY = "discovery (index, wp/v2): routes of a read-only API"
DISCOVERY_FLOOR = 10.0  # WordPress lists its write and editor routes, which a read-only API does not serve
CONTENT_FLOOR = 89.6
# Posts whose content.rendered still differs from WordPress's, and why (app/rendering).
CONTENT_DIFFERENCES = {  # keyed by our post IDs (golden 1780 and 1781 are our 1738 and 1736)
    34: "widget blocks render site data: archives, categories, latest posts/comments, page list, RSS",
    51: "theme blocks render site and query data: navigation, site logo/title, tagline, query loop",
    555: "gallery shortcode: WordPress imported no attachments and printed none, ours lists the imported ones",
    587: "audio shortcode over the post's attached audio: WordPress imported no attachments (see 555)",
    1031: "gallery shortcode (Tiled Gallery post) over attachments WordPress did not import (see 555)",
    1179: "Twitter embed: WordPress printed the bare URL, ours prints the oEmbed HTML the export cached",
    1736: "widget blocks (archives, calendar, categories, ...) and a gallery shortcode over attachments (see 555)",
    1738: "Twitter embed block: WordPress printed the bare URL, ours prints the oEmbed HTML the export cached",
}


def test_theme_unit_test_answers_like_wordpress_61(
    live_server: str, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    THEME_UNIT_TEST.require()
    ids = import_site(THEME_UNIT_TEST, engine, tmp_path, monkeypatch)
    report = replay(THEME_UNIT_TEST, live_server, ids, our_host(live_server))
    with capsys.disabled():
        report.print()
    assert report.requests >= 128
    assert report.values.percent >= VALUES_FLOOR
    assert report.fields.percent >= FIELDS_FLOOR
    assert report.apart["OPTIONS"].percent >= OPTIONS_FLOOR
    assert report.apart[DISCOVERY].percent >= DISCOVERY_FLOOR
    assert report.content_percent >= CONTENT_FLOOR
    assert set(report.content_differences()) <= set(CONTENT_DIFFERENCES)
