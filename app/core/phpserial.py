"""A safe decoder for PHP ``serialize()`` output, producing JSON-compatible values only.

WordPress stores arrays in meta as PHP-serialized strings. We decode them to plain
lists/dicts (objects become dicts, never instances) and repair ``s:N:`` byte lengths that
line-ending conversion broke, which the WordPress Importer silently drops instead.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

Json = Any

_SERIALIZED = re.compile(rb"^(?:N;|b:[01];|i:-?\d+;|d:[^;]+;|s:\d+:\".*\";|[aO]:.+[};]|[CE]:.+[};])$", re.S)
_TOKEN_AFTER_STRING = re.compile(rb"(?:[sidbaOCEN]:|N;|}|$)")


class PhpSerializeError(ValueError):
    """The text is not a PHP-serialized value we can read."""


# The first character of every serialized value (``is_serialized()`` checks the same ones).
_TYPE_CHARACTERS = frozenset("NbidsaOCE")


def is_serialized(raw: str) -> bool:
    """WordPress's ``is_serialized()``: does this look like PHP serialization at all?"""
    return _serialized_bytes(raw) is not None


def _serialized_bytes(raw: str) -> bytes | None:
    """The stripped UTF-8 bytes of ``raw`` when it looks serialized, else None (most meta is plain text)."""
    if not raw or (raw[0] not in _TYPE_CHARACTERS and not raw[0].isspace()):
        return None
    data = raw.strip().encode("utf-8", "surrogatepass")
    return data if len(data) >= 4 and _SERIALIZED.match(data) else None


def loads(raw: str) -> Json:
    """Decode one serialized value; raise :class:`PhpSerializeError` when it is not one."""
    return _loads(raw.strip().encode("utf-8", "surrogatepass"))


def _loads(data: bytes) -> Json:
    try:
        value, end = _well_formed_value(data, 0, 0)
        if end == len(data):
            return value
    except _Unusual:
        pass
    # Anything out of the ordinary (repairs, objects, floats, errors) is the full parser's to judge.
    parser = _Parser(data)
    value = parser.value()
    if parser.pos != len(data):
        raise PhpSerializeError(f"trailing data at byte {parser.pos}")
    return value


def maybe_unserialize(raw: str) -> Json:
    """The decoded value when ``raw`` is serialized PHP, else ``raw`` itself (WordPress's rule)."""
    data = _serialized_bytes(raw)
    if data is None:
        return raw
    memo = _MEMO.get()
    if memo is not None and len(data) >= _MEMO_MIN_BYTES:
        # One look-up and one store, no check in between: the importer's threads share the memo, and either
        # may clear it at any moment.
        try:
            return memo[raw]
        except KeyError:
            pass
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        value = memo[raw] = _decoded(data, raw)
        return value
    return _decoded(data, raw)


def _decoded(data: bytes, raw: str) -> Json:
    try:
        return _loads(data)
    except (PhpSerializeError, RecursionError):
        return raw


# While a bulk writer decodes values more than once (an attachment's metadata for its typed details, then for
# its meta row), the larger ones are decoded once. The decoded values are then shared: callers inside
# ``decoding_once`` must not change them.
_MEMO: ContextVar[dict[str, Json] | None] = ContextVar("phpserial_memo", default=None)
_MEMO_SIZE = 2_048
# Shorter values decode faster than a look-up pays for.
_MEMO_MIN_BYTES = 256


