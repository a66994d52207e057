"""Rendered title, content and excerpt: computed when entries are written, kept fresh when what they show changes.

``save_entries`` calls :func:`entries_saved`; it renders the written entries in the same transaction,
and re-renders every entry that shows a written reusable block or attachment. A bulk writer (the WXR
importer) calls :func:`defer_rendering` first and :func:`render_pending` at the end instead, so each
entry is rendered once, after everything it refers to has arrived, whatever the order of the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.content.render_batch import UNRENDERED_TYPES, chunks, render_chunk, store_rendered
from app.content.render_context import ENTRIES, EntryText
from app.content.render_pool import render_in_pool
from app.content.render_refs import attachment_refs, block_refs, media_parents
from app.core.settings import get_settings

_PENDING = "vellum.rendering.pending"
# Below this many entries, starting worker processes costs more than it saves.
POOL_THRESHOLD = 2_000
# Content that may show a reusable block or an attachment; the exact test is made on the text.
_DEPENDENT_MARKERS = ("wp:block", "wp-image-", "[gallery", "[playlist", "[audio", "[video")


@dataclass
class PendingRender:
    """Entries written while rendering is deferred, and the blocks and attachments among them."""

    entry_ids: set[int] = field(default_factory=set)
    block_ids: set[int] = field(default_factory=set)
    attachment_ids: set[int] = field(default_factory=set)

    def add(self, saved: Iterable[tuple[int, str]]) -> None:
        for entry_id, post_type in saved:
            self.entry_ids.add(entry_id)
            if post_type == "wp_block":
                self.block_ids.add(entry_id)
            elif post_type == "attachment":
                self.attachment_ids.add(entry_id)


def render_entries(session: Session, ids: Iterable[int]) -> int:
    """Render the entries now, in the session's transaction; returns how many were rendered."""
    site_url = get_settings().site_url
    count = 0
    for chunk in chunks(ids):
        rows = render_chunk(session, chunk, site_url)
        store_rendered(session, rows)
        count += len(rows)
    return count


def _candidates(session: Session) -> list[EntryText]:
    columns = (ENTRIES.c.id, ENTRIES.c.type, ENTRIES.c.title, ENTRIES.c.content, ENTRIES.c.excerpt)
    markers = [ENTRIES.c[name].contains(marker) for marker in _DEPENDENT_MARKERS for name in ("content", "excerpt")]
    query = select(*columns).where(ENTRIES.c.type.not_in(UNRENDERED_TYPES), or_(*markers))
    return [EntryText(int(r.id), r.type, "", r.content, r.excerpt) for r in session.execute(query)]


def _attachment_parents(session: Session, attachment_ids: set[int]) -> set[int]:
    parents: set[int] = set()
    for chunk in chunks(attachment_ids):
        query = select(ENTRIES.c.parent_id).where(ENTRIES.c.id.in_(chunk), ENTRIES.c.parent_id != 0)
        parents |= {int(parent) for parent in session.scalars(query)}
    return parents


def dependents(session: Session, block_ids: set[int], attachment_ids: set[int]) -> set[int]:
    """Entries that show one of the blocks or attachments, directly or through reusable blocks."""
    if not block_ids and not attachment_ids:
        return set()
    parents = _attachment_parents(session, attachment_ids)
    refs = {}
    for entry in _candidates(session):
        text = entry.content + entry.excerpt
        refs[entry.id] = (entry.type, block_refs(text), attachment_refs(text), media_parents(text, entry.id))
    blocks, found = set(block_ids), set[int]()
    while True:
        shows = {i for i, (_, b, a, p) in refs.items() if b & blocks or a & attachment_ids or p & parents}
        # A reusable block that shows the change passes it on to every entry that uses the block.
        new_blocks = {i for i in shows - found if refs[i][0] == "wp_block"}
        found |= shows
        if not new_blocks - blocks:
            return found
        blocks |= new_blocks


def entries_saved(session: Session, saved: Sequence[tuple[int, str]]) -> None:
    """The hook ``save_entries`` calls: render what was written and what shows it (or note it, if deferred)."""
    pending = PendingRender()
    pending.add(saved)
    deferred: PendingRender | None = session.info.get(_PENDING)
    if deferred is not None:
        deferred.add(saved)
        return
    targets = pending.entry_ids | dependents(session, pending.block_ids, pending.attachment_ids)
    render_entries(session, targets)


def entry_removed(session: Session, entry_id: int, post_type: str) -> None:
    """After a delete: entries that showed a removed reusable block or attachment render without it."""
    if post_type == "wp_block":
        render_entries(session, dependents(session, {entry_id}, set()))
    elif post_type == "attachment":
        render_entries(session, dependents(session, set(), {entry_id}))


def defer_rendering(session: Session) -> None:
    """From now on, entries saved through this session are rendered by :func:`render_pending`."""
    session.info.setdefault(_PENDING, PendingRender())


def _never_rendered(session: Session) -> set[int]:
    # Entries a failed earlier run wrote but did not get to render (a re-run skips unchanged items).
    missing_title = (ENTRIES.c.title != "") & (ENTRIES.c.title_rendered == "")
    missing_content = (ENTRIES.c.content != "") & (ENTRIES.c.content_rendered == "")
    query = select(ENTRIES.c.id).where(ENTRIES.c.type.not_in(UNRENDERED_TYPES), or_(missing_title, missing_content))
    return {int(entry_id) for entry_id in session.scalars(query)}


def render_pending(session: Session, *, workers: int = 0, pool_threshold: int = POOL_THRESHOLD) -> int:
    """Render what was saved since :func:`defer_rendering`, with what shows it; rendering is no longer deferred.

    With ``workers`` > 0 and at least ``pool_threshold`` entries, rendering runs in that many processes that read the
    committed database, so the caller must have committed what was saved.
    """
    pending: PendingRender = session.info.pop(_PENDING, None) or PendingRender()
    targets = pending.entry_ids | dependents(session, pending.block_ids, pending.attachment_ids)
    targets |= _never_rendered(session)
    if workers > 0 and len(targets) >= pool_threshold:
        return render_in_pool(session, targets, workers=workers, site_url=get_settings().site_url)
    return render_entries(session, targets)
