"""The hand-written PDFs are structurally valid: header, objects, and a cross-reference table that points at them."""

from __future__ import annotations

import re

from app.demo.minimal_pdf import render_text_pdf


def _xref_offsets(data: bytes) -> list[int]:
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF", data).group(1))  # type: ignore[union-attr]
    assert data[start:].startswith(b"xref\n")
    return [int(entry) for entry in re.findall(rb"(\d{10}) 00000 n\r\n", data[start:])]


def test_cross_reference_table_points_at_each_object() -> None:
    data = render_text_pdf("Title", ["first line", "second line"])
    offsets = _xref_offsets(data)
    assert len(offsets) == 6
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(f"{number} 0 obj\n".encode())


def test_stream_length_matches_its_bytes() -> None:
    data = render_text_pdf("Title", ["a line"])
    match = re.search(rb"<< /Length (\d+) >>\nstream\n(.*?)\nendstream", data, re.S)
    assert match is not None
    assert int(match.group(1)) == len(match.group(2))


def test_parentheses_and_backslashes_are_escaped_in_text() -> None:
    data = render_text_pdf("Costs (in US$)", ["a\\b"])
    assert b"(Costs \\(in US$\\)) Tj" in data
    assert b"(a\\\\b) Tj" in data
