"""Writing a batch in a thread of its own while the importer maps the next one.

A batch's statements spend most of their time inside the database driver, which releases the GIL: SQLite
inserting, indexing and committing, PostgreSQL answering. Meanwhile the importer's own thread maps the next
batch's items, which is Python. One batch at a time is in flight; whoever else needs the session (creating a
term or user an item names, reading ACF definitions a batch decodes with, finishing the import) waits for it
first with :meth:`WriteBehind.wait`, so the session is only ever used by one thread at a time.

The bulk statements on SQLite are one statement per batch and table (see ``app.core.rows``): sqlite3's
executemany gives up the GIL for each row, and each row would then wait for the mapping thread to give it
back.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor


class WriteBehind:
    """Runs one job at a time in a writer thread; a job's exception is raised by the next call that waits."""

    def __init__(self, *, is_threaded: bool = True) -> None:
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="wxr-writer") if is_threaded else None
        self._pending: Future[None] | None = None

    def submit(self, job: Callable[[], None]) -> None:
        """Run ``job`` once the one before has finished; return without waiting for it."""
        self.wait()
        if self._executor is None:
            job()
            return
        # The job sees what the caller's context holds (the decoding memo of app.core.phpserial).
        self._pending = self._executor.submit(contextvars.copy_context().run, job)

    def wait(self) -> None:
        """Wait for the job in flight, if any; its exception is raised here."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def close(self) -> None:
        """Wait for the job in flight whatever became of it (the caller is failing or done), and stop the thread."""
        try:
            self.wait()
        except Exception:  # noqa: S110 - the caller's own error (or its rollback) is what gets reported
            pass
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True)
