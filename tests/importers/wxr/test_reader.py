from __future__ import annotations

from pathlib import Path

import pytest

from importers.wxr.reader import count_items, read_wxr
from importers.wxr.records import Author, ItemRecord, ItemTerm, Meta, Record, SiteInfo, TermRecord
from tests.importers.wxr.wxr_documents import DATA, item_xml, write_wxr, wxr_document


def read_all(path: Path) -> list[Record]:
    return list(read_wxr(path))


def items_of(records: list[Record]) -> list[ItemRecord]:
    return [record for record in records if isinstance(record, ItemRecord)]


def only_item(tmp_path: Path, body: str) -> ItemRecord:
    (item,) = items_of(read_all(write_wxr(tmp_path, wxr_document(body))))
    return item


def test_site_info_comes_first_even_when_generator_follows_authors_and_terms(tmp_path: Path) -> None:
    body = (
        "<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[admin]]></wp:author_login>"
        "</wp:author>\n<wp:tag><wp:term_id>3</wp:term_id><wp:tag_slug>php</wp:tag_slug></wp:tag>\n"
        "<generator>https://wordpress.org/?v=6.8.3</generator>\n" + item_xml(1)
    )
    records = read_all(write_wxr(tmp_path, wxr_document(body)))

    assert [type(record) for record in records] == [SiteInfo, Author, TermRecord, ItemRecord]
    site = records[0]
    assert site == SiteInfo(
        title="Example",
        link="https://example.com",
        description="Just another site",
        language="en-US",
        wxr_version="1.2",
        base_site_url="https://example.com",
        base_blog_url="https://example.com/blog",
        pub_date="Sat, 01 Feb 2025 10:30:00 +0000",
        generator="https://wordpress.org/?v=6.8.3",
        path=str(tmp_path / "export.xml"),
    )


def test_missing_base_blog_url_falls_back_to_base_site_url(tmp_path: Path) -> None:
    header = (
        "<title>T</title><wp:wxr_version>1.1</wp:wxr_version><wp:base_site_url>https://a.example</wp:base_site_url>"
    )
    site = read_all(write_wxr(tmp_path, wxr_document("", header=header)))[0]

    assert isinstance(site, SiteInfo)
    assert site.base_blog_url == "https://a.example"


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_wp_and_excerpt_namespaces_match_every_version_and_scheme(tmp_path: Path, version: str, scheme: str) -> None:
    extra = "<wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>v</wp:meta_value></wp:postmeta>\n"
    text = wxr_document(item_xml(42, extra=extra), version=version, scheme=scheme)
    text = text.replace("<excerpt:encoded><![CDATA[]]>", "<excerpt:encoded><![CDATA[The gist]]>")
    records = read_all(write_wxr(tmp_path, text))

    assert isinstance(records[0], SiteInfo)
    assert records[0].wxr_version == version
    (item,) = items_of(records)
    assert (item.post_id, item.excerpt, item.post_type, item.meta) == (42, "The gist", "post", [Meta("k", "v")])
    assert item.extra == {}


def test_wxr_1_0_keeps_only_categories_with_nicename_and_maps_tag_domain() -> None:
    records = read_all(DATA / "wxr-1.0.xml")

    assert not [record for record in records if isinstance(record, Author)]
    terms = [record for record in records if isinstance(record, TermRecord)]
    assert [(t.term_id, t.taxonomy, t.slug, t.name, t.parent_slug) for t in terms] == [
        (None, "category", "news", "News", ""),
        (None, "category", "local", "Local", "News"),  # WXR 1.0 wrote the parent's name
        (None, "post_tag", "php", "PHP", ""),
    ]
    (item,) = items_of(records)
    assert item.terms == [ItemTerm("category", "local", "Local"), ItemTerm("post_tag", "php", "PHP")]
    assert item.creator == "Jane Doe"
    assert (item.excerpt, item.post_modified, item.attachment_url) == ("Short", None, None)


def test_wxr_1_1_https_file_with_pretty_printed_guid_and_sticky_post() -> None:
    records = read_all(DATA / "wxr-1.1-https.xml")

    assert [type(record) for record in records] == [SiteInfo, Author, TermRecord, ItemRecord]
    site, author, menu, item = records
    assert isinstance(site, SiteInfo)
    assert site.generator == "http://wordpress.com/"
    assert author == Author(None, "traveller", "traveller@example.com", "The Traveller", "", "", 13)
    assert isinstance(menu, TermRecord)
    assert (menu.term_id, menu.taxonomy, menu.slug, menu.name) == (31, "nav_menu", "main", "Main")
    assert isinstance(item, ItemRecord)
    assert item.guid == "https://travelnotes.example/?p=12"
    assert item.is_sticky is True
    assert item.line == 22


