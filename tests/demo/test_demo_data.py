"""The shipped demo site is a consistent WordPress export: every ID, file and serialized value holds up."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from app.core import phpserial
from app.demo.paths import DEMO_DIR, demo_export_path
from tests.demo.demo_export_view import DemoExport, DemoItem, load_demo_export, parser

BLOCK_REF = re.compile(r"<!-- wp:block \{\"ref\":(\d+)\} /-->")
MEDIA_BLOCK_ID = re.compile(r"<!-- wp:(?:image|file) \{\"id\":(\d+)")
IMAGE_CLASS = re.compile(r"wp-image-(\d+)")
UPLOAD_URL = re.compile(r"https://hub\.example\.org/wp-content/uploads/([\w/.-]+)")


@pytest.fixture(scope="module")
def export() -> DemoExport:
    return load_demo_export()


def _all_meta(export: DemoExport) -> list[tuple[str, str]]:
    rows = list(export.term_meta)
    for item in export.items.values():
        rows += item.meta
        rows += [row for comment in item.comments for row in comment.meta]
    return rows


def _acf_field_types(export: DemoExport) -> dict[str, str]:
    """field key -> ACF field type, read from each ``acf-field`` post's serialized settings."""
    return {field.slug: phpserial.loads(field.content)["type"] for field in export.of_type("acf-field")}


def test_export_is_wellformed_wxr_1_2_without_a_doctype() -> None:
    assert b"<!DOCTYPE" not in demo_export_path().read_bytes()
    tree = etree.parse(str(demo_export_path()), parser())
    channel = tree.getroot().find("channel")
    assert channel is not None
    assert channel.findtext("{http://wordpress.org/export/1.2/}wxr_version") == "1.2"
    assert channel.findtext("{http://wordpress.org/export/1.2/}base_site_url") == "https://hub.example.org"


def test_export_holds_every_post_type_the_demo_needs(export: DemoExport) -> None:
    types = {item.post_type for item in export.items.values()}
    expected = {
        "attachment",
        "page",
        "post",
        "partner",
        "ai1ec_event",
        "wp_block",
        "nav_menu_item",
        "acf-field-group",
        "acf-field",
        "custom_css",
    }
    assert expected <= types
    assert 40 <= len(export.items) <= 60
    assert len(export.of_type("ai1ec_event")) in range(4, 7)
    assert len(export.author_ids) == 3


def test_news_posts_cover_every_publication_state(export: DemoExport) -> None:
    posts = export.of_type("post")
    assert any(post.is_sticky for post in posts)
    assert {"draft", "future", "private", "publish"} <= {post.status for post in posts}
    assert any(post.password for post in posts)
    assert any(key == "_wp_old_slug" for post in posts for key, _ in post.meta)


def test_post_parents_exist(export: DemoExport) -> None:
    dangling = {item.post_id: item.parent for item in export.items.values() if item.parent}
    assert all(parent in export.items for parent in dangling.values()), dangling


def test_acf_fields_hang_under_the_group_or_their_repeater(export: DemoExport) -> None:
    for field in export.of_type("acf-field"):
        assert export.items[field.parent].post_type in ("acf-field-group", "acf-field")


def test_featured_images_are_image_attachments(export: DemoExport) -> None:
    for item in export.items.values():
        thumbnail = item.meta_value("_thumbnail_id")
        if thumbnail is not None:
            target = export.items[int(thumbnail)]
            assert target.post_type == "attachment"
            assert target.meta_value("_wp_attachment_image_alt"), item.post_id


def test_authors_of_items_and_edits_are_listed(export: DemoExport) -> None:
    for item in export.items.values():
        assert item.creator in export.author_ids
        last_editor = item.meta_value("_edit_last")
        if last_editor is not None:
            assert int(last_editor) in export.author_ids.values()


def test_item_terms_and_term_parents_are_declared_in_the_channel(export: DemoExport) -> None:
    for item in export.items.values():
        assert all(term in export.terms for term in item.terms), item.post_id
    for taxonomy, _slug, parent in export.term_parents:
        assert not parent or (taxonomy, parent) in export.terms


def _check_menu_item(export: DemoExport, item: DemoItem) -> None:
    kind = item.meta_value("_menu_item_type")
    object_id = int(item.meta_value("_menu_item_object_id") or "0")
    if kind == "post_type":
        assert export.items[object_id].post_type == item.meta_value("_menu_item_object")
    elif kind == "taxonomy":
        assert object_id in {
            term_id for (tax, _), term_id in export.terms.items() if tax == item.meta_value("_menu_item_object")
        }
    else:
        assert kind == "custom"
        assert object_id == item.post_id  # WordPress points custom links at themselves
        assert item.meta_value("_menu_item_url")
    parent = int(item.meta_value("_menu_item_menu_item_parent") or "0")
    assert parent == 0 or export.items[parent].post_type == "nav_menu_item"


