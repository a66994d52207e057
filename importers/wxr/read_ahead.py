"""Reading a file in a thread of its own while the importer writes what was read before.

The writer spends much of its time inside SQLite (indexing, inserting, committing), which releases
the GIL; the reader's parsing and record building run meanwhile. A bounded queue of small chunks
keeps memory flat: the reader is never more than ``depth`` chunks ahead.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterator
from typing import TypeVar

T = TypeVar("T")

_CHUNK = 64
_DEPTH = 16
# How often a blocked reader looks whether the consumer went away.
_POLL_SECONDS = 0.1


class _End:
    """The reader's last message: finished, or the exception it stopped with."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


def read_ahead(records: Iterator[T], *, chunk: int = _CHUNK, depth: int = _DEPTH) -> Generator[T, None, None]:
    """``records`` in order, produced by a thread up to ``depth`` chunks ahead; its errors raise here."""
    channel: queue.Queue[list[T] | _End] = queue.Queue(maxsize=depth)
    stopped = threading.Event()
    reader = threading.Thread(target=_produce, args=(records, channel, stopped, chunk), name="wxr-reader", daemon=True)
    reader.start()
    try:
        while True:
            message = channel.get()
            if isinstance(message, _End):
                if message.error is not None:
                    raise message.error
                return
            yield from message
    finally:
        # The consumer stopped early (an error while writing): let the reader give up, and wait for it.
        stopped.set()
        reader.join()


def _produce(records: Iterator[T], channel: queue.Queue[list[T] | _End], stopped: threading.Event, chunk: int) -> None:
    try:
        _read(records, channel, stopped, chunk)
    finally:
        close = getattr(records, "close", None)
        if close is not None:
            close()  # a generator left early closes its file here, not whenever it is collected


def _read(records: Iterator[T], channel: queue.Queue[list[T] | _End], stopped: threading.Event, chunk: int) -> None:
    batch: list[T] = []
    try:
        for record in records:
            batch.append(record)
            if len(batch) >= chunk:
                if not _put(channel, batch, stopped):
                    return
                batch = []
    except BaseException as exc:  # handed to the consumer, which raises it in its own thread
        if _put(channel, batch, stopped):
            _put(channel, _End(exc), stopped)
        return
    if _put(channel, batch, stopped):
        _put(channel, _End(), stopped)


def _put(channel: queue.Queue[list[T] | _End], message: list[T] | _End, stopped: threading.Event) -> bool:
    """Hand over a message; False when the consumer has gone away."""
    while not stopped.is_set():
        try:
            channel.put(message, timeout=_POLL_SECONDS)
        except queue.Full:
            continue
        return True
    return False
