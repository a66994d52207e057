"""Rendered title, content and excerpt: computed when entries are written, kept fresh when what they show changes.

``save_entries`` calls :func:`entries_saved`; it renders the written entries in the same transaction,
and re-renders every entry that shows a written reusable block or attachment. A bulk writer (the WXR
importer) calls :func:`defer_rendering` first, :func:`render_committed` after each commit and
:func:`render_pending` at the end instead: each batch renders in worker processes while the next one is
written, and what a later item made stale renders again at the end, so every entry ends up rendered as if
after everything it refers to had arrived, whatever the order of the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.content.render_batch import UNRENDERED_TYPES, chunks, render_chunk, store_rendered
from app.content.render_context import (
    COMMENTS_KEY,
    ENTRIES,
    OEMBED_KEY,
    POSTS_KEY,
    SITE_KEYS,
    DependencyKey,
    parent_key,
)
from app.content.render_dependents import dependents, gallery_dependents
from app.content.render_pool import RenderPool, render_in_pool, render_with
from app.content.render_stream import RenderStream
from app.core.settings import get_settings

_PENDING = "vellum.rendering.pending"
# Below this many entries, starting worker processes costs more than it saves.
POOL_THRESHOLD = 2_000


@dataclass
class PendingRender:
    """Entries written while rendering is deferred and not yet rendered, and the blocks and attachments written."""

    entry_ids: set[int] = field(default_factory=set)
    block_ids: set[int] = field(default_factory=set)
    attachment_ids: set[int] = field(default_factory=set)
    # Entries that were there before may show what is written; with none, nothing but the written renders.
    had_entries: bool = True
    workers: int = 0
    pool_threshold: int = POOL_THRESHOLD
    stream: RenderStream | None = None

    def add(self, saved: Iterable[tuple[int, str]]) -> None:
        for entry_id, post_type in saved:
            self.entry_ids.add(entry_id)
            if not self.had_entries:
                continue  # only entries from before need the written blocks and attachments to find what shows them
            if post_type == "wp_block":
                self.block_ids.add(entry_id)
            elif post_type == "attachment":
                self.attachment_ids.add(entry_id)


def render_entries(session: Session, ids: Iterable[int]) -> int:
    """Render the entries now, in the session's transaction; returns how many were rendered."""
    site_url = get_settings().site_url
    count = 0
    for chunk in chunks(ids):
        rows = render_chunk(session, chunk, site_url).rows
        store_rendered(session, rows)
        count += len(rows)
    return count


def _written_keys(session: Session, saved: Sequence[tuple[int, str]]) -> set[DependencyKey]:
    # What renderings may have read of these entries: the entry itself, its post's attached media, oEmbeds.
    keys: set[DependencyKey] = {entry_id for entry_id, _ in saved}
    attachments = [entry_id for entry_id, post_type in saved if post_type == "attachment"]
    for chunk in chunks(attachments):
        query = select(ENTRIES.c.parent_id).where(ENTRIES.c.id.in_(chunk), ENTRIES.c.parent_id != 0)
        keys |= {parent_key(int(parent)) for parent in session.scalars(query)}
    if any(post_type == "oembed_cache" for _, post_type in saved):
        keys.add(OEMBED_KEY)
    return keys


def entries_saved(session: Session, saved: Sequence[tuple[int, str]]) -> None:
    """The hook ``save_entries`` calls: render what was written and what shows it (or note it, if deferred)."""
    deferred: PendingRender | None = session.info.get(_PENDING)
    if deferred is not None:
        deferred.add(saved)
        if deferred.stream is not None:
            deferred.stream.written(session, _written_keys(session, saved))
        return
    pending = PendingRender()
    pending.add(saved)
    site = _site_keys_written(post_type for _, post_type in saved)
    targets = pending.entry_ids | dependents(session, pending.block_ids, pending.attachment_ids, site)
    # A written post may have moved (slug, date, status) the attachment pages its images' galleries link to.
    moved = _attachments_of(session, [entry_id for entry_id, post_type in saved if post_type != "attachment"])
    render_entries(session, targets | gallery_dependents(session, moved - pending.attachment_ids))


