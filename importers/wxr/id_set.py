"""A set of WordPress IDs that costs a bit per ID, not a Python object per ID.

An import remembers every item and comment ID it has seen (to tell a repeated ID from a new one); as Python
sets those grew by about 60 bytes an ID, which at 400,000 items was most of the importer's memory. IDs are
small positive integers, so a bitmap holds them; the rare larger or negative ones go to a set.
"""

from __future__ import annotations

# IDs below this are bits (at most 32 MiB of bitmap); WordPress's auto-increment IDs stay far below it.
_BITMAP_LIMIT = 1 << 28


class IdSet:
    """``add`` and ``in`` for integers, as a bitmap that grows with the largest ID held."""

    __slots__ = ("_bits", "_others")

    def __init__(self) -> None:
        self._bits = bytearray()
        self._others: set[int] = set()

    def add(self, number: int) -> None:
        if not 0 <= number < _BITMAP_LIMIT:
            self._others.add(number)
            return
        index = number >> 3
        if index >= len(self._bits):
            self._bits.extend(bytes(max(index + 1 - len(self._bits), len(self._bits))))
        self._bits[index] |= 1 << (number & 7)

    def __contains__(self, number: object) -> bool:
        if not isinstance(number, int):
            return False
        if not 0 <= number < _BITMAP_LIMIT:
            return number in self._others
        index = number >> 3
        return index < len(self._bits) and bool(self._bits[index] & (1 << (number & 7)))
