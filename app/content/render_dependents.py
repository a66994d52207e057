"""Which entries show a reusable block or an attachment, found from their raw text without rendering them."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.content.render_batch import UNRENDERED_TYPES, chunks
from app.content.render_context import ENTRIES
from app.content.render_refs import (
    LINKING_MARKERS,
    SITE_BLOCK_KEYS,
    attachment_refs,
    block_refs,
    media_parents,
    site_keys,
)

# Content that may show a reusable block, an attachment or site-wide data; the exact test is made on the text.
_DEPENDENT_MARKERS: tuple[str, ...] = ("wp:block", "wp-image-", "[gallery", "[playlist", "[audio", "[video")
_DEPENDENT_MARKERS += tuple(f"wp:{name}" for name in SITE_BLOCK_KEYS)
# Entries read per query while scanning; only their references are kept.
SCAN_CHUNK = 1_000


@dataclass
class ReferenceIndex:
    """For each block, attachment and media parent, the entries that refer to it; and which entries are blocks."""

    by_block: dict[int, list[int]] = field(default_factory=dict)
    by_attachment: dict[int, list[int]] = field(default_factory=dict)
    by_parent: dict[int, list[int]] = field(default_factory=dict)
    # Entries showing site-wide data, by key ("posts", "comments", "terms", "options").
    by_site: dict[str, list[int]] = field(default_factory=dict)
    blocks: set[int] = field(default_factory=set)

    def add(self, entry_id: int, post_type: str, text: str) -> None:
        """Index one entry's references (its content and excerpt together)."""
        for index, refs in (
            (self.by_block, block_refs(text)),
            (self.by_attachment, attachment_refs(text)),
            (self.by_parent, media_parents(text, entry_id)),
        ):
            for ref in refs:
                index.setdefault(ref, []).append(entry_id)
        for key in site_keys(text):
            self.by_site.setdefault(key, []).append(entry_id)
        if post_type == "wp_block":
            self.blocks.add(entry_id)


def _candidate_rows(session: Session, markers: tuple[str, ...]) -> Iterator[tuple[int, str, str]]:
    # Keyset pages by ID: one page of content in memory at a time, each page one index range scan.
    columns = (ENTRIES.c.id, ENTRIES.c.type, ENTRIES.c.content, ENTRIES.c.excerpt)
    matches = [ENTRIES.c[name].contains(marker) for marker in markers for name in ("content", "excerpt")]
    query = select(*columns).where(ENTRIES.c.type.not_in(UNRENDERED_TYPES), or_(*matches))
    after = -1
    while True:
        page = session.execute(query.where(ENTRIES.c.id > after).order_by(ENTRIES.c.id).limit(SCAN_CHUNK)).all()
        for row in page:
            yield int(row.id), row.type, row.content + row.excerpt
        if len(page) < SCAN_CHUNK:
            return
        after = int(page[-1].id)


def reference_index(session: Session, markers: tuple[str, ...] = _DEPENDENT_MARKERS) -> ReferenceIndex:
    """The references of every entry that may show a block or an attachment (or whose text holds one of
    ``markers``)."""
    index = ReferenceIndex()
    for entry_id, post_type, text in _candidate_rows(session, markers):
        index.add(entry_id, post_type, text)
    return index


def _attachment_parents(session: Session, attachment_ids: Iterable[int]) -> set[int]:
    parents: set[int] = set()
    for chunk in chunks(attachment_ids):
        query = select(ENTRIES.c.parent_id).where(ENTRIES.c.id.in_(chunk), ENTRIES.c.parent_id != 0)
        parents |= {int(parent) for parent in session.scalars(query)}
    return parents


def dependents(session: Session, block_ids: set[int], attachment_ids: set[int], site: Iterable[str] = ()) -> set[int]:
    """Entries that show one of the blocks or attachments or the site-wide data of one of the ``site`` keys,
    directly or through reusable blocks."""
    site = set(site)
    if not block_ids and not attachment_ids:
        return _site_dependents(session, site)
    parents = _attachment_parents(session, attachment_ids)
    index = reference_index(session)
    found = {e for a in attachment_ids for e in index.by_attachment.get(a, ())}
    found |= {e for key in site for e in index.by_site.get(key, ())}
    found |= {e for p in parents for e in index.by_parent.get(p, ())}
    return _through_blocks(index, block_ids | (found & index.blocks), found)


def gallery_dependents(session: Session, attachment_ids: set[int]) -> set[int]:
    """Entries whose galleries may link to these attachments' pages, which lie under their parents' permalinks."""
    if not attachment_ids:
        return set()
    parents = _attachment_parents(session, attachment_ids)
    showing = reference_index(session, LINKING_MARKERS)
    found = {e for a in attachment_ids for e in showing.by_attachment.get(a, ())}
    found |= {e for p in parents for e in showing.by_parent.get(p, ())}
    return _through_users(session, showing, found)


def _through_users(session: Session, showing: ReferenceIndex, found: set[int]) -> set[int]:
    # Entries using reusable blocks are read only when one of the blocks found shows the change.
    if not found & showing.blocks:
        return found
    users = reference_index(session, ("wp:block", "wp:core/block"))
    return _through_blocks(users, found & showing.blocks, found)


def _site_dependents(session: Session, site: set[str]) -> set[int]:
    # Only site-wide data changed (a comment, term or option written): only listing blocks show it, so the
    # scan looks for their markers alone rather than for every image or shortcode, and entries using
    # reusable blocks are read only when a listing block was found in a reusable block.
    names = [name for name, keys in SITE_BLOCK_KEYS.items() if site.intersection(keys)]
    markers = tuple(f"wp:{prefix}{name}" for name in names for prefix in ("", "core/"))
    # Permalink options also move the attachment pages that galleries link to.
    markers += LINKING_MARKERS if "links" in site else ()
    if not markers:
        return set()
    showing = reference_index(session, markers)
    return _through_users(session, showing, {e for key in site for e in showing.by_site.get(key, ())})


def _through_blocks(index: ReferenceIndex, changed_blocks: set[int], found: set[int]) -> set[int]:
    # A reusable block that shows the change passes it on to every entry that uses the block.
    queue, queued = deque(changed_blocks), set(changed_blocks)
    while queue:
        for entry_id in index.by_block.get(queue.popleft(), ()):
            found.add(entry_id)
            if entry_id in index.blocks and entry_id not in queued:
                queued.add(entry_id)
                queue.append(entry_id)
    return found
