"""Rendering a bulk write batch by batch, in worker processes, while the writer goes on with the next batch.

Each committed batch is rendered straight away from what the database holds then. A rendering that read
a reusable block, an attachment, a post's attached media or an oEmbed cache is stale once that is written
later; the stream notes what each rendering asked for (by ID, never by content) and, when it is written,
clears the stale renderings in the writer's transaction (so a killed run leaves them for the next run to
render, as it leaves entries it never rendered) and re-renders them at the end.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.content.render_batch import RenderedChunk, chunks, store_rendered
from app.content.render_context import ENTRIES, DependencyKey
from app.content.render_pool import RenderPool


class RenderStream:
    """Batches handed to the workers, the renderings they returned, and which of those a later write made stale."""

    def __init__(self, pool: RenderPool) -> None:
        self.pool = pool
        self.batches = 0
        self.in_flight: deque[tuple[int, Future[RenderedChunk]]] = deque()
        # Keys written in each batch that a chunk still in flight may have been rendered without.
        self.fired: deque[tuple[int, set[DependencyKey]]] = deque()
        self.current: set[DependencyKey] = set()
        # Key -> the entries whose rendering read it (machine integers: one per rendered entry and key read).
        self.watch: dict[DependencyKey, array[int]] = {}
        self.stale: set[int] = set()
        self.rendered = 0

    def written(self, session: Session, keys: set[DependencyKey]) -> None:
        """Keys written in the current batch: the renderings that read them are now stale."""
        self.current |= keys
        stale = {entry_id for key in keys for entry_id in self.watch.pop(key, ())}
        self._mark_stale(session, stale)

    def hand_over(self, session: Session, ids: Iterable[int]) -> None:
        """The batch is committed: render its entries in the workers; write what they have finished."""
        self.batches += 1
        self.fired.append((self.batches, self.current))
        self.current = set()
        for chunk in chunks(ids):
            self.in_flight.append((self.batches, self.pool.submit(chunk)))
            self._collect(session, limit=self.pool.capacity)
        self._collect(session, limit=self.pool.capacity)

    def drain(self, session: Session) -> set[int]:
        """Wait for every chunk in flight and write it; the entries a later write made stale."""
        self._collect(session, limit=0)
        return self.stale

    def watched(self) -> set[int]:
        """Entries rendered by the stream that are still fresh or stale (whatever they read)."""
        return {entry_id for entry_ids in self.watch.values() for entry_id in entry_ids} | self.stale

    def _collect(self, session: Session, *, limit: int) -> None:
        while self.in_flight and (len(self.in_flight) > limit or self.in_flight[0][1].done()):
            batch, future = self.in_flight.popleft()
            self._store(session, batch, future.result())
        oldest = self.in_flight[0][0] if self.in_flight else self.batches
        while self.fired and self.fired[0][0] <= oldest:
            self.fired.popleft()

    def _store(self, session: Session, batch: int, chunk: RenderedChunk) -> None:
        later = self.current.union(*(keys for number, keys in self.fired if number > batch))
        # Written again since: its own later batch renders it.
        rows = [row for row in chunk.rows if row["b_id"] not in later]
        stale: set[int] = set()
        for entry_id, asked in chunk.asked:
            if entry_id in later:
                continue
            if later.intersection(asked):
                stale.add(entry_id)
                continue
            for key in asked:
                self.watch.setdefault(key, array("q")).append(entry_id)
        store_rendered(session, [row for row in rows if row["b_id"] not in stale])
        self.rendered += len(rows) - len(stale)
        self._mark_stale(session, stale)

    def _mark_stale(self, session: Session, entry_ids: set[int]) -> None:
        self.stale |= entry_ids
        cleared = {"title_rendered": "", "content_rendered": "", "excerpt_rendered": ""}
        for chunk in chunks(entry_ids):
            session.connection().execute(update(ENTRIES).where(ENTRIES.c.id.in_(chunk)).values(cleared))
