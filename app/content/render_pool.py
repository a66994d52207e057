"""Rendering many entries in worker processes: they read and render, this process writes.

Rendering is CPU-bound Python, so a large import renders in processes; each worker has its own engine
on the same (committed) database and returns rendered rows, which the calling session writes in order.
Only a few chunks are in flight at a time, so rendered rows never pile up in memory.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.content.render_batch import RenderedChunk, chunks, render_chunk, store_rendered
from app.core.db import make_engine

_worker: dict[str, Any] = {}
# Chunks queued per worker: enough to keep every worker busy while results are written, no more.
CHUNKS_PER_WORKER = 2
# Workers yield the CPU to the process that feeds them: it reads and writes everything, one batch after another,
# so every moment it waits for a core the whole import waits, while the workers only have to keep up with it
# (and have the cores to themselves once it is done).
WORKER_NICENESS = 10


def _start_worker(database_url: str, site_url: str) -> None:
    os.nice(WORKER_NICENESS)
    _worker["engine"] = make_engine(database_url)
    _worker["site_url"] = site_url


def _render_ids(ids: list[int]) -> RenderedChunk:
    engine: Engine = _worker["engine"]
    with Session(engine) as session:
        return render_chunk(session, ids, _worker["site_url"])


class RenderPool:
    """Worker processes rendering chunks of committed entries of the session's database."""

    def __init__(self, session: Session, *, workers: int, site_url: str) -> None:
        database_url = session.get_bind().engine.url.render_as_string(hide_password=False)
        # spawn, not fork: the parent holds open connections and threads a forked child must not inherit.
        context = multiprocessing.get_context("spawn")
        self.workers = workers
        self.executor = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(database_url, site_url)
        )

    @property
    def capacity(self) -> int:
        """How many chunks may be in flight at once."""
        return self.workers * CHUNKS_PER_WORKER

    def submit(self, ids: list[int]) -> Future[RenderedChunk]:
        """Render one chunk in a worker; it reads what was committed when it starts."""
        return self.executor.submit(_render_ids, ids)

    def close(self, *, cancel: bool = False) -> None:
        """Stop the workers (dropping queued chunks when ``cancel``)."""
        self.executor.shutdown(wait=True, cancel_futures=cancel)


def render_with(pool: RenderPool, session: Session, ids: Iterable[int]) -> int:
    """Render the entries in the pool's workers and write the results through ``session``, in order."""
    in_flight: deque[Future[RenderedChunk]] = deque()
    count = 0
    for chunk in chunks(ids):
        in_flight.append(pool.submit(chunk))
        while len(in_flight) > pool.capacity or (in_flight and in_flight[0].done()):
            count += _store(session, in_flight.popleft())
    while in_flight:
        count += _store(session, in_flight.popleft())
    return count


def _store(session: Session, future: Future[RenderedChunk]) -> int:
    rows = future.result().rows
    store_rendered(session, rows)
    return len(rows)


def render_in_pool(session: Session, ids: Iterable[int], *, workers: int, site_url: str) -> int:
    """Render the entries in ``workers`` processes and write the results through ``session``."""
    pool = RenderPool(session, workers=workers, site_url=site_url)
    try:
        return render_with(pool, session, ids)
    finally:
        pool.close(cancel=True)
