"""Integers as WordPress's PHP sees them: 64-bit, saturating at the bounds when text names a bigger one."""

from __future__ import annotations

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)


def clamp_int64(number: int) -> int:
    """``number`` within a signed 64-bit integer's range, as PHP's ``(int)`` casts numeric text.

    The databases' integers have the same bounds, so an ID or offset from a URL can always be queried.
    """
    return max(INT64_MIN, min(INT64_MAX, number))
