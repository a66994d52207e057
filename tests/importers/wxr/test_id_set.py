"""IdSet: the importer's record of IDs seen, as bits."""

from __future__ import annotations

from importers.wxr.id_set import IdSet


def test_holds_what_was_added_and_nothing_else_whatever_the_size_or_sign() -> None:
    ids = IdSet()
    added = [0, 1, 7, 8, 1000, 123_456, 2**28 - 1, 2**28, 2**40, -1, -(2**40)]
    for number in added:
        ids.add(number)
    assert all(number in ids for number in added)
    assert not any(number in ids for number in [2, 6, 9, 999, 1001, 123_457, 2**28 + 1, -2, 2**41])
    assert "1" not in ids