def test_text_split_across_cdata_sections_is_joined(tmp_path: Path) -> None:
    content = "<content:encoded><![CDATA[<p>Literal ]]]]><![CDATA[> survives</p>]]></content:encoded>"
    item = only_item(tmp_path, item_xml(1).replace("<content:encoded><![CDATA[Body]]></content:encoded>", content))

    assert item.content == "<p>Literal ]]> survives</p>"


def test_crlf_inside_meta_values_and_content_is_preserved(tmp_path: Path) -> None:
    serialized = 'a:1:{i:0;s:4:"a\r\nb";}'
    extra = (
        f"<wp:postmeta><wp:meta_key>notes</wp:meta_key><wp:meta_value><![CDATA[{serialized}]]></wp:meta_value>"
        "</wp:postmeta>\n<wp:postmeta><wp:meta_key>plain</wp:meta_key>"
        "<wp:meta_value>line one\r\nline two</wp:meta_value></wp:postmeta>\n"
    )
    body = item_xml(1, extra=extra).replace("[CDATA[Body]]", "[CDATA[para one\r\n\r\npara two]]")
    item = only_item(tmp_path, body)

    assert item.meta == [Meta("notes", serialized), Meta("plain", "line one\r\nline two")]
    assert item.content == "para one\r\n\r\npara two"


def test_windows_line_endings_throughout_the_file_still_parse(tmp_path: Path) -> None:
    text = wxr_document(item_xml(7, title="Two\nlines")).replace("\n", "\r\n")
    records = read_all(write_wxr(tmp_path, text))

    (item,) = items_of(records)
    assert (item.post_id, item.title, item.post_type) == (7, "Two\r\nlines", "post")
    assert isinstance(records[0], SiteInfo)
    assert records[0].title == "Example"


def test_entities_in_link_and_guid_are_decoded(tmp_path: Path) -> None:
    body = item_xml(3).replace(
        "<link>https://example.com/?p=3</link>", "<link>https://example.com/?p=3&#038;lang=fr&amp;x=1</link>"
    )
    body = body.replace(">https://example.com/?p=3</guid>", ">https://example.com/?p=3&amp;preview=true</guid>")
    item = only_item(tmp_path, body)

    assert item.link == "https://example.com/?p=3&lang=fr&x=1"
    assert item.guid == "https://example.com/?p=3&preview=true"


def test_unicode_titles_content_and_slugs_survive(tmp_path: Path) -> None:
    title = "مرحبا بالعالم — สวัสดีชาวโลก 🎉"
    body = item_xml(9, title=title, extra='<category domain="post_tag" nicename="ไทย"><![CDATA[ไทย]]></category>\n')
    body = body.replace("[CDATA[Body]]", "[CDATA[<p>نص عربي 👩‍💻 ภาษาไทย</p>]]").replace(
        "[CDATA[hello]]", "[CDATA[%e0%b8%aa%e0%b8%a7%e0%b8%b1%e0%b8%aa]]"
    )
    item = only_item(tmp_path, body)

    assert item.title == title
    assert item.content == "<p>نص عربي 👩‍💻 ภาษาไทย</p>"
    assert item.post_name == "%e0%b8%aa%e0%b8%a7%e0%b8%b1%e0%b8%aa"
    assert item.terms == [ItemTerm("post_tag", "ไทย", "ไทย")]


def test_duplicate_meta_keys_are_kept_in_document_order(tmp_path: Path) -> None:
    rows = [("color", "red"), ("_thumbnail_id", "42"), ("color", "blue"), ("color", "red")]
    extra = "".join(
        f"<wp:postmeta><wp:meta_key><![CDATA[{k}]]></wp:meta_key><wp:meta_value><![CDATA[{v}]]></wp:meta_value>"
        "</wp:postmeta>\n"
        for k, v in rows
    )
    item = only_item(tmp_path, item_xml(1, extra=extra))

    assert item.meta == [Meta(k, v) for k, v in rows]


