"""The bytes handed to the XML parser: a refused DOCTYPE, and carriage returns and control characters kept as
WordPress stored them."""

from __future__ import annotations

import dataclasses
import re
from typing import Any, BinaryIO

from importers.wxr.cdata_repair import CdataRepair, is_old_wxr
from importers.wxr.errors import WxrError

_REFUSED_DTD = "DOCTYPE/entity declarations are not allowed in a WXR file; refusing to expand entities"
_PROLOG_LIMIT = 1 << 20
_CHUNK = 1 << 16
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00")
# Markup that may precede the root element and where each one ends.
_PROLOG_MARKUP = ((b"<?", b"?>"), (b"<!--", b"-->"))


def root_offset(raw: BinaryIO, path: str) -> int:
    """Byte offset of the root element's `<`; raises WxrError on a DOCTYPE, as WordPress's parser does."""
    head = raw.read(_CHUNK)
    while True:
        offset = _scan_prolog(head, path)
        if offset is not None:
            return offset
        more = raw.read(_CHUNK)
        if not more or len(head) > _PROLOG_LIMIT:
            return len(head)  # no root element: the parser reports the document as it is
        head += more


def _scan_prolog(head: bytes, path: str) -> int | None:
    """Where the root element starts, or None when `head` ends inside the prolog."""
    if head.startswith(_UTF16_MARKS):
        raise WxrError("only UTF-8 and other ASCII-compatible encodings are supported", path, 1, 1)
    pos = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while True:
        while pos < len(head) and head[pos] in b" \t\r\n":
            pos += 1
        if pos >= len(head):
            return None
        end = _prolog_markup_end(head, pos)
        if end is None:
            return _element_start(head, pos, path)
        if end < 0:
            return None
        pos = end


def _prolog_markup_end(head: bytes, pos: int) -> int | None:
    """End of the comment or PI at `pos` (-1 if cut off), None if something else starts there."""
    for opener, closer in _PROLOG_MARKUP:
        if head.startswith(opener, pos):
            end = head.find(closer, pos + len(opener))
            return -1 if end < 0 else end + len(closer)
    return None


def _element_start(head: bytes, pos: int, path: str) -> int | None:
    if head.startswith(b"<!", pos):
        line = head.count(b"\n", 0, pos) + 1
        column = pos - head.rfind(b"\n", 0, pos)
        raise WxrError(_REFUSED_DTD, path, line, column)
    if len(head) - pos < 2:
        return None  # cannot tell "<!" from "<r" yet
    return pos


# Besides CRs (line-end normalisation), what the parser would refuse in character data: an `&` that starts
# no reference. WordPress writes a commenter's URL with sanitize_url() and no CDATA, so `?a=1&b=2` there
# makes its own export malformed; such an `&` is the character itself.
_STRAY_AMPERSAND = re.compile(rb"&(?!#[0-9]+;|#x[0-9a-fA-F]+;|[A-Za-z_:][\w.:-]*;)")
_CR = ord("\r")


class _State:
    TEXT = 0
    MARKUP = 1
    CDATA = 2


def _state_after(data: bytes, start: int, end: int, state: int) -> int:
    """Lexical state at `end`, given the state at `start`; no token may straddle `start` or `end`."""
    opened = data.rfind(b"<![CDATA[", start, end)
    closed = data.rfind(b"]]>", start, end)
    if opened > closed:
        return _State.CDATA
    if closed >= 0:
        start, state = closed + 3, _State.TEXT
    elif state == _State.CDATA:
        return _State.CDATA
    lt = data.rfind(b"<", start, end)
    gt = data.rfind(b">", start, end)
    if lt == gt:  # both absent
        return state
    return _State.MARKUP if lt > gt else _State.TEXT