def test_menu_items_carry_all_meta_and_point_at_existing_targets(export: DemoExport) -> None:
    required = {
        "_menu_item_type",
        "_menu_item_menu_item_parent",
        "_menu_item_object_id",
        "_menu_item_object",
        "_menu_item_target",
        "_menu_item_classes",
        "_menu_item_xfn",
        "_menu_item_url",
    }
    menu = export.of_type("nav_menu_item")
    assert 6 <= len(menu) <= 8
    for item in menu:
        assert required <= {key for key, _ in item.meta}
        assert ("nav_menu", "main-menu") in item.terms
        _check_menu_item(export, item)
    assert any(item.meta_value("_menu_item_menu_item_parent") != "0" for item in menu)


def test_block_references_point_at_published_reusable_blocks(export: DemoExport) -> None:
    refs = [int(ref) for item in export.items.values() for ref in BLOCK_REF.findall(item.content)]
    assert refs
    assert all((export.items[ref].post_type, export.items[ref].status) == ("wp_block", "publish") for ref in refs)


def test_media_blocks_name_existing_attachments(export: DemoExport) -> None:
    for item in export.items.values():
        ids = MEDIA_BLOCK_ID.findall(item.content) + IMAGE_CLASS.findall(item.content)
        assert all(export.items[int(i)].post_type == "attachment" for i in ids), item.post_id


def test_upload_urls_in_content_are_shipped_files(export: DemoExport) -> None:
    urls = [path for item in export.items.values() for path in UPLOAD_URL.findall(item.content)]
    assert urls
    assert all((DEMO_DIR / "uploads" / path).is_file() for path in urls), urls


def test_comments_thread_within_their_post_and_one_awaits_moderation(export: DemoExport) -> None:
    comments = [comment for item in export.items.values() for comment in item.comments]
    for item in export.items.values():
        ids = {comment.comment_id for comment in item.comments}
        assert all(comment.parent in ids for comment in item.comments if comment.parent)
    assert any(comment.parent for comment in comments)
    assert [comment.approved for comment in comments].count("0") == 1
    assert any(comment.meta for comment in comments)


def test_serialized_values_are_exact_php_serialize_output(export: DemoExport) -> None:
    raws = [value for _, value in _all_meta(export) if phpserial.is_serialized(value)]
    raws += [item.content for item in export.items.values() if item.post_type.startswith("acf-")]
    assert len(raws) > 20
    for raw in raws:
        assert phpserial.dumps(phpserial.loads(raw)) == raw


def test_every_acf_reference_names_a_field_of_the_group(export: DemoExport) -> None:
    field_types = _acf_field_types(export)
    for item in export.of_type("post"):
        for key, value in item.meta:
            if key.startswith("_") and value.startswith("field_"):
                assert value in field_types, (item.post_id, key)
                assert item.meta_value(key[1:]) is not None


def _acf_values_by_type(export: DemoExport, item: DemoItem) -> dict[str, list[str]]:
    field_types = _acf_field_types(export)
    values: dict[str, list[str]] = {}
    for key, field_key in item.meta:
        if key.startswith("_") and field_key in field_types:
            values.setdefault(field_types[field_key], []).append(str(item.meta_value(key[1:])))
    return values


def test_acf_media_and_relationship_values_point_at_existing_posts(export: DemoExport) -> None:
    seen: set[str] = set()
    for item in export.of_type("post"):
        values = _acf_values_by_type(export, item)
        seen |= {kind for kind, found in values.items() if any(found)}
        for raw in values.get("image", []) + values.get("file", []):
            assert raw == "" or export.items[int(raw)].post_type == "attachment"
        for raw in values.get("gallery", []):
            ids = phpserial.loads(raw) if raw else []
            assert all(isinstance(i, str) and export.items[int(i)].post_type == "attachment" for i in ids)
        for raw in values.get("relationship", []):
            assert all(export.items[int(i)].post_type == "post" for i in phpserial.loads(raw))
    expected = {
        "text",
        "number",
        "true_false",
        "date_picker",
        "select",
        "link",
        "image",
        "file",
        "relationship",
        "repeater",
        "gallery",
    }
    assert expected <= seen


def test_acf_repeater_counts_match_their_rows(export: DemoExport) -> None:
    for item in export.of_type("post"):
        count = item.meta_value("authors_list")
        if count is None:
            continue
        rows = {key.split("_")[2] for key, _ in item.meta if re.fullmatch(r"authors_list_\d+_name", key)}
        assert len(rows) == int(count or "0"), item.post_id


def test_acf_date_values_use_ymd(export: DemoExport) -> None:
    dates = [item.meta_value("published_on") for item in export.of_type("post")]
    assert all(re.fullmatch(r"\d{8}", date) for date in dates if date is not None)
    assert any(date is not None for date in dates)


def test_data_directory_stays_small() -> None:
    total = sum(path.stat().st_size for path in DEMO_DIR.rglob("*") if path.is_file())
    assert total < 1_000_000
