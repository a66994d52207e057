from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from importers.wxr.reader import count_items, read_wxr
from importers.wxr.records import Author, ItemRecord, Record, SiteInfo, TermRecord
from tests.importers.wxr.wxr_documents import SHARED_FIXTURES

THEME_UNIT_TEST = SHARED_FIXTURES / "themeunittestdata.wordpress.xml"
KNOWLEDGE_HUB = SHARED_FIXTURES / "wordpress-db" / "export.xml"


def fixture(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"shared fixture {path.name} is not available")
    return path


@pytest.fixture(scope="module")
def theme_unit_test() -> list[Record]:
    return list(read_wxr(fixture(THEME_UNIT_TEST)))


def test_theme_unit_test_has_one_site_info_first_and_both_authors(theme_unit_test: list[Record]) -> None:
    site = theme_unit_test[0]
    assert isinstance(site, SiteInfo)
    assert (site.wxr_version, site.base_blog_url) == ("1.2", "https://wpthemetestdata.wordpress.com")
    assert sum(isinstance(record, SiteInfo) for record in theme_unit_test) == 1
    logins = [record.login for record in theme_unit_test if isinstance(record, Author)]
    assert logins == ["themedemos", "themereviewteam"]


def test_theme_unit_test_term_counts_match_the_file(theme_unit_test: list[Record]) -> None:
    text = THEME_UNIT_TEST.read_text(encoding="utf-8")
    terms = Counter((record.element, record.taxonomy) for record in theme_unit_test if isinstance(record, TermRecord))

    assert terms[("wp:category", "category")] == text.count("<wp:category>") == 68
    assert terms[("wp:tag", "post_tag")] == text.count("<wp:tag>") == 110
    assert terms[("wp:term", "nav_menu")] == 6
    assert terms[("wp:term", "category")] == 1  # one category is exported as a generic wp:term
    assert terms.total() == 185


def test_theme_unit_test_items_comments_and_meta_match_the_file(theme_unit_test: list[Record]) -> None:
    text = THEME_UNIT_TEST.read_text(encoding="utf-8")
    items = [record for record in theme_unit_test if isinstance(record, ItemRecord)]

    assert Counter(item.post_type for item in items) == {
        "post": 58,
        "page": 21,
        "attachment": 37,
        "nav_menu_item": 70,
    }
    assert sum(len(item.comments) for item in items) == text.count("<wp:comment>") == 33
    assert sum(len(item.meta) for item in items) == text.count("<wp:postmeta>") == 737
    assert all(item.extra == {} for item in items)
    assert all(item.attachment_url for item in items if item.post_type == "attachment")


def test_theme_unit_test_reads_well_under_a_tenth_of_a_second() -> None:
    path = fixture(THEME_UNIT_TEST)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        for _record in read_wxr(path):
            pass
        timings.append(time.perf_counter() - started)

    assert min(timings) < 0.1


def test_knowledge_hub_export_reads_every_item_with_its_post_id() -> None:
    path = fixture(KNOWLEDGE_HUB)
    item_tags = path.read_bytes().count(b"<item>")
    items = [record for record in read_wxr(path) if isinstance(record, ItemRecord)]

    assert len(items) == item_tags == count_items(path)
    assert all(item.post_id > 0 for item in items)
    assert len({item.post_id for item in items}) == len(items)
