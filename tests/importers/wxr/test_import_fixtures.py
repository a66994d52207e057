"""Real exports: the WordPress Theme Unit Test and the knowledge-hub site import whole, twice without change."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, text
from sqlmodel import Session, col, select

from app.acf.models import AcfField
from app.comments.models import Comment
from app.content.models import Entry, EntryMeta
from app.events.models import Event
from app.media.models import Attachment
from app.taxonomy.models import Term
from app.users.models import User
from tests.importers.wxr.cli import import_wxr
from tests.importers.wxr.wxr_documents import SHARED_FIXTURES

THEME_UNIT_TEST = SHARED_FIXTURES / "themeunittestdata.wordpress.xml"
SITE_A = SHARED_FIXTURES / "wordpress-db"
needs_fixtures = pytest.mark.skipif(
    not THEME_UNIT_TEST.is_file(), reason="shared fixtures are not beside the repository"
)


def _snapshot(session: Session) -> dict[str, list[tuple[object, ...]]]:
    tables = [
        "entries",
        "entry_meta",
        "terms",
        "term_meta",
        "term_relationships",
        "users",
        "comments",
        "comment_meta",
        "attachments",
        "menu_items",
        "events",
        "old_urls",
        "options",
    ]
    return {name: [tuple(row) for row in session.execute(text(f"SELECT * FROM {name} ORDER BY 1"))] for name in tables}  # noqa: S608


def _file_ids(path: Path, pattern: str) -> list[int]:
    return [int(value) for value in re.findall(pattern, path.read_text(encoding="utf-8"))]


@needs_fixtures
def test_theme_unit_test_imports_whole_and_a_second_time_changes_nothing(session: Session, tmp_path: Path) -> None:
    report = import_wxr(THEME_UNIT_TEST, report=tmp_path / "first.json")

    posts = Counter(session.scalars(select(Entry.status).where(col(Entry.type) == "post")))
    assert posts == {"publish": 56, "draft": 1, "future": 1}
    counts = dict(session.execute(select(Entry.type, func.count()).group_by(Entry.type)).all())
    assert counts == {"post": 58, "page": 21, "attachment": 37, "nav_menu_item": 70}
    assert session.scalar(select(func.count()).select_from(EntryMeta)) == 737
    assert session.scalar(select(func.count()).select_from(Comment)) == 33
    assert set(session.scalars(select(User.login))) == {"themedemos", "themereviewteam"}
    by_taxonomy = Counter(session.scalars(select(Term.taxonomy)))
    assert (by_taxonomy["category"], by_taxonomy["nav_menu"]) == (68, 6)
    # Every item keeps its WordPress ID (the second copies of 18 repeated menu-item IDs get new ones).
    item_ids = set(_file_ids(THEME_UNIT_TEST, r"<wp:post_id>(\d+)</wp:post_id>"))
    assert item_ids <= set(session.scalars(select(Entry.id)))
    tag_ids = _file_ids(THEME_UNIT_TEST, r"<wp:tag><wp:term_id>(\d+)</wp:term_id>") or _file_ids(
        THEME_UNIT_TEST, r"<wp:tag>\s*<wp:term_id>(\d+)</wp:term_id>"
    )
    assert len(tag_ids) == 110
    category_ids = set(session.scalars(select(Term.id).where(col(Term.taxonomy) == "category")))
    # A tag that shared its term ID with a category (WordPress before 4.2) gets a new ID, as 4.2 split them.
    shared = set(tag_ids) & category_ids
    assert shared == {44090582}
    assert set(tag_ids) - shared <= set(session.scalars(select(Term.id).where(col(Term.taxonomy) == "post_tag")))
    assert report["entries"]["post"]["added"] == 58
    before = _snapshot(session)
    session.commit()

    again = import_wxr(THEME_UNIT_TEST, report=tmp_path / "second.json")

    assert again["unchanged"] is True
    assert again["entries"]["nav_menu_item"] == {"added": 0, "updated": 0, "unchanged": 70, "skipped": 0}
    session.expire_all()
    assert _snapshot(session) == before


@needs_fixtures
def test_knowledge_hub_imports_with_media_events_and_typed_acf(session: Session, tmp_path: Path) -> None:
    export = SITE_A / "export.xml"
    report = import_wxr(
        export, "--uploads-dir", SITE_A / "uploads", "--events-ics", SITE_A / "events.ics", report=tmp_path / "r.json"
    )

    text_of_export = export.read_text(encoding="utf-8")
    assert set(_file_ids(export, r"<wp:post_id>(\d+)</wp:post_id>")) == set(session.scalars(select(Entry.id)))
    assert session.scalar(select(func.count()).select_from(EntryMeta)) == text_of_export.count("<wp:postmeta>")
    assert session.scalar(select(func.count()).select_from(Comment)) == text_of_export.count("<wp:comment>")
    events = list(session.scalars(select(Event)))
    assert len(events) == 95
    assert all(event.starts_at is not None for event in events)
    assert report["events"]["with_dates"] == 95
    assert session.scalar(select(func.count()).select_from(AcfField)) == 27
    acf = session.get(Entry, 17)
    assert acf is not None
    assert acf.acf is not None
    assert acf.acf["is_featured"] is True
    assert acf.acf["publication_date"] == "2012-04-02"
    assert isinstance(acf.acf["authors"], list)
    assert acf.acf["authors"][0]["author_name"] == "Luc\u00eda Silva"
    assert acf.acf["photo_gallery"] == [117, 67]
    # WordPress renamed 27 files on its own import: they and their sizes are reported missing, the rest copied.
    assert report["media"]["files_copied"] == 694
    assert report["media"]["missing_files"]["count"] == 393
    stored = session.scalars(select(Attachment).where(col(Attachment.is_stored))).all()
    assert len(stored) == 237 - 27
    assert all(len(attachment.sha256) == 64 for attachment in stored)
    assert report["dangling_references"]["parent"]["count"] == 3
    session.commit()

    again = import_wxr(
        export, "--uploads-dir", SITE_A / "uploads", "--events-ics", SITE_A / "events.ics", report=tmp_path / "r2.json"
    )
    assert again["unchanged"] is True
    assert again["media"]["files_copied"] == 0