# C0 control characters other than TAB, LF and CR may not appear in an XML 1.0 document, not even as character
# references, yet WordPress exports what it stored: text pasted from word processors brings form feeds, vertical
# tabs, backspaces. WordPress's importer then falls back to its regex parser and keeps them. Here each one becomes
# the noncharacter U+FDD0 + its code (allowed in XML, never in WordPress content) and is put back in the records
# (restore_controls). NUL stays an error: no database column can hold it.
_CONTROL = re.compile(rb"[\x01-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_CODES = b"".join(bytes([code]) for code in range(1, 32) if code not in (9, 10, 13))
_STAND_IN = 0xFDD0
_RESTORED = {_STAND_IN + code: code for code in _CONTROL_CODES}


def _stand_in(match: re.Match[bytes]) -> bytes:
    return chr(_STAND_IN + match.group()[0]).encode("utf-8")


def restore_controls(record: Any) -> Any:
    """Put back, in place, the control characters a record's strings carry as stand-ins; returns the record."""
    for field in dataclasses.fields(record):
        setattr(record, field.name, _restored(getattr(record, field.name)))
    return record


def _restored(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_RESTORED)
    if isinstance(value, list):
        return [_restored(element) for element in value]
    if isinstance(value, dict):
        return {_restored(key): _restored(element) for key, element in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return restore_controls(value)
    return value


class CharacterDataKeeper:
    r"""Read-only file object that keeps each CR of text and CDATA from XML's line-end normalisation, and
    control characters and stray ampersands from the parser's refusal.

    WordPress writes database values verbatim, CRLF included (classic-editor content, serialized meta
    whose `s:N:` lengths count the CR bytes). An XML parser must turn CRLF into LF, so each CR in
    character data is rewritten as `&#13;` (in CDATA: `]]>&#13;<![CDATA[`), which the parser keeps.
    CRs inside tags, comments, before the root element and after the last `>` are left to the parser.
    An `&` of text that starts no reference becomes `&amp;` (see `_STRAY_AMPERSAND`). Control characters become
    stand-ins wherever they are (see `_CONTROL`); `has_controls` says whether the records need them put back.
    """

    def __init__(self, raw: BinaryIO, root_offset: int) -> None:
        self._raw = raw
        self._verbatim = root_offset  # the prolog is passed through untouched
        self._pending = b""
        self._state = _State.TEXT
        self._at_end = False
        self.has_controls = False
        self._repair: CdataRepair | None = None
        self._is_root_seen = False

    def read(self, size: int = -1) -> bytes:
        """Up to about `size` bytes (more when CRs were expanded); b"" at the end of the file."""
        size = size if size > 0 else _CHUNK
        while not self._at_end:
            more = self._raw.read(size)
            self._at_end = not more
            data = self._pending + more
            cut = len(data) if self._at_end else data.rfind(b">") + 1
            if self._repair is not None and not self._at_end:
                cut = self._repair.safe_cut(data, cut)
            if cut > 0:
                self._pending = data[cut:]
                return self._transform(data[:cut])
            self._pending = data
        return b""

    def _transform(self, data: bytes) -> bytes:
        if not self._verbatim and len(data.translate(None, _CONTROL_CODES)) != len(data):
            self.has_controls = True
            data = _CONTROL.sub(_stand_in, data)
        if self._verbatim:
            head, data = data[: self._verbatim], data[self._verbatim :]
            self._verbatim -= len(head)
            return head + self._transform(data) if data else head
        if not self._is_root_seen:
            self._is_root_seen = True
            self._repair = CdataRepair() if is_old_wxr(data[: data.find(b">") + 1]) else None
        if self._repair is not None:
            data = self._repair.apply(data)
        if self._at_end and data.rfind(b">") + 1 < len(data):
            last = data.rfind(b">") + 1  # the epilog after the last tag: whitespace the parser must see raw
            return self._transform_complete(data[:last]) + data[last:]
        return self._transform_complete(data)

    def _transform_complete(self, data: bytes) -> bytes:
        state, cursor = self._state, 0
        positions = _positions(data)
        if not positions:
            self._state = _state_after(data, 0, len(data), state)
            return data
        parts: list[bytes] = []
        done = 0
        for pos in positions:
            state, cursor = _state_after(data, cursor, pos, state), pos
            if data[pos] == _CR and state != _State.MARKUP:
                parts += (data[done:pos], b"]]>&#13;<![CDATA[" if state == _State.CDATA else b"&#13;")
                done = pos + 1
            elif data[pos] != _CR and state == _State.TEXT:
                parts += (data[done:pos], b"&amp;")
                done = pos + 1
        self._state = _state_after(data, cursor, len(data), state)
        parts.append(data[done:])
        return b"".join(parts)


def _positions(data: bytes) -> list[int]:
    """Where the CRs and stray ampersands of `data` are, in order."""
    positions = [match.start() for match in _STRAY_AMPERSAND.finditer(data)] if b"&" in data else []
    pos = data.find(b"\r")
    if pos < 0:
        return positions
    while pos >= 0:
        positions.append(pos)
        pos = data.find(b"\r", pos + 1)
    return sorted(positions)
