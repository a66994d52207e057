"""A tiny writer for one-page, text-only PDF files (the demo site's downloadable documents)."""

from __future__ import annotations

from collections.abc import Sequence

_PAGE_WIDTH = 595  # A4 in PostScript points
_PAGE_HEIGHT = 842
_LEFT_MARGIN = 72
_TOP_LINE = 760
_LINE_HEIGHT = 18


def _escape(text: str) -> str:
    """Escape a PDF literal string: backslash and both parentheses are special inside ``( )``."""
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content_stream(title: str, lines: Sequence[str]) -> bytes:
    parts = [f"BT /F1 20 Tf {_LEFT_MARGIN} {_TOP_LINE} Td ({_escape(title)}) Tj ET"]
    for index, line in enumerate(lines):
        y = _TOP_LINE - 40 - index * _LINE_HEIGHT
        parts.append(f"BT /F1 11 Tf {_LEFT_MARGIN} {y} Td ({_escape(line)}) Tj ET")
    return "\n".join(parts).encode("latin-1")


def _objects(title: str, lines: Sequence[str]) -> list[bytes]:
    stream = _content_stream(title, lines)
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_PAGE_WIDTH} {_PAGE_HEIGHT}] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".encode("ascii"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode("ascii") + b" >>\nstream\n" + stream + b"\nendstream",
        f"<< /Title ({_escape(title)}) /Producer (Vellum demo builder) >>".encode("latin-1"),
    ]


def render_text_pdf(title: str, lines: Sequence[str]) -> bytes:
    """A valid PDF 1.4 file with one A4 page showing ``title`` and ``lines`` in Helvetica."""
    body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, obj in enumerate(_objects(title, lines), start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n".encode("ascii") + obj + b"\nendobj\n"
    xref_at = len(body)
    # Each xref entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, CR LF.
    body += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f\r\n".encode("ascii")
    body += b"".join(f"{offset:010d} 00000 n\r\n".encode("ascii") for offset in offsets)
    trailer = f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref_at}\n%%EOF\n"
    body += trailer.encode("ascii")
    return bytes(body)
