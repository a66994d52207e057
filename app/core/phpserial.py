"""A safe decoder for PHP ``serialize()`` output, producing JSON-compatible values only.

WordPress stores arrays in meta as PHP-serialized strings. We decode them to plain
lists/dicts (objects become dicts, never instances) and repair ``s:N:`` byte lengths that
line-ending conversion broke, which the WordPress Importer silently drops instead.
"""

from __future__ import annotations

import math
import re
from typing import Any

Json = Any

_SERIALIZED = re.compile(rb"^(?:N;|b:[01];|i:-?\d+;|d:[^;]+;|s:\d+:\".*\";|[aO]:.+[};]|[CE]:.+[};])$", re.S)
_TOKEN_AFTER_STRING = re.compile(rb"(?:[sidbaOCEN]:|N;|}|$)")


class PhpSerializeError(ValueError):
    """The text is not a PHP-serialized value we can read."""


def is_serialized(raw: str) -> bool:
    """WordPress's ``is_serialized()``: does this look like PHP serialization at all?"""
    data = raw.strip().encode("utf-8", "surrogatepass")
    return len(data) >= 4 and bool(_SERIALIZED.match(data))


def loads(raw: str) -> Json:
    """Decode one serialized value; raise :class:`PhpSerializeError` when it is not one."""
    data = raw.strip().encode("utf-8", "surrogatepass")
    parser = _Parser(data)
    value = parser.value()
    if parser.pos != len(data):
        raise PhpSerializeError(f"trailing data at byte {parser.pos}")
    return value


def maybe_unserialize(raw: str) -> Json:
    """The decoded value when ``raw`` is serialized PHP, else ``raw`` itself (WordPress's rule)."""
    if not is_serialized(raw):
        return raw
    try:
        return loads(raw)
    except (PhpSerializeError, RecursionError):
        return raw


class _Parser:
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
        if self.pos + 1 >= len(self.data) + 1:
            raise PhpSerializeError("unexpected end of data")
        kind = self.data[self.pos : self.pos + 2]
        if kind == b"N;":
            self.pos += 2
            return None
        self.pos += 2
        match kind:
            case b"b:":
                return self._int(b";") != 0
            case b"i:":
                return self._int(b";")
            case b"d:":
                return _php_float(self._until(b";"))
            case b"s:":
                return self._string()
            case b"a:":
                return self._array()
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

    def _array(self) -> Json:
        return self._members()

    def _members(self) -> Json:
        count = self._int(b":")
        if count < 0 or count > len(self.data):
            raise PhpSerializeError(f"bad element count {count}")
        self._expect(b"{")
        items: list[tuple[int | str, Json]] = []
        for _ in range(count):
            key = self.value()
            if not isinstance(key, int | str):
                raise PhpSerializeError(f"bad array key at byte {self.pos}")
            items.append((key, self.value()))
        self._expect(b"}")
        if all(key == index for index, (key, _) in enumerate(items)):
            return [value for _, value in items]
        return {str(key): value for key, value in items}


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
