"""Which local ID each comment of an export gets, so that no import overwrites another's comments.

A comment keeps its WordPress ID when no other comment holds it. It gets a new one when the ID belongs to
another site's (or a local) comment, when an earlier comment of the same export used it, or when it has none;
WordPress's importer gives every comment a new ID and maps parents the same way.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from app.comments.models import Comment
from app.core.rows import RowWrite
from importers.wxr import provenance
from importers.wxr.id_set import IdSet
from importers.wxr.report import ImportReport

COMMENTS: Table = Comment.__table__  # type: ignore[attr-defined]

# (provenance kind, WordPress comment ID, the comment as written)
Keyed = tuple[str, int, RowWrite]


@dataclass
class CommentIds:
    session: Session
    source_id: int
    report: ImportReport
    seen: IdSet = field(default_factory=IdSet)
    repeats: Counter[int] = field(default_factory=Counter)
    # WordPress comment ID -> local ID of the comments written so far under another ID: the first of each ID,
    # and per entry (a reply's parent is on its own post, so a repeated ID is resolved there first). A comment
    # that kept its ID is not listed: a parent found in neither resolves to its own ID (see link_parents).
    first: dict[int, int] = field(default_factory=dict)
    on_entry: dict[tuple[int, int], int] = field(default_factory=dict)
    # (local ID, entry, WordPress parent ID) of comments written with a parent, one after another, for when
    # IDs changed: 24 bytes a reply rather than a tuple of three objects.
    parents: array[int] = field(default_factory=lambda: array("q"))
    is_renumbered: bool = False

    def kind(self, wp_id: int) -> str:
        """Provenance kind of a comment in file order: "comment", or "comment:dupN" for a repeated or missing ID."""
        if wp_id > 0 and wp_id not in self.seen:
            self.seen.add(wp_id)
            return "comment"
        self.repeats[wp_id] += 1
        return f"comment:dup{self.repeats[wp_id]}"

    def assign(self, comments: Sequence[Keyed]) -> None:
        """Set each comment's local ID: what an earlier import gave it, else its own ID if free, else a new one."""
        known: dict[str, dict[int, tuple[int, str]]] = {}
        for kind in {kind for kind, _, _ in comments}:
            ids = [wp_id for each, wp_id, _ in comments if each == kind]
            known[kind] = provenance.known(self.session, self.source_id, kind, ids)
        fresh = [wp_id for kind, wp_id, _ in comments if kind == "comment" and wp_id not in known[kind]]
        taken = set(self.session.scalars(select(COMMENTS.c.id).where(COMMENTS.c.id.in_(fresh)))) if fresh else set()
        for kind, wp_id, comment in comments:
            record = known[kind].get(wp_id)
            if record is not None:
                comment.fields["id"] = record[0]
            elif kind == "comment" and wp_id not in taken:
                comment.fields["id"] = wp_id
            else:
                comment.fields["id"] = None
            self.is_renumbered = self.is_renumbered or comment.fields["id"] != wp_id
            self.report.comments["updated" if record is not None else "added"] += 1

    def written(self, comments: Sequence[Keyed]) -> None:
        """Remember the local IDs the comments were written with."""
        for kind in {kind for kind, _, _ in comments}:
            rows = [(wp_id, int(c.fields["id"]), "") for each, wp_id, c in comments if each == kind]
            provenance.remember(self.session, self.source_id, kind, rows)
        for kind, wp_id, comment in comments:
            local_id, entry_id = int(comment.fields["id"]), int(comment.fields["entry_id"])
            if local_id != wp_id:
                self.on_entry.setdefault((entry_id, wp_id), local_id)
                if kind == "comment":
                    self.first[wp_id] = local_id
            if comment.fields["parent_id"]:
                self.parents.extend((local_id, entry_id, int(comment.fields["parent_id"])))

    def link_parents(self) -> None:
        """Point replies at their parents' local IDs, once every comment is written (only when some changed)."""
        if self.is_renumbered:
            replies = list(zip(self.parents[0::3], self.parents[1::3], self.parents[2::3], strict=True))
            # Parents this run did not renumber kept their IDs, or were given theirs by an earlier import.
            missing = sorted({wp_parent for _, _, wp_parent in replies if wp_parent not in self.first})
            earlier: dict[int, tuple[int, str]] = {}
            for start in range(0, len(missing), 500):
                earlier |= provenance.known(self.session, self.source_id, "comment", missing[start : start + 500])
            for local_id, entry_id, wp_parent in replies:
                parent = (
                    self.on_entry.get((entry_id, wp_parent))
                    or self.first.get(wp_parent)
                    or earlier.get(wp_parent, (wp_parent, ""))[0]
                )
                if parent != wp_parent:
                    self.session.execute(update(COMMENTS).where(COMMENTS.c.id == local_id).values(parent_id=parent))
        del self.parents[:]
