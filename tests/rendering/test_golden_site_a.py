"""Knowledge hub A imported with its uploads: stored content.rendered against what WordPress 6.1 answered.

The reference is every single post and page the capture asked for (``?password=`` for the protected
ones), except the posts edited on that site after its export was made (``_edited_after_export.json``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session
from sqlmodel import col, select

from app.content.models import Entry
from app.core.settings import get_settings
from app.options.service import set_option
from tests.importers.wxr.cli import import_wxr
from tests.shared import SHARED

SITE = SHARED / "fixtures" / "wordpress-db"
GOLDEN = SHARED / "compat" / "wp61-site-a"
GOLDEN_HOST = "http://127.0.0.1:8083"
_SINGLE = re.compile(r"wp\.v2\.(?:posts|pages)\.(\d+)(~password=CORRECT)?\.json")
_WHITESPACE = re.compile(r"\s+")

# WordPress's importer stored some files again under new names (``...-scaled-1.jpg``) and made their
# sub-sizes anew; the site's metadata then names files the content does not, so WordPress adds no
# width, height or srcset to those images, and its galleries show the renamed thumbnails. Vellum keeps
# the export's metadata, which matches the content.
_RENAMED = "WordPress's importer renamed the image's file (-scaled-1): no dimensions/srcset, other thumbnails"
# The sub-sizes WordPress made again are a pixel off the export's (1024x683 where it says 1024x682).
_REGENERATED = "srcset: WordPress's importer regenerated the sub-sizes with other heights than the export's"
KNOWN_CONTENT_DIFFERENCES = {
    7: _RENAMED,
    216: _RENAMED,
    246: _RENAMED,
    297: _RENAMED,
    551: _RENAMED,
    1159: _RENAMED,
    1813: _RENAMED,
    1822: _RENAMED,
    1891: _RENAMED,
    796: _REGENERATED,
    1325: _REGENERATED,
    1755: _REGENERATED,
    1523: _RENAMED,
    1657: _RENAMED,
}
# Raise when a difference above is fixed.
MIN_EQUAL_SHARE = 0.80

pytestmark = pytest.mark.skipif(
    not ((SITE / "export.xml").is_file() and (GOLDEN / "_manifest.json").is_file()),
    reason="the shared knowledge hub fixtures are not beside the repository",
)


def _normalise(html: str) -> str:
    return _WHITESPACE.sub(" ", html).strip()


def golden_contents() -> dict[int, str]:
    """content.rendered of each captured single post and page, with our site's host."""
    edited = set(json.loads((GOLDEN / "_edited_after_export.json").read_text())["edited_ids"])
    home = get_settings().site_url
    found: dict[int, str] = {}
    for path in sorted(GOLDEN.glob("wp.v2.p*s.*.json")):
        match = _SINGLE.fullmatch(path.name)
        if match is None or int(match[1]) in edited:
            continue
        body: dict[str, Any] = json.loads(path.read_text())["body"]
        if "content" not in body or (body["content"]["protected"] and not match[2]):  # errors; the locked answer
            continue
        found[int(match[1])] = body["content"]["rendered"].replace(GOLDEN_HOST, home)
    return found


def test_knowledge_hub_import_stores_what_wordpress_renders(session: Session, tmp_path: Path) -> None:
    # The site's permalink and front-page settings are not in its export; its README gives them.
    for name, value in (("permalink_structure", "/%year%/%monthnum%/%postname%/"), ("show_on_front", "page")):
        set_option(session, name, value)
    set_option(session, "page_on_front", 7)
    session.commit()
    args = ("--uploads-dir", SITE / "uploads", "--events-ics", SITE / "events.ics")
    import_wxr(SITE / "export.xml", *args, report=tmp_path / "report.json")

    golden = golden_contents()
    query = select(col(Entry.id), col(Entry.content_rendered)).where(col(Entry.id).in_(golden))
    stored = {int(row.id): str(row.content_rendered) for row in session.execute(query)}
    different = sorted(i for i, html in golden.items() if _normalise(stored.get(i, "")) != _normalise(html))
    share = 1 - len(different) / len(golden)
    print(f"knowledge hub A content.rendered: {share:.1%} of {len(golden)} equal; different: {different}")  # noqa: T201
    assert len(golden) > 60
    assert set(different) <= set(KNOWN_CONTENT_DIFFERENCES), set(different) - set(KNOWN_CONTENT_DIFFERENCES)
    assert share >= MIN_EQUAL_SHARE
