"""Issue 4: the Theme Unit Test export imported, every anonymous request WordPress 6.1 answered replayed
against a real running server and compared field by field (tests/golden/harness.py; report.py prints it).

Floors are what the replay reaches today on SQLite and PostgreSQL; raise them when a difference is fixed.
The value differences that remain, and why:

* ``wp:featuredmedia`` of the six posts with a featured image (links, and post 51's ``_embedded``):
  WordPress imported without attachments, so its thumbnail IDs dangle and link to the API root, whose
  index it then embeds; ours exist and link to ``/wp/v2/media/{id}``.
* ``POST /wp/v2/posts`` anonymously: WordPress refuses with 401 ``rest_cannot_create``; ours has no write
  route yet (404 ``rest_no_route``) until the editors' API.
* ``/wp/v2/users``: WordPress lists its installing ``admin`` (owner of the menu items it re-created),
  who is not in the export.
* Post 1179's excerpt: WordPress printed the tweet's bare URL, ours the oEmbed HTML the export cached.
* Comment 881: WordPress removed the export's invalid ``hhttps:`` protocol from a link (kses).
* ``pages?orderby=menu_order``: pages with equal ``menu_order`` come in MariaDB's unspecified order;
  ours are ordered by ID among equals.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.golden.harness import import_site, our_host, replay
from tests.golden.sites import THEME_UNIT_TEST

VALUES_FLOOR = 99.4
FIELDS_FLOOR = 99.85
# OPTIONS of /wp/v2/posts: WordPress's POST endpoint (in methods and endpoints) and its schema links to write
# actions (action-publish ...) are what a read-only API does not offer; the rest is equal.
OPTIONS_FLOOR = 98.0
DISCOVERY = "discovery (index, wp/v2): routes of a read-only API"
DISCOVERY_FLOOR = 10.0  # WordPress lists its write and editor routes, which a read-only API does not serve
CONTENT_FLOOR = 96.1
# Per resource, so that a regression in one is not hidden by the others (the per-resource replays this
# replaces had floors of their own).
RESOURCE_FLOORS = {
    "categories": 100.0, "tags": 100.0, "comments": 99.7, "pages": 99.9, "posts": 99.5, "posts?_embed": 92.8,
    "search": 100.0, "statuses": 100.0, "taxonomies": 100.0, "types": 100.0, "settings": 100.0, "menus": 100.0,
    "users": 84.4,
}  # fmt: skip
# Posts whose content.rendered still differs from WordPress's, and why. Posts 555, 587, 1031 and 1736 show
# attachments WordPress did not import: they are compared with the capture that has them (sites.py).
_TERM_IDS = "term IDs WordPress renumbered on import, in classes and option values the harness does not map"
CONTENT_DIFFERENCES = {  # keyed by our post IDs (golden 1781 is our 1736)
    34: "widget blocks render request-time and site data: the calendar shows the month of the request, the RSS "
    f"block the capture machine's fetch failure, tag cloud and latest posts break ties otherwise; {_TERM_IDS}",
    51: "theme blocks render site and query data: navigation, site logo/title, tagline, query loop, post terms, "
    "comments (not rendered)",
    1736: "the widget blocks of 34, and core/page-list and core/social-link (not rendered); a latest-posts block "
    "names category 6 by ID, another term on each side; the gallery's galleryid-N class (post renumbered) and "
    f"{_TERM_IDS}",
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
    resources = report.by_resource()
    for resource, floor in RESOURCE_FLOORS.items():
        assert resources[resource].percent >= floor, resource
    assert report.content_percent >= CONTENT_FLOOR
    assert set(report.content_differences()) <= set(CONTENT_DIFFERENCES)
