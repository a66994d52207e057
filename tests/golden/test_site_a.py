"""Issue 4: the knowledge hub (site A) imported with its uploads, events feed and registrations, every anonymous
request WordPress 6.1 answered replayed against a real running server and compared field by field.

What is not compared, and why, is in tests/golden/sites.py (SITE_A): the posts the site edited after its export,
and the ties of ``?orderby=title`` that WordPress leaves to the database. Floors are what the replay reaches
today on SQLite and PostgreSQL (the same on both); raise them when a difference is fixed. The value differences
that remain, and why:

* ``/wp/v2/users``: WordPress lists its installing ``admin`` (user 1, not in the export), the author of the 63
  menu items its importer re-created: ``[id=-1]`` in every users answer, ``X-WP-Total`` 9 where ours is 8, and
  on the first page of ``?_embed&per_page=5`` it stands where ours shows José Ramírez.
* ``slug`` and ``link`` of posts 1079, 1121, 1269, 1648 (and the links of their comments): the export's slugs
  (``...-10`` to ``...-13``) are 201 characters long, one over WordPress's ``post_name`` column.
  ``sanitize_title`` cut each to 200 (``...-1``), which 1079 kept, and ``wp_unique_post_slug`` gave the others,
  in import order, the first free suffix (-10, -11, -12, with the stem shortened to fit). Vellum keeps the
  export's slugs, which the old site's own links (``<link>``) use.
* ``post`` of attachments 1203 and 1354: their parents (1947, 2095) are not in the export; WordPress's importer
  sets ``post_parent`` to 0 (``null``), Vellum keeps the reference (and reports it) as it does for every parent.

``OPTIONS`` (tallied apart) differs only by what a read-only API does not offer, on the 15 routes where WordPress
lists writes: ``methods`` (``GET, POST`` against ``GET``), ``endpoints`` (compared as one value: WordPress's list
adds the POST endpoint and its args) and, on 7 of them, ``schema.links`` (WordPress adds the write actions,
``action-publish``, ``action-assign-author``...; menu-items keeps the one link that reads). Everything Vellum
serves is equal value by value: tests/api/wp_v2/test_options.py compares WordPress's answers less the writes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.golden.harness import import_site, our_host, replay
from tests.golden.sites import MODIFIED_APART, REGENERATED, SITE_A

# Reached on SQLite and PostgreSQL. The thresholds are 99 % (values), 100 % (fields) and 95 % (content);
# below them: the fields of WordPress's own admin and of the attachments' dangling parents (above). OPTIONS:
# what remains is WordPress's write endpoints and actions (above). The attachment metadata WordPress re-made on
# import is tallied apart (sites.py: REGENERATED), field by field; in content, the files it renamed or re-made
# are mapped to ours, and what it decided about an image from its renamed files is left out
# (tests/golden/content.py; the posts equal only so are printed, and capped below so that more of them is noticed).
VALUES_FLOOR = 99.8
FIELDS_FLOOR = 99.9
OPTIONS_FLOOR = 97.4
CONTENT_FLOOR = 99.3
RENAMED_EQUAL_MAX = 33
# Posts whose content.rendered still differs from WordPress's, and why.
_STEM_REWRITE = (
    "a block image whose src names the export's 1024x682 file, which WordPress's importer made again as "
    "1024x683: that importer pointed the link at its own uploads anyway (it rewrites by URL stem), ours keeps "
    "the old address of a file the uploads folder lacks"
)
CONTENT_DIFFERENCES = dict.fromkeys((366, 979, 1387, 1428, 1837), _STEM_REWRITE)


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
    assert report.apart[REGENERATED].checked > 3000
    assert report.content_percent >= CONTENT_FLOOR
    assert set(report.content_differences()) <= set(CONTENT_DIFFERENCES)
    assert len(report.renamed_equal) <= RENAMED_EQUAL_MAX
