"""The reader thread hands over every record in order, raises the reader's errors here, and stops with the consumer."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from importers.wxr.read_ahead import read_ahead


def test_records_arrive_in_order_across_chunks() -> None:
    assert list(read_ahead(iter(range(1000)), chunk=7, depth=2)) == list(range(1000))


def test_a_reader_error_is_raised_after_the_records_before_it() -> None:
    def failing() -> Iterator[int]:
        yield from range(10)
        raise ValueError("bad record 10")

    seen: list[int] = []
    with pytest.raises(ValueError, match="bad record 10"):
        seen.extend(read_ahead(failing(), chunk=3, depth=1))
    assert seen == list(range(10))


def test_a_consumer_that_stops_early_stops_and_closes_the_reader() -> None:
    closed = threading.Event()

    def endless() -> Iterator[int]:
        try:
            number = 0
            while True:
                yield number
                number += 1
        finally:
            closed.set()

    records = read_ahead(endless(), chunk=4, depth=2)
    assert [next(records) for _ in range(5)] == [0, 1, 2, 3, 4]
    records.close()
    assert closed.is_set()
    assert not any(thread.name == "wxr-reader" for thread in threading.enumerate())
