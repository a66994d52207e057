"""Every item, field, term, meta row, comment and author of real exports, checked against the database.

The file is read independently of the importer (tests.importers.wxr.export_oracle); differences Vellum makes
on purpose are listed there (INTENDED), everything else is a loss or a corruption.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.core.settings import get_settings
from app.demo.paths import demo_events_ics, demo_export_path, demo_uploads_dir
from tests.importers.wxr.cli import import_wxr
from tests.importers.wxr.export_builder import author, category, comment, export, item, meta, term
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


# Small batches: many are written while the next is mapped, with terms and users the items name created,
# ACF definitions arriving and menus being linked in between (see importers.wxr.write_behind).
@pytest.mark.parametrize(
    ("name", "batch_size"),
    [*((name, None) for name in EXPORTS), ("theme-unit-test", 3)],
)
def test_every_record_of_the_export_is_in_the_database_and_nothing_else(
    name: str, batch_size: int | None, session: Session, tmp_path: Path
) -> None:
    export_path, uploads_dir, events = EXPORTS[name]
    if not export_path.is_file():
        pytest.skip(f"{export_path.name} is not beside the repository")
    options: list[str | Path] = [] if batch_size is None else ["--batch-size", str(batch_size)]
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


def _varied_export(directory: Path) -> Path:
    """A site unlike the fixtures: padded and repeated meta, threaded comments with meta, nested terms listed
    child first, term meta, a custom taxonomy, post formats, non-ASCII slugs, CRLF text, a private page."""
    parts = [
        author(7, "editor", display="Ed Itor").replace(
            "</wp:author>", "<wp:author_url>https://ed.example</wp:author_url></wp:author>"
        ),
        category(3, "child", parent="parent", name="Child", termmeta=[meta("order", " 2 ", "wp:termmeta")]),
        category(2, "parent", name="Parent").replace(
            "</wp:category>", "<wp:term_order>4</wp:term_order></wp:category>"
        ),
        term(40, "genre", "%e6%97%a5%e6%9c%ac", name="\u65e5\u672c"),
        item(
            10,
            title="  Padded title  ",
            slug="%d0%bf%d1%80%d0%b8%d0%b2%d0%b5%d1%82",
            content="line one\r\nline two ]]> end\n",
            excerpt=" spaced ",
            creator="editor",
            sticky=True,
            categories=[("category", "child", "Child"), ("post_format", "post-format-aside", "Aside")],
            metas=[
                meta("_edit_last", "7"),
                meta("multi", "first"),
                meta("multi", ""),
                meta("multi", "  third\nline  "),
                meta("serialised", 'a:1:{s:1:"k";s:2:"v\u00e9";}'),
            ],
            comments=[
                comment(100, content="top", metas=meta("rating", "5", "wp:commentmeta"), user_id=7).replace(
                    "</wp:comment>", "<wp:comment_karma>3</wp:comment_karma></wp:comment>"
                ),
                comment(101, parent=100, content="reply", approved="0"),
                comment(102, parent=101, content="spam\r\nhere", approved="spam"),
            ],
        ),
        item(11, post_type="page", status="private", parent=12, menu_order=3, password="secret").replace(
            "</item>",
            '<wfw:commentRss xmlns:wfw="http://wellformedweb.org/CommentAPI/">https://example.com/feed/</wfw:commentRss></item>',
        ),
        item(12, post_type="page", categories=[("genre", "%e6%97%a5%e6%9c%ac", "\u65e5\u672c")]),
        item(13, status="draft", slug="", categories=[("post_tag", "only-on-items", "Only On Items")]),
    ]
    return export(directory, *parts)


def _export_with_repeats_and_forward_references(directory: Path) -> Path:
    """A merged or hand-edited site: a term listed twice, parents after their children, a comment ID used on
    two posts, replies before their parents, a commenter who is no author, menu items, an item without status."""
    tag = term(50, "post_tag", "tagged", name="Tagged").replace(
        "</wp:term>",
        "<wp:term_description><![CDATA[ About tags ]]></wp:term_description>"
        + meta("k", "v", "wp:termmeta")
        + "</wp:term>",
    )
    menu = [("nav_menu", "main", "Main")]
    parts = [
        author(7, "editor", display=""),
        category(3, "news", name="News"),
        category(3, "news", name="News"),
        tag,
        term(51, "region", "north-sub", parent="north", name="North sub"),
        term(52, "region", "north", name="North"),
        item(
            20,
            parent=21,
            categories=[("category", "News", "News"), ("post_tag", "loose", " Loose ")],
            comments=[comment(300, parent=301), comment(301)],
        ),
        item(21, post_type="page", creator="Editor", comments=[comment(300, content="same ID, other post")]),
        item(22, post_type="attachment", status="inherit", comments=[comment(302, user_id=99)]),
        item(23, post_type="nav_menu_item", categories=menu, metas=[meta("_menu_item_menu_item_parent", "24")]),
        item(24, post_type="nav_menu_item", categories=menu, metas=[meta("_menu_item_url", "https://x.example")]),
        item(25).replace("<wp:status><![CDATA[publish]]></wp:status>", ""),
    ]
    return export(directory, *parts)


def _shop_export(directory: Path) -> Path:
    """A shop plugin's sample data as WP-CLI exports it on a site without a URL: base URLs of just "http:",
    item links on another host, taxonomies used on items that the channel never declares, a variation under its
    product, a key written twice, serialized attributes, a gallery as a comma list, a custom order status, and a
    featured image that is not in the file."""
    header = (
        "<title>Shop</title>\n<link>http:</link>\n<description>Just another shop</description>\n"
        "<pubDate>Wed, 16 Jan 2019 13:09:24 +0000</pubDate>\n<language>en-US</language>\n"
        "<wp:wxr_version>1.2</wp:wxr_version>\n<wp:base_site_url>http:</wp:base_site_url>\n"
        "<wp:base_blog_url>http:</wp:base_blog_url>\n"
    )
    attributes = 'a:1:{s:8:"pa_shade";a:3:{s:4:"name";s:8:"pa_shade";s:8:"position";i:0;s:11:"is_taxonomy";i:1;}}'
    product_terms = [
        ("pa_shade", "teal", "Teal"),
        ("product_visibility", "featured", "featured"),
        ("product_type", "variable", "variable"),
        ("product_cat", "scarves", "Scarves"),
    ]
    parts = [
        item(
            60,
            post_type="product",
            title="Scarf",
            link="https://shop.staging.example/product/scarf/",
            categories=product_terms,
            metas=[
                meta("_sku", "scarf"),
                meta("_price", "15"),
                meta("_price", "20"),
                meta("_product_attributes", attributes),
                meta("_product_image_gallery", "61,62"),
                meta("_thumbnail_id", "61"),
                meta("_wc_rating_count", "a:0:{}"),
            ],
        ),
        item(
            63,
            post_type="product_variation",
            parent=60,
            title="Scarf - Teal",
            metas=[meta("attribute_pa_shade", "teal")],
        ),
        item(64, post_type="shop_order", status="wc-completed", title="Order &ndash; January 16, 2019"),
    ]
    return export(directory, *parts, header=header)


HAND_MADE = {
    "varied": _varied_export,
    "repeats": _export_with_repeats_and_forward_references,
    "shop": _shop_export,
}


@pytest.mark.parametrize("name", list(HAND_MADE))
def test_hand_made_exports_unlike_the_fixtures_are_kept_whole(name: str, session: Session, tmp_path: Path) -> None:
    path = HAND_MADE[name](tmp_path)
    import_wxr(path, report=tmp_path / "report.json")

    result = compare_import(read_export(path), session)

    assert result.differences == [], "\n".join(result.differences)
    assert result.counts["items"] == len(read_export(path).items)


def test_every_record_of_the_varied_export_is_compared(session: Session, tmp_path: Path) -> None:
    path = _varied_export(tmp_path)
    import_wxr(path, report=tmp_path / "report.json")

    result = compare_import(read_export(path), session)

    assert (result.counts["items"], result.counts["meta"], result.counts["comments"]) == (4, 5, 3)
    assert (result.counts["terms"], result.counts["term_meta"], result.counts["comment_meta"]) == (3, 1, 1)


# One change each to the imported rows, and what the oracle must then report.
MUTATIONS = {
    "meta value": ("UPDATE entry_meta SET value_raw = 'other' WHERE value_raw = 'first'", "item 10 (line"),
    "meta order": ("UPDATE entry_meta SET position = 0 - position WHERE entry_id = 10", "item 10 (line"),
    "meta row lost": ("DELETE FROM entry_meta WHERE value_raw = ''", "meta"),
    "comment parent": ("UPDATE comments SET parent_id = 0 WHERE id = 102", "comment 102 parent"),
    "comment meta": ("DELETE FROM comment_meta", "comment 100 meta"),
    "term parent": ("UPDATE terms SET parent_id = 0 WHERE id = 3", "child (id 3) parent"),
    "term meta": ("UPDATE term_meta SET value_raw = '2'", "child (id 3) meta"),
    "term link": ("DELETE FROM term_relationships WHERE entry_id = 12", "item 12 (line"),
    "title": ("UPDATE entries SET title = 'Padded title' WHERE id = 10", "title"),
    "entry lost": ("DELETE FROM entries WHERE id = 13", "item 13 (line"),
    "stray comment": ("UPDATE comments SET id = 999 WHERE id = 102", "comment 999: in the database, not in the file"),
    "stray user": ("UPDATE users SET login = 'someone' WHERE login = 'editor'", "(someone): in the database"),
    "stray term": ("UPDATE terms SET taxonomy = 'topic' WHERE id = 2", "in the database, not in the file"),
}


@pytest.mark.parametrize("change", list(MUTATIONS))
def test_the_oracle_reports_a_changed_row(change: str, session: Session, tmp_path: Path) -> None:
    path = _varied_export(tmp_path)
    import_wxr(path, report=tmp_path / "report.json")
    statement, reported = MUTATIONS[change]
    session.execute(text(statement))

    differences = compare_import(read_export(path), session).differences

    assert any(reported in difference for difference in differences), differences
