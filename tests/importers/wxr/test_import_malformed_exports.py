"""Malformed or oversized exports WordPress itself writes or reads: kept whole, or refused saying where."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.comments.models import Comment
from app.content.models import Entry, EntryMeta
from app.taxonomy.models import Term
from tests.importers.wxr.cli import import_wxr, vellum
from tests.importers.wxr.export_builder import comment, export, item, meta, term
from tests.importers.wxr.wxr_documents import item_xml, write_wxr, wxr_document


def test_control_characters_wordpress_exported_are_kept_not_refused(session: Session, tmp_path: Path) -> None:
    # Text pasted from word processors carries form feeds, vertical tabs ...; XML 1.0 forbids them, WordPress
    # exports them anyway and its importer keeps them (through its regex parser). A NUL is still refused.
    odd = "form\x0cfeed, tab\tvertical\x0btab, escape\x1b, backspace\x08"
    path = export(
        tmp_path,
        term(3, "region", "north", name=f"North{odd}"),
        item(
            7,
            title=f"Title{odd}",
            content=f"<p>{odd}</p>",
            metas=[meta("note", odd)],
            comments=[comment(1, content=odd)],
        ),
    )

    first = import_wxr(path, report=tmp_path / "r1.json")
    again = import_wxr(path, report=tmp_path / "r2.json")

    entry = session.get(Entry, 7)
    assert entry is not None
    assert (entry.title, entry.content) == (f"Title{odd}", f"<p>{odd}</p>")
    assert [(row.key, row.value_raw) for row in session.scalars(select(EntryMeta))] == [("note", odd)]
    assert [row.content for row in session.scalars(select(Comment))] == [odd]
    assert [row.name for row in session.scalars(select(Term))] == [f"North{odd}"]
    assert (first["entries"]["post"]["added"], again["unchanged"]) == (1, True)
    path.write_bytes(path.read_bytes().replace(b"form\x0cfeed", b"form\x00feed", 1))
    code, output = vellum("import", "wxr", path)
    assert code == 1
    assert "Char 0x0 out of allowed range (in wp:term #1)" in output


def test_a_value_past_libxml2_s_ten_megabyte_text_limit_imports_whole(session: Session, tmp_path: Path) -> None:
    # Page-builder data and images pasted as data URIs pass 10 MB; WordPress's importer falls back to its regex
    # parser then. The limit guards entity expansion, which a WXR file may not use at all.
    big = "data:image/png;base64," + "A" * 10_000_000
    import_wxr(export(tmp_path, item(7, metas=[meta("_builder_data", big)])), report=tmp_path / "r.json")

    assert [row.value_raw for row in session.scalars(select(EntryMeta))] == [big]


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        (item(7, post_type="t" * 65), "entries.type is longer than 64 characters"),
        (item(7, metas=[meta("k" * 256, "v")]), "entry_meta.key is longer than 255 characters"),
        (item(7, menu_order=2**31), "entries.menu_order is out of range: 2147483648"),
        (item(2**63), "entries.id is out of range: 9223372036854775808"),
        (item(7, comments=[comment(2**64)]), "comments.id is out of range"),
        (item(7, categories=[("x" * 65, "slug", "Name")]), "terms.taxonomy is longer than 64 characters"),
        (term(5, "x" * 65, "slug"), "terms.taxonomy is longer than 64 characters"),
    ],
    ids=["type", "meta-key", "menu-order", "post-id", "comment-id", "item-taxonomy", "term-taxonomy"],
)
def test_a_value_no_column_can_hold_stops_the_import_naming_the_record(
    session: Session, tmp_path: Path, part: str, expected: str
) -> None:
    # WordPress's own columns are narrower (post_type 20 characters ...): only a hand-made file gets here, and it
    # was a database error with a traceback.
    path = export(tmp_path, part)
    line = path.read_text().split("\n").index(part.split("\n")[0]) + 1

    code, output = vellum("import", "wxr", path)

    assert code == 1
    assert f"export.xml:{line}:" in output
    assert expected in output
    assert "Traceback" not in output
    assert session.scalars(select(Entry)).all() == []


def test_a_namespace_libxml2_cannot_read_stops_the_import_with_the_parser_s_message_once(
    session: Session, tmp_path: Path
) -> None:
    # From the WordPress Importer's namespace-edge-cases.xml. WordPress reads such a file (libxml2 only warns
    # there); we refuse it, saying where. The position was repeated inside the message.
    path = export(tmp_path, item(7).replace("<item>", '<item xmlns:u="http://\u00ebx\u00e4mpl\u00eb.com/">', 1))
    line = next(number for number, text in enumerate(path.read_text().split("\n"), 1) if "xmlns:u" in text)

    code, output = vellum("import", "wxr", path)

    assert code == 1
    assert f"export.xml:{line}:" in output
    assert "is not a valid URI (in " in output
    assert session.scalars(select(Entry)).all() == []


def test_a_raw_ampersand_wordpress_writes_in_a_commenter_url_is_read_as_itself(
    session: Session, tmp_path: Path
) -> None:
    # export_wp() writes wp:comment_author_url through sanitize_url() without CDATA: `?a=1&b=2` there makes
    # WordPress's own export malformed. An `&` that starts no reference is the character; references still count.
    url = "https://ann.example.org/?a=1&b=2&amp;c=3&#038;d=4"
    reply = comment(1).replace("https://ann.example.org/", url)
    path = export(tmp_path, item(7, content="<p>Fish & chips &amp; more</p>", comments=[reply]))

    import_wxr(path, report=tmp_path / "r.json")

    entry, kept = session.get(Entry, 7), session.get(Comment, 1)
    assert entry is not None
    assert kept is not None
    assert kept.author_url == "https://ann.example.org/?a=1&b=2&c=3&d=4"
    assert entry.content == "<p>Fish & chips &amp; more</p>"


def test_a_wxr_1_1_section_whose_text_holds_the_cdata_end_is_read_whole(session: Session, tmp_path: Path) -> None:
    # Before WordPress 3.4 wxr_cdata() did not split "]]>", so a script's //]]> ended the section early and the
    # export was malformed (WordPress's importer falls back to its regex parser). The section ends where the
    # element does.
    content = "<script>//<![CDATA[\nvar a = b[c[0]]>1;\n//]]></script> end ]]> :)"
    raw = (
        "<wp:postmeta><wp:meta_key>cdata</wp:meta_key><wp:meta_value><![CDATA[]]>]]></wp:meta_value></wp:postmeta>"
        "<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_content><![CDATA[a]]>b]]></wp:comment_content>"
        "</wp:comment>"
    )
    body = item_xml(7, extra=raw).replace("<![CDATA[Body]]>", f"<![CDATA[{content}]]>")
    path = write_wxr(tmp_path, wxr_document(body, version="1.1"))

    import_wxr(path, report=tmp_path / "r.json")

    entry, reply = session.get(Entry, 7), session.get(Comment, 3)
    assert entry is not None
    assert reply is not None
    assert entry.content == content
    assert [(row.key, row.value_raw) for row in session.scalars(select(EntryMeta))] == [("cdata", "]]>")]
    assert reply.content == "a]]>b"