def _attachments_of(session: Session, parent_ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for chunk in chunks(parent_ids):
        query = select(ENTRIES.c.id).where(ENTRIES.c.parent_id.in_(chunk), ENTRIES.c.type == "attachment")
        found |= {int(entry_id) for entry_id in session.scalars(query)}
    return found


def _site_keys_written(post_types: Iterable[str]) -> set[str]:
    # A post's write may change what lists posts; any entry's may change a title or link a comment list shows.
    types = set(post_types)
    return ({POSTS_KEY} if "post" in types else set()) | ({COMMENTS_KEY} if types - UNRENDERED_TYPES else set())


def entry_removed(session: Session, entry_id: int, post_type: str) -> None:
    """After a delete: entries that showed a removed reusable block, attachment or post render without it."""
    blocks = {entry_id} if post_type == "wp_block" else set()
    attachments = {entry_id} if post_type == "attachment" else set()
    render_entries(session, dependents(session, blocks, attachments, _site_keys_written([post_type])))


def site_data_changed(session: Session, keys: Iterable[str]) -> None:
    """Comments, terms or options were written: entries whose listing blocks show them render again.

    A bulk write (rendering deferred) leaves it to :func:`render_pending`, which renders every such entry.
    """
    if _PENDING not in session.info:
        render_entries(session, dependents(session, set(), set(), keys))


def defer_rendering(session: Session, *, workers: int = 0, pool_threshold: int = POOL_THRESHOLD) -> None:
    """From now on, entries saved through this session are rendered by :func:`render_pending`.

    With ``workers`` > 0, once ``pool_threshold`` entries are waiting, each :func:`render_committed` hands the
    committed entries to that many worker processes instead.
    """
    if _PENDING not in session.info:
        had_entries = session.execute(select(ENTRIES.c.id).limit(1)).first() is not None
        session.info[_PENDING] = PendingRender(had_entries=had_entries, workers=workers, pool_threshold=pool_threshold)


def render_committed(session: Session) -> None:
    """The caller committed what it saved: render it in the workers (started once enough is waiting)."""
    pending: PendingRender | None = session.info.get(_PENDING)
    if pending is None or pending.workers <= 0:
        return
    if pending.stream is None:
        if len(pending.entry_ids) < pending.pool_threshold:
            return
        pool = RenderPool(session, workers=pending.workers, site_url=get_settings().site_url)
        pending.stream = RenderStream(pool)
    ids, pending.entry_ids = pending.entry_ids, set()
    pending.stream.hand_over(session, ids)


def abandon_rendering(session: Session) -> None:
    """The bulk write failed: stop deferring, and stop the workers without waiting for what they render."""
    pending: PendingRender | None = session.info.pop(_PENDING, None)
    if pending is not None and pending.stream is not None:
        pending.stream.pool.close(cancel=True)


def _never_rendered(session: Session) -> set[int]:
    # Entries a failed earlier run wrote but did not get to render (a re-run skips unchanged items).
    missing_title = (ENTRIES.c.title != "") & (ENTRIES.c.title_rendered == "")
    missing_content = (ENTRIES.c.content != "") & (ENTRIES.c.content_rendered == "")
    query = select(ENTRIES.c.id).where(ENTRIES.c.type.not_in(UNRENDERED_TYPES), or_(missing_title, missing_content))
    return {int(entry_id) for entry_id in session.scalars(query)}


def _finish_stream(session: Session, pending: PendingRender, stream: RenderStream) -> int:
    stream.hand_over(session, pending.entry_ids)
    targets = set(stream.drain(session))
    if pending.had_entries:
        # Entries from before this run that were not written again may show what it wrote.
        targets |= dependents(session, pending.block_ids, pending.attachment_ids) - stream.watched()
    # Listing blocks rendered before the last post, comment or term arrived: once more, on the whole site.
    targets |= dependents(session, set(), set(), SITE_KEYS)
    targets |= _never_rendered(session)
    try:
        return stream.rendered + render_with(stream.pool, session, targets)
    finally:
        stream.pool.close()


def render_pending(session: Session, *, workers: int = 0, pool_threshold: int = POOL_THRESHOLD) -> int:
    """Render what was saved since :func:`defer_rendering`, with what shows it; rendering is no longer deferred.

    With ``workers`` > 0 and at least ``pool_threshold`` entries, rendering runs in that many processes that read the
    committed database, so the caller must have committed what was saved. Returns how many entries were rendered.
    """
    pending: PendingRender = session.info.pop(_PENDING, None) or PendingRender()
    if pending.stream is not None:
        return _finish_stream(session, pending, pending.stream)
    targets = set(pending.entry_ids)
    if pending.had_entries:
        targets |= dependents(session, pending.block_ids, pending.attachment_ids, SITE_KEYS)
    targets |= _never_rendered(session)
    if workers > 0 and len(targets) >= pool_threshold:
        return render_in_pool(session, targets, workers=workers, site_url=get_settings().site_url)
    return render_entries(session, targets)
