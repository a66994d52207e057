from __future__ import annotations

from pathlib import Path

import pytest

from importers.wxr.errors import WxrError
from importers.wxr.reader import count_items, read_wxr
from importers.wxr.records import ItemRecord, Record, SiteInfo
from tests.importers.wxr.wxr_documents import item_xml, write_wxr, wxr_document

REFUSAL = "DOCTYPE/entity declarations are not allowed in a WXR file; refusing to expand entities"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss><channel><title>&lol4;</title><wp:wxr_version xmlns:wp="http://wordpress.org/export/1.2/">1.2</wp:wxr_version>
</channel></rss>
"""

EXTERNAL_ENTITY = """<?xml version="1.0" encoding="UTF-8"?>
<!-- an export -->
  <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><title>&xxe;</title></channel></rss>
"""


def read_until_error(path: Path) -> tuple[list[Record], WxrError]:
    records: list[Record] = []
    with pytest.raises(WxrError) as caught:
        records.extend(read_wxr(path))
    return records, caught.value


def test_truncated_file_names_line_column_and_the_item_being_read(tmp_path: Path) -> None:
    text = wxr_document(item_xml(1, title="Complete") + item_xml(2, title="Cut short"))
    cut = text.index("<wp:post_date>", text.index("<wp:post_id>2<"))
    path = write_wxr(tmp_path, text[:cut])

    records, error = read_until_error(path)

    assert [record.post_id for record in records if isinstance(record, ItemRecord)] == [1]
    assert error.line == text[:cut].count("\n") + 1
    assert error.column >= 1
    assert error.item == "item post_id 2 'Cut short'"
    assert str(error) == f"{path}:{error.line}:{error.column}: {error.message} (in item post_id 2 'Cut short')"


def test_malformed_markup_between_items_names_the_last_item_read(tmp_path: Path) -> None:
    text = wxr_document(item_xml(1, title="Fine") + "<oops>\n</item>\n")
    _records, error = read_until_error(write_wxr(tmp_path, text))

    assert error.item == "item post_id 1 'Fine'"
    assert error.line == text.count("\n", 0, text.index("<oops>")) + 2  # the </item> that does not match


def test_error_inside_an_author_names_the_author_by_position(tmp_path: Path) -> None:
    body = (
        "<wp:author><wp:author_login>a</wp:author_login></wp:author>\n"
        "<wp:author><wp:author_login>b</wp:author_login><wp:author_email>x</wp:author_mail></wp:author>\n"
    )
    _records, error = read_until_error(write_wxr(tmp_path, wxr_document(body)))

    assert error.item == "wp:author #2"


def test_billion_laughs_is_refused_before_any_entity_is_expanded(tmp_path: Path) -> None:
    _records, error = read_until_error(write_wxr(tmp_path, BILLION_LAUGHS))

    assert (error.message, error.line, error.column, error.item) == (REFUSAL, 2, 1, None)


def test_external_entity_is_refused_with_its_position(tmp_path: Path) -> None:
    path = write_wxr(tmp_path, EXTERNAL_ENTITY)
    _records, error = read_until_error(path)

    assert (error.message, error.line, error.column) == (REFUSAL, 3, 3)
    assert str(error) == f"{path}:3:3: {REFUSAL}"
    with pytest.raises(WxrError, match="refusing to expand entities"):
        count_items(path)


def test_undeclared_entity_reference_is_a_syntax_error_not_an_expansion(tmp_path: Path) -> None:
    text = wxr_document(item_xml(4, title="x").replace("<![CDATA[x]]>", "&xxe;"))
    _records, error = read_until_error(write_wxr(tmp_path, text))

    assert error.message == "Entity 'xxe' not defined"
    assert error.line == text.split("\n").index("<title>&xxe;</title>") + 1
    assert error.item == f"item at line {error.line - 1}"


def test_file_without_wxr_version_is_not_a_wxr_file(tmp_path: Path) -> None:
    header = "<title>Just RSS</title><link>https://example.com</link>\n"
    text = wxr_document(item_xml(1), header=header)
    records, error = read_until_error(write_wxr(tmp_path, text))

    assert records == []
    assert "does not appear to be a WXR file" in error.message
    assert error.line == text.split("\n").index("<channel>") + 1


def test_invalid_wxr_version_is_rejected(tmp_path: Path) -> None:
    header = "<wp:wxr_version>latest</wp:wxr_version>"
    _records, error = read_until_error(write_wxr(tmp_path, wxr_document("", header=header)))

    assert "wxr_version" in error.message


def test_document_without_channel_is_not_a_wxr_file(tmp_path: Path) -> None:
    _records, error = read_until_error(write_wxr(tmp_path, "<html><body><p>hi</p></body></html>"))

    assert "no <channel>" in error.message


def test_empty_file_is_a_wxr_error_on_line_one(tmp_path: Path) -> None:
    _records, error = read_until_error(write_wxr(tmp_path, ""))

    assert (error.line, error.item) == (1, None)
    assert error.message


def test_non_integer_post_id_names_its_line_and_item(tmp_path: Path) -> None:
    text = wxr_document(item_xml("12a", title="Bad id"))
    _records, error = read_until_error(write_wxr(tmp_path, text))

    assert error.message == "wp:post_id is not an integer: '12a'"
    assert error.line == text.split("\n").index("<wp:post_id>12a</wp:post_id>") + 1
    assert error.item == "item post_id 12a 'Bad id'"


def test_item_without_post_id_is_rejected(tmp_path: Path) -> None:
    text = wxr_document("<item><title>Orphan</title></item>\n")
    records, error = read_until_error(write_wxr(tmp_path, text))

    assert [type(record) for record in records] == [SiteInfo]
    assert error.message == "item has no wp:post_id"
    assert error.item == f"item at line {text.split(chr(10)).index('<item><title>Orphan</title></item>') + 1} 'Orphan'"


def test_error_without_a_record_leaves_out_the_item_part() -> None:
    error = WxrError("bad", Path("site.xml"), 3, 7)

    assert str(error) == "site.xml:3:7: bad"