def test_meta_values_are_not_stripped_but_keys_are(tmp_path: Path) -> None:
    extra = (
        "<wp:postmeta>\n  <wp:meta_key>\n    <![CDATA[_menu_item_url]]>\n  </wp:meta_key>\n"
        "  <wp:meta_value><![CDATA[  padded \n]]></wp:meta_value>\n</wp:postmeta>\n"
    )
    item = only_item(tmp_path, item_xml(1, extra=extra))

    assert item.meta == [Meta("_menu_item_url", "  padded \n")]


def test_content_title_and_excerpt_keep_whitespace_while_scalars_are_stripped(tmp_path: Path) -> None:
    body = (
        item_xml(5)
        .replace("[CDATA[Hello]]", "[CDATA[  Spaced title ]]")
        .replace("[CDATA[Body]]", "[CDATA[\n\nFirst paragraph\n\n]]")
        .replace("<wp:status><![CDATA[publish]]>", "<wp:status>\n\t<![CDATA[publish]]>\n")
        .replace("<wp:post_id>5</wp:post_id>", "<wp:post_id>\n 5 \n</wp:post_id>")
        .replace("<wp:post_date><![CDATA[2024-03-01 13:00:00]]>", "<wp:post_date> 2024-03-01 13:00:00 ")
    )
    item = only_item(tmp_path, body)

    assert (item.title, item.content) == ("  Spaced title ", "\n\nFirst paragraph\n\n")
    assert (item.post_id, item.status, item.post_date) == (5, "publish", "2024-03-01 13:00:00")


def test_comments_keep_fields_content_and_meta_in_order(tmp_path: Path) -> None:
    comment = (
        "<wp:comment>\n<wp:comment_id>11</wp:comment_id>\n<wp:comment_author><![CDATA[Ann]]></wp:comment_author>\n"
        "<wp:comment_author_email><![CDATA[ann@example.com]]></wp:comment_author_email>\n"
        "<wp:comment_author_url>https://ann.example/?a=1&amp;b=2</wp:comment_author_url>\n"
        "<wp:comment_author_IP><![CDATA[192.0.2.1]]></wp:comment_author_IP>\n"
        "<wp:comment_date><![CDATA[2024-03-02 10:00:00]]></wp:comment_date>\n"
        "<wp:comment_date_gmt><![CDATA[2024-03-02 09:00:00]]></wp:comment_date_gmt>\n"
        "<wp:comment_content><![CDATA[ Nice post!\n\n]]></wp:comment_content>\n"
        "<wp:comment_approved><![CDATA[1]]></wp:comment_approved>\n"
        "<wp:comment_type><![CDATA[]]></wp:comment_type>\n<wp:comment_parent>10</wp:comment_parent>\n"
        "<wp:comment_user_id>2</wp:comment_user_id>\n"
        "<wp:commentmeta><wp:meta_key>rating</wp:meta_key><wp:meta_value>5</wp:meta_value></wp:commentmeta>\n"
        "<wp:commentmeta><wp:meta_key>rating</wp:meta_key><wp:meta_value>4</wp:meta_value></wp:commentmeta>\n"
        "</wp:comment>\n"
    )
    item = only_item(tmp_path, item_xml(1, extra=comment))

    (record,) = item.comments
    assert (record.id, record.author, record.author_email, record.author_url, record.author_ip) == (
        11,
        "Ann",
        "ann@example.com",
        "https://ann.example/?a=1&b=2",
        "192.0.2.1",
    )
    assert (record.date, record.date_gmt, record.approved, record.type) == (
        "2024-03-02 10:00:00",
        "2024-03-02 09:00:00",
        "1",
        "",
    )
    assert (record.content, record.parent, record.user_id) == (" Nice post!\n\n", 10, 2)
    assert record.meta == [Meta("rating", "5"), Meta("rating", "4")]


