from __future__ import annotations

import io

import pytest
from lxml import etree

from importers.wxr.source import CharacterDataKeeper, root_offset

DOCUMENT = (
    b'<?xml version="1.0"?>\r\n<!-- made on\r\nWindows -->\r\n<rss\r\n version="2.0">\r\n'
    b"<v><![CDATA[a\r\nb]]></v>\r\n<w>x\r\ny &amp; z</w>\r\n<c><![CDATA[<![CDATA[ in\r\n]]]]><![CDATA[>\r\n]]></c>"
    b"<!-- note\r\n --><t a='1'\r\n/></rss>\r\n"
)


def kept(document: bytes, read_size: int) -> bytes:
    keeper = CharacterDataKeeper(io.BytesIO(document), root_offset(io.BytesIO(document), "doc.xml"))
    chunks = []
    while chunk := keeper.read(read_size):
        chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("read_size", [1, 2, 3, 7, 16, 65536])
def test_crs_in_text_and_cdata_survive_parsing_whatever_the_read_size(read_size: int) -> None:
    root = etree.fromstring(kept(DOCUMENT, read_size))

    assert root.findtext("v") == "a\r\nb"
    assert root.findtext("w") == "x\r\ny & z"
    assert root.findtext("c") == "<![CDATA[ in\r\n]]>\r\n"


OLD_WXR = (
    b'<rss xmlns:wp="http://wordpress.org/export/1.1/"><v><![CDATA[<script>//<![CDATA[\r\n//]]></script> a]]>b]]></v>'
    + b"<pad>"
    + b" " * 300
    + b"</pad><w><![CDATA[x]]>]]></w><s><![CDATA[one]]><![CDATA[two]]>\n</s></rss>"
)


@pytest.mark.parametrize("read_size", [1, 2, 3, 7, 16, 65536])
def test_a_wxr_1_1_section_ends_where_its_element_does_whatever_the_read_size(read_size: int) -> None:
    root = etree.fromstring(kept(OLD_WXR, read_size))

    assert root.findtext("v") == "<script>//<![CDATA[\r\n//]]></script> a]]>b"
    assert (root.findtext("w"), root.findtext("s")) == ("x]]>", "onetwo\n")


def test_a_wxr_1_2_section_is_left_as_written() -> None:
    document = OLD_WXR.replace(b"/1.1/", b"/1.2/")

    assert kept(document, 65536) == document.replace(b"\r", b"]]>&#13;<![CDATA[")


def test_prolog_tags_comments_and_epilog_are_passed_through_untouched() -> None:
    output = kept(DOCUMENT, 65536)

    assert output.startswith(b'<?xml version="1.0"?>\r\n<!-- made on\r\nWindows -->\r\n<rss\r\n version="2.0">')
    assert b"<!-- note\r\n -->" in output
    assert b"<t a='1'\r\n/>" in output
    assert output.endswith(b"</rss>\r\n")


def test_root_offset_skips_declaration_comments_and_whitespace() -> None:
    document = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- <!DOCTYPE inside a comment> -->\n  <rss/>'

    assert root_offset(io.BytesIO(document), "doc.xml") == document.index(b"<rss")
