"""The one error a WXR file can raise while being read."""

from __future__ import annotations

from pathlib import Path


class WxrError(Exception):
    """A WXR file could not be read; says where (path, line, column) and in which record."""

    def __init__(self, message: str, path: Path | str, line: int, column: int, item: str | None = None) -> None:
        super().__init__(message, path, line, column, item)
        self.message = message
        self.path = str(path)
        self.line = line
        self.column = column
        self.item = item

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{where} (in {self.item})" if self.item else where


class InvalidFieldError(ValueError):
    """A field's text cannot be read as its type; the reader adds the path and record."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