def test_nav_menu_and_custom_taxonomy_terms_with_parents_and_term_meta(tmp_path: Path) -> None:
    body = (
        "<wp:term><wp:term_id>5</wp:term_id><wp:term_taxonomy>nav_menu</wp:term_taxonomy>"
        "<wp:term_slug><![CDATA[main-menu]]></wp:term_slug><wp:term_name><![CDATA[Main Menu]]></wp:term_name>"
        "</wp:term>\n<wp:term><wp:term_id>31</wp:term_id><wp:term_taxonomy><![CDATA[events_categories]]>"
        "</wp:term_taxonomy><wp:term_slug><![CDATA[jazz]]></wp:term_slug><wp:term_parent><![CDATA[concerts]]>"
        "</wp:term_parent><wp:term_name><![CDATA[Jazz]]></wp:term_name>"
        "<wp:term_description><![CDATA[Late nights\n]]></wp:term_description>"
        "<wp:termmeta><wp:meta_key>color</wp:meta_key><wp:meta_value><![CDATA[#ff0000]]></wp:meta_value>"
        "</wp:termmeta><wp:termmeta><wp:meta_key>color</wp:meta_key><wp:meta_value>#00ff00</wp:meta_value>"
        "</wp:termmeta></wp:term>\n"
        "<wp:category><wp:term_id>7</wp:term_id><wp:category_nicename>news</wp:category_nicename>"
        "<wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name>"
        "<wp:category_description><![CDATA[Company news]]></wp:category_description></wp:category>\n"
        + item_xml(1, extra='<category domain="nav_menu" nicename="main-menu"><![CDATA[Main Menu]]></category>\n')
    )
    records = read_all(write_wxr(tmp_path, wxr_document(body)))

    menu, jazz, news = (record for record in records if isinstance(record, TermRecord))
    assert menu == TermRecord(5, "nav_menu", "main-menu", "Main Menu", "", "", [], menu.line, "wp:term")
    assert jazz == TermRecord(
        31,
        "events_categories",
        "jazz",
        "Jazz",
        "concerts",
        "Late nights\n",
        [Meta("color", "#ff0000"), Meta("color", "#00ff00")],
        jazz.line,
        "wp:term",
    )
    assert news == TermRecord(7, "category", "news", "News", "", "Company news", [], news.line, "wp:category")
    assert items_of(records)[0].terms == [ItemTerm("nav_menu", "main-menu", "Main Menu")]


def test_unknown_item_children_are_kept_in_extra_by_prefixed_name(tmp_path: Path) -> None:
    extra = (
        '<georss:point xmlns:georss="http://www.georss.org/georss">45.5 -73.6</georss:point>\n'
        "<enclosure_note>first</enclosure_note>\n<enclosure_note>second</enclosure_note>\n"
        "<wp:future_field><![CDATA[ kept ]]></wp:future_field>\n<!-- a comment is not an element -->\n"
    )
    item = only_item(tmp_path, item_xml(1, extra=extra))

    assert item.extra == {
        "georss:point": ["45.5 -73.6"],
        "enclosure_note": ["first", "second"],
        "wp:future_field": [" kept "],
    }


def test_optional_item_fields_are_none_or_defaults_when_absent(tmp_path: Path) -> None:
    body = (
        "<item><wp:post_id>77</wp:post_id><wp:post_type>attachment</wp:post_type>"
        "<wp:attachment_url><![CDATA[ https://example.com/a.jpg ]]></wp:attachment_url></item>\n"
    )
    item = only_item(tmp_path, body)

    assert (item.post_id, item.post_type, item.attachment_url) == (77, "attachment", "https://example.com/a.jpg")
    assert (item.title, item.status, item.post_parent, item.menu_order, item.is_sticky) == ("", "", 0, 0, False)
    assert (item.post_modified, item.post_modified_gmt) == (None, None)


def test_post_modified_is_read_when_exported(tmp_path: Path) -> None:
    extra = (
        "<wp:post_modified><![CDATA[2024-03-05 09:10:11]]></wp:post_modified>"
        "<wp:post_modified_gmt><![CDATA[2024-03-05 08:10:11]]></wp:post_modified_gmt>"
    )
    item = only_item(tmp_path, item_xml(1, extra=extra))

    assert (item.post_modified, item.post_modified_gmt) == ("2024-03-05 09:10:11", "2024-03-05 08:10:11")


def test_item_line_is_where_the_item_element_starts(tmp_path: Path) -> None:
    text = wxr_document(item_xml(1) + item_xml(2))
    lines = text.split("\n")
    starts = [number for number, line in enumerate(lines, start=1) if line == "<item>"]
    records = read_all(write_wxr(tmp_path, text))

    assert [item.line for item in items_of(records)] == starts


def test_count_items_counts_every_item_element(tmp_path: Path) -> None:
    path = write_wxr(tmp_path, wxr_document("".join(item_xml(n, post_type="page") for n in range(1, 6))))

    assert count_items(path) == 5
    assert len(items_of(read_all(path))) == 5
