"""Rendering many entries in worker processes: they read and render, this process writes.

Rendering is CPU-bound Python, so a large import renders in processes; each worker has its own engine
on the same (committed) database and returns rendered rows, which the calling session writes in order.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.content.render_batch import chunks, render_chunk, store_rendered
from app.core.db import make_engine

_worker: dict[str, Any] = {}


def _start_worker(database_url: str, site_url: str) -> None:
    _worker["engine"] = make_engine(database_url)
    _worker["site_url"] = site_url


def _render_ids(ids: list[int]) -> list[dict[str, Any]]:
    engine: Engine = _worker["engine"]
    with Session(engine) as session:
        return render_chunk(session, ids, _worker["site_url"])


def render_in_pool(session: Session, ids: Iterable[int], *, workers: int, site_url: str) -> int:
    """Render the entries in ``workers`` processes and write the results through ``session``."""
    database_url = session.get_bind().engine.url.render_as_string(hide_password=False)
    # spawn, not fork: the parent holds open connections and threads a forked child must not inherit.
    context = multiprocessing.get_context("spawn")
    count = 0
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(database_url, site_url)
    ) as pool:
        for rows in pool.map(_render_ids, chunks(ids)):
            store_rendered(session, rows)
            count += len(rows)
    return count
