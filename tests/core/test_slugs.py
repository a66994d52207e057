"""sanitize_title(): the slugs WordPress stores, for titles and slugs as other tools write them."""

from __future__ import annotations

import pytest

from app.core.slugs import sanitize_title, slug_lookups
from importers.wxr.mapping import wp_slug

# Each input with what WordPress 6.x's sanitize_title() returns for it.
WORDPRESS = [
    ("hello-world", "hello-world"),
    ("Hello World", "hello-world"),
    ("  Padded  ", "padded"),
    ("a.b/c", "a-b-c"),
    ("This &amp; that", "this-that"),
    ("<b>Bold</b> move", "bold-move"),
    ("100% sure", "100-sure"),
    ("Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e", "cafe-creme-brulee"),
    ("Stra\u00dfe", "strase"),
    ("\u00c6r\u00f8sk\u00f8bing", "aeroskobing"),
    ("\u201cQuoted\u201d \u2014 dash", "quoted-dash"),
    ("2 \u00d7 3", "2-x-3"),
    ("\u65e5\u672c", "%e6%97%a5%e6%9c%ac"),
    ("%E6%97%A5%E6%9C%AC", "%e6%97%a5%e6%9c%ac"),
    (
        "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440",
        "%d0%bf%d1%80%d0%b8%d0%b2%d0%b5%d1%82-%d0%bc%d0%b8%d1%80",
    ),
    ("\u0439", "%d0%b9"),  # Cyrillic keeps its breve: remove_accents() is for Latin letters only
    ("under_score", "under_score"),
    ("--a--b--", "a-b"),
    ("double--dash", "double-dash"),
    ("trailing-", "trailing"),
    ("Mixed-Case-2", "mixed-case-2"),
    ("", ""),
]


@pytest.mark.parametrize(("title", "slug"), WORDPRESS)
def test_slugs_are_what_wordpress_stores(title: str, slug: str) -> None:
    assert sanitize_title(title) == slug


def test_a_slug_is_cut_at_200_encoded_characters_without_splitting_a_character() -> None:
    assert sanitize_title("a" * 250) == "a" * 200
    # 22 characters of three bytes each take 198 characters encoded; the 23rd would pass 200.
    assert sanitize_title("\u65e5" * 70) == "%e6%97%a5" * 22


def test_a_stored_slug_is_its_own_slug() -> None:
    for _, slug in WORDPRESS:
        assert sanitize_title(slug) == slug


def test_a_slug_longer_than_wordpress_makes_is_kept_whole_on_import_and_found_by_either_form() -> None:
    long_slug = "%e0%b8%81" * 22 + "-10"  # 201 encoded characters
    assert sanitize_title(long_slug) == "%e0%b8%81" * 22 + "-1"
    assert sanitize_title(long_slug, max_length=None) == long_slug
    assert wp_slug(long_slug) == long_slug
    assert slug_lookups(long_slug) == ["%e0%b8%81" * 22 + "-1", long_slug]
    assert slug_lookups("Hello World") == ["hello-world"]
