"""Passes after the whole export is read: ACF values whose definitions came late, dangling references."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby, islice
from typing import Any

from sqlalchemy import Table, and_, exists, select, update
from sqlalchemy.orm import Session

from app.acf.values import decode_values
from app.comments.models import Comment
from app.content.models import Entry, EntryMeta
from app.menus.models import MenuItem
from app.taxonomy.models import Term, TermMeta
from importers.wxr.acf_state import AcfState
from importers.wxr.report import ImportReport

CHUNK = 500
_BLOCK_REF = re.compile(r'<!--\s+wp:block\s+\{[^}]*"ref"\s*:\s*(\d+)')


def _chunks(values: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _reference_rows(meta: Any) -> Any:
    return and_(meta.c.key.like(r"\_%", escape="\\"), meta.c.value_raw.like(r"field\_%", escape="\\"))


def decode_acf_values(session: Session, source_id: int, acf: AcfState, pending: Sequence[int]) -> None:
    """Typed ACF values for entries and terms whose definitions were not known when they were read."""
    entries: Table = Entry.__table__  # type: ignore[attr-defined]
    meta: Table = EntryMeta.__table__  # type: ignore[attr-defined]
    if acf.definitions_changed:
        query = (
            select(meta.c.entry_id)
            .join(entries, entries.c.id == meta.c.entry_id)
            .where(entries.c.source_id == source_id, _reference_rows(meta))
            .distinct()
        )
        # Entries this run wrote with values decoded by the final definitions are already right.
        pending = [entry_id for entry_id in session.scalars(query) if not acf.is_current(entry_id)]
    for chunk in _chunks(sorted(set(pending))):
        _decode_owners(session, entries, meta, "entry_id", chunk, acf)
    terms: Table = Term.__table__  # type: ignore[attr-defined]
    term_meta: Table = TermMeta.__table__  # type: ignore[attr-defined]
    query = (
        select(term_meta.c.term_id)
        .join(terms, terms.c.id == term_meta.c.term_id)
        .where(terms.c.source_id == source_id, _reference_rows(term_meta))
        .distinct()
    )
    for chunk in _chunks(session.scalars(query).all()):
        _decode_owners(session, terms, term_meta, "term_id", chunk, acf)


def _decode_owners(session: Session, owners: Table, meta: Table, column: str, ids: list[int], acf: AcfState) -> None:
    query = (
        select(meta.c[column], meta.c.key, meta.c.value_raw)
        .where(meta.c[column].in_(ids))
        .order_by(meta.c[column], meta.c.position, meta.c.id)
    )
    current = {
        row.id: row.acf for row in session.execute(select(owners.c.id, owners.c.acf).where(owners.c.id.in_(ids)))
    }
    for owner_id, rows in groupby(session.execute(query), key=lambda row: row[0]):
        values = decode_values([(key, raw) for _, key, raw in rows], acf.index)
        if values != current.get(owner_id):
            session.execute(update(owners).where(owners.c.id == owner_id).values(acf=values))


ENTRIES: Table = Entry.__table__  # type: ignore[attr-defined]
MENU_ITEMS: Table = MenuItem.__table__  # type: ignore[attr-defined]
TERMS: Table = Term.__table__  # type: ignore[attr-defined]
COMMENTS: Table = Comment.__table__  # type: ignore[attr-defined]


def report_dangling(session: Session, source_id: int, report: ImportReport) -> None:
    """References to items the export does not carry: kept as they are, listed for a person to check."""
    entry, target = ENTRIES.alias("entry"), ENTRIES.alias("target")
    for name, column in (("parent", entry.c.parent_id), ("featured_media", entry.c.featured_media_id)):
        query = select(entry.c.id, column).where(
            entry.c.source_id == source_id, column != 0, ~exists().where(target.c.id == column)
        )
        _add(session, report, name, query)
    _dangling_menu_items(session, source_id, report)
    _dangling_block_refs(session, source_id, report)
    _dangling_comment_parents(session, source_id, report)


def _add(session: Session, report: ImportReport, name: str, query: Any) -> None:
    for owner_id, missing in session.execute(query):
        report.dangling[name].add({"id": owner_id, "missing": missing})


def _dangling_menu_items(session: Session, source_id: int, report: ImportReport) -> None:
    item, entry, target = MENU_ITEMS, ENTRIES.alias("entry"), ENTRIES.alias("target")
    ours = select(item.c.entry_id, item.c.object_id).join(entry, entry.c.id == item.c.entry_id)
    ours = ours.where(entry.c.source_id == source_id)
    _add(
        session,
        report,
        "menu_item_object",
        ours.where(item.c.item_type == "post_type", ~exists().where(target.c.id == item.c.object_id)),
    )
    _add(
        session,
        report,
        "menu_item_term",
        ours.where(item.c.item_type == "taxonomy", ~exists().where(TERMS.c.id == item.c.object_id)),
    )
    parents = (
        select(item.c.entry_id, item.c.parent_item_id)
        .join(entry, entry.c.id == item.c.entry_id)
        .where(
            entry.c.source_id == source_id,
            item.c.parent_item_id != 0,
            ~exists().where(target.c.id == item.c.parent_item_id),
        )
    )
    _add(session, report, "menu_item_parent", parents)


def _dangling_block_refs(session: Session, source_id: int, report: ImportReport) -> None:
    query = select(ENTRIES.c.id, ENTRIES.c.content).where(
        ENTRIES.c.source_id == source_id, ENTRIES.c.content.contains("wp:block")
    )
    refs: list[tuple[int, int]] = []
    for entry_id, content in session.execute(query):
        refs.extend((int(entry_id), int(ref)) for ref in _BLOCK_REF.findall(content))
    for chunk in _chunks(range(len(refs))):
        wanted = {refs[i][1] for i in chunk}
        found = set(session.scalars(select(ENTRIES.c.id).where(ENTRIES.c.id.in_(wanted))))
        for i in chunk:
            if refs[i][1] not in found:
                report.dangling["block_ref"].add({"id": refs[i][0], "missing": refs[i][1]})


def _dangling_comment_parents(session: Session, source_id: int, report: ImportReport) -> None:
    comment, parent = COMMENTS.alias("comment"), COMMENTS.alias("parent")
    query = (
        select(comment.c.id, comment.c.parent_id)
        .join(ENTRIES, ENTRIES.c.id == comment.c.entry_id)
        .where(
            ENTRIES.c.source_id == source_id,
            comment.c.parent_id != 0,
            ~exists().where(parent.c.id == comment.c.parent_id),
        )
    )
    _add(session, report, "comment_parent", query)
