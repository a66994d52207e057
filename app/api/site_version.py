"""What every API answer depends on, read once per request: the content version and the site configuration.

On SQLite the read is a few microseconds and runs inline. On PostgreSQL it is a network round trip, so it
runs in a thread of its own, off the event loop, and concurrent requests share reads: a request waits for
a read that begins after it arrived (never an earlier one, which could miss a write committed just before
the request), so under load one round trip answers every request that came in while the last one ran.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy.engine import Engine

from app.content.registry_config.registry import site_config_path
from app.core.content_version import VersionProbe


class SiteVersion:
    """The database's content version and the stamp of ``VELLUM_SITE_CONFIG`` (re-read when its file changes)."""

    def __init__(self, engine: Engine) -> None:
        self._content = VersionProbe(engine)
        self._shared = None if engine.dialect.name == "sqlite" else SharedReads(self.read_now)

    async def read(self) -> Hashable | None:
        """The current version, or None when the database cannot tell."""
        if self._shared is None:
            return self.read_now()
        return await self._shared.read()

    def read_now(self) -> Hashable | None:
        """The current version, read in the calling thread."""
        content = self._content.read()
        if content is None:
            return None
        try:
            stamp: int | None = site_config_path().stat().st_mtime_ns
        except OSError:
            stamp = None
        return (content, stamp)

    def close(self) -> None:
        if self._shared is not None:
            self._shared.close()
        self._content.close()


class SharedReads:
    """Runs ``read`` in one thread of its own; callers arriving while it runs share the next run."""

    def __init__(self, read: Callable[[], Hashable | None]) -> None:
        self._read = read
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vellum-site-version")
        self._running: asyncio.Future[Hashable | None] | None = None
        self._queued: asyncio.Future[Hashable | None] | None = None
        self.runs = 0

    async def read(self) -> Hashable | None:
        """A value read after this call began."""
        if self._running is None:
            self._running = self._start(asyncio.get_running_loop())
            return await asyncio.shield(self._running)
        if self._queued is None:
            self._queued = asyncio.get_running_loop().create_future()
        return await asyncio.shield(self._queued)

    def close(self) -> None:
        self._executor.shutdown(wait=True)

    def _start(self, loop: asyncio.AbstractEventLoop) -> asyncio.Future[Hashable | None]:
        self.runs += 1
        running = loop.run_in_executor(self._executor, self._read)
        running.add_done_callback(self._finished)
        return running

    def _finished(self, done: asyncio.Future[Hashable | None]) -> None:
        queued, self._queued, self._running = self._queued, None, None
        if queued is None:
            return
        self._running = self._start(done.get_loop())
        self._running.add_done_callback(lambda run: _settle(queued, run))


def _settle(target: asyncio.Future[Hashable | None], run: asyncio.Future[Hashable | None]) -> None:
    if target.done():
        return
    if run.cancelled():
        target.cancel()
    elif run.exception() is not None:
        target.set_exception(run.exception())  # type: ignore[arg-type]
    else:
        target.set_result(run.result())
