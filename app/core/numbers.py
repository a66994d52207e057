"""Integers as WordPress's PHP sees them: 64-bit, saturating at the bounds when text names a bigger one."""

from __future__ import annotations

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)


def clamp_int64(number: int) -> int:
    """``number`` within a signed 64-bit integer's range, as PHP's ``(int)`` casts numeric text.

    The databases' integers have the same bounds, so an ID or offset from a URL can always be queried.
    """
    return max(INT64_MIN, min(INT64_MAX, number))


def page_offset(page: int, per_page: int, offset: int | None = None) -> int:
    """Where a page of a list starts: a given ``offset`` wins, as its ``absint()`` (WordPress's query classes),
    else page ``page`` of ``per_page`` items; bounded as the databases' integers are."""
    if offset:
        return clamp_int64(abs(offset))
    return clamp_int64(max(page - 1, 0) * per_page)