@contextmanager
def decoding_once() -> Iterator[None]:
    """Within the block (in this thread or task, and in threads that run a copy of its context), each larger
    serialized value is decoded once."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


class _Unusual(Exception):
    """The fast path met something it leaves to the full parser."""


# The tokens of well-formed serialized arrays, strings, integers, booleans and nulls.
_WELL_FORMED = re.compile(rb's:(\d+):"|i:(-?\d+);|a:(\d+):\{|(N;)|b:(\d+);')
# Deeper nesting goes to the full parser, which decides when it is too deep (RecursionError).
_FAST_DEPTH = 64


def _well_formed_value(data: bytes, pos: int, depth: int) -> tuple[Json, int]:
    """One value and the position after it, for data that needs no repair; raises _Unusual otherwise."""
    match = _WELL_FORMED.match(data, pos)
    if match is None:
        raise _Unusual
    kind = match.lastindex
    if kind == 1:
        start = match.end()
        end = start + int(match.group(1))
        if data[end : end + 2] != b'";' or not _TOKEN_AFTER_STRING.match(data, end + 2):
            raise _Unusual
        return data[start:end].decode("utf-8", "replace"), end + 2
    if kind == 2:
        return int(match.group(2)), match.end()
    if kind == 3:
        return _well_formed_array(data, match, depth)
    if kind == 4:
        return None, match.end()
    return int(match.group(5)) != 0, match.end()


def _well_formed_array(data: bytes, match: re.Match[bytes], depth: int) -> tuple[Json, int]:
    count = int(match.group(3))
    if count > len(data) or depth >= _FAST_DEPTH:
        raise _Unusual
    pos = match.end()
    keys: list[int | str] = []
    values: list[Json] = []
    is_list = True
    for index in range(count):
        key, pos = _well_formed_value(data, pos, depth + 1)
        if not isinstance(key, int | str):
            raise _Unusual
        is_list = is_list and key == index
        keys.append(key)
        value, pos = _well_formed_value(data, pos, depth + 1)
        values.append(value)
    if data[pos : pos + 1] != b"}":
        raise _Unusual
    if is_list:
        return values, pos + 1
    return {str(key): value for key, value in zip(keys, values, strict=True)}, pos + 1


class _Parser:
    __slots__ = ("data", "pos", "repaired")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0
        self.repaired = False

    def _expect(self, token: bytes) -> None:
        if not self.data.startswith(token, self.pos):
            raise PhpSerializeError(f"expected {token.decode()!r} at byte {self.pos}")
        self.pos += len(token)

    def _until(self, stop: bytes) -> bytes:
        end = self.data.find(stop, self.pos)
        if end < 0:
            raise PhpSerializeError(f"unterminated value at byte {self.pos}")
        chunk = self.data[self.pos : end]
        self.pos = end + len(stop)
        return chunk

    def _int(self, stop: bytes) -> int:
        chunk = self._until(stop)
        try:
            return int(chunk)
        except ValueError:
            raise PhpSerializeError(f"bad integer {chunk!r} at byte {self.pos}") from None

    def value(self) -> Json:
        data, pos = self.data, self.pos
        if pos >= len(data):
            raise PhpSerializeError("unexpected end of data")
        kind = data[pos : pos + 2]
        self.pos = pos + 2
        # Strings, integers and arrays are nearly all of what WordPress stores: they are tried first.
        if kind == b"s:":
            return self._string()
        if kind == b"i:":
            return self._int(b";")
        if kind == b"a:":
            return self._members()
        if kind == b"N;":
            return None
        return self._rare_value(kind)

    def _rare_value(self, kind: bytes) -> Json:
        match kind:
            case b"b:":
                return self._int(b";") != 0
            case b"d:":
                return _php_float(self._until(b";"))
            case b"O:":
                self._string_body(self._int(b":"), is_value=False)
                self._expect(b":")
                return self._members()
            case b"E:":
                return self._string()
            case b"C:":
                self._string_body(self._int(b":"), is_value=False)
                self._expect(b":")
                length = self._int(b":")
                self._expect(b"{")
                payload = self.data[self.pos : self.pos + length].decode("utf-8", "replace")
                self.pos += length
                self._expect(b"}")
                return payload
            case b"r:" | b"R:":
                self._int(b";")
                return None
        raise PhpSerializeError(f"unknown type {kind!r} at byte {self.pos - 2}")

    def _string(self) -> str:
        data = self.data
        colon = data.find(b":", self.pos)
        if colon >= 0 and data[colon + 1 : colon + 2] == b'"':
            try:
                length = int(data[self.pos : colon])
            except ValueError:
                length = -1
            start = colon + 2
            end = start + length
            # The common case: the declared length lands on `";` followed by what may follow a string.
            if length >= 0 and data[end : end + 2] == b'";' and _TOKEN_AFTER_STRING.match(data, end + 2):
                self.pos = end + 2
                return data[start:end].decode("utf-8", "replace")
        length = self._int(b":")
        text = self._string_body(length)
        self._expect(b";")
        return text

    def _string_body(self, length: int, *, is_value: bool = True) -> str:
        self._expect(b'"')
        start = self.pos
        end = start + length
        if self.data[end : end + 1] != b'"':
            end = self._repaired_end(start, is_value)
        elif is_value and not (self.data[end + 1 : end + 2] == b";" and _TOKEN_AFTER_STRING.match(self.data, end + 2)):
            end = self._repaired_end(start, is_value)
        self.pos = end + 1
        return self.data[start:end].decode("utf-8", "replace")

    def _repaired_end(self, start: int, is_value: bool) -> int:
        """The closing quote a broken length should have pointed at: the first ``";`` followed
        by something that can follow a string (a key, a value or the end of the array)."""
        search = start
        while True:
            end = self.data.find(b'";' if is_value else b'":', search)
            if end < 0:
                raise PhpSerializeError(f"string at byte {start} has no end")
            if not is_value or _TOKEN_AFTER_STRING.match(self.data, end + 2):
                self.repaired = True
                return end
            search = end + 1

    def _members(self) -> Json:
        count = self._int(b":")
        if count < 0 or count > len(self.data):
            raise PhpSerializeError(f"bad element count {count}")
        self._expect(b"{")
        keys: list[int | str] = []
        values: list[Json] = []
        is_list = True
        for index in range(count):
            key = self.value()
            if not isinstance(key, int | str):
                raise PhpSerializeError(f"bad array key at byte {self.pos}")
            is_list = is_list and key == index
            keys.append(key)
            values.append(self.value())
        self._expect(b"}")
        if is_list:
            return values
        return {str(key): value for key, value in zip(keys, values, strict=True)}


def _php_float(chunk: bytes) -> float | None:
    text = chunk.decode("ascii", "replace")
    if text in ("INF", "-INF", "NAN"):
        return None
    try:
        number = float(text)
    except ValueError:
        raise PhpSerializeError(f"bad float {text!r}") from None
    return None if math.isinf(number) or math.isnan(number) else number


def dumps(value: Json) -> str:
    """PHP ``serialize()`` of a JSON-compatible value (used when exporting typed data again)."""
    return _dump(value)


def _dump(value: Json) -> str:
    if value is None:
        return "N;"
    if isinstance(value, bool):
        return f"b:{int(value)};"
    if isinstance(value, int):
        return f"i:{value};"
    if isinstance(value, float):
        return f"d:{value!r};"
    if isinstance(value, str):
        return f's:{len(value.encode("utf-8"))}:"{value}";'
    if isinstance(value, list):
        value = dict(enumerate(value))
    if isinstance(value, dict):
        body = "".join(_dump_key(key) + _dump(item) for key, item in value.items())
        return f"a:{len(value)}:{{{body}}}"
    raise TypeError(f"cannot serialize {type(value).__name__}")


def _dump_key(key: int | str) -> str:
    if isinstance(key, int) or (isinstance(key, str) and key.lstrip("-").isdigit() and key == str(int(key))):
        return f"i:{int(key)};"
    return _dump(key)
