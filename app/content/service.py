"""Create, read, update and delete entries of every post type: the one write path.

The importer and the APIs both come through here, so every rule about entries lives in one
place. Services flush; the caller (request, CLI command, import batch) commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session
from sqlmodel import SQLModel, col

from app.content.models import ENTRY_SORT_KEYS, Entry, EntryMeta, OldUrl
from app.content.registry import detail_model_for
from app.content.rendering import entries_saved, entry_removed
from app.content.search_index import insert_entries
from app.core.collation import sort_keys
from app.core.errors import InvalidInput, NotFound
from app.core.rows import insert_many, insert_values, meta_keys, meta_values, upsert_by_id
from app.taxonomy.models import TermRelationship

ENTRY_TABLE: Table = Entry.__table__  # type: ignore[attr-defined]
ENTRY_COLUMNS = frozenset(ENTRY_TABLE.columns.keys())


@dataclass(slots=True)
class EntryWrite:
    """Everything written for one entry: common columns, typed details, meta, terms, old URLs."""

    fields: dict[str, Any]
    details: dict[str, Any] | None = None
    meta: list[tuple[str, str]] = field(default_factory=list)
    term_ids: list[int] = field(default_factory=list)
    old_urls: list[tuple[str, str]] = field(default_factory=list)

    @property
    def type(self) -> str:
        return str(self.fields["type"])


def save_entries(session: Session, writes: Sequence[EntryWrite]) -> None:
    """Insert or replace entries whole: an existing ID has its columns, details, meta and terms replaced."""
    if not writes:
        return
    for write in writes:
        _validate(write)
    rows = [{"extra": {}, **write.fields, **sort_keys(write.fields, ENTRY_SORT_KEYS)} for write in writes]
    # New content takes the next free ID in the one ID space WordPress's IDs live in.
    existing = upsert_by_id(session, ENTRY_TABLE, rows, insert_new=insert_entries)
    for write, row in zip(writes, rows, strict=True):
        write.fields["id"] = row["id"]
    _replace_children(session, writes, existing)
    session.flush()
    # Rendered fields are derived at write time, in this transaction (see app.content.rendering).
    entries_saved(session, [(int(write.fields["id"]), write.type) for write in writes])


def _validate(write: EntryWrite) -> None:
    unknown = set(write.fields) - ENTRY_COLUMNS
    if unknown:
        raise InvalidInput(f"unknown entry field(s): {', '.join(sorted(unknown))}")
    if not write.fields.get("type"):
        raise InvalidInput("an entry needs a post type")
    model = detail_model_for(write.type)
    if write.details and model is None:
        raise InvalidInput(f"post type {write.type!r} has no typed details")
    if write.details and model is not None:
        unknown = set(write.details) - set(model.__table__.columns.keys())  # type: ignore[attr-defined]
        if unknown:
            raise InvalidInput(f"unknown {write.type} field(s): {', '.join(sorted(unknown))}")


def _replace_children(session: Session, writes: Sequence[EntryWrite], existing: set[int]) -> None:
    replaced = [int(write.fields["id"]) for write in writes if write.fields["id"] in existing]
    if replaced:
        child_models: set[type[SQLModel]] = {EntryMeta, TermRelationship, OldUrl}
        child_models |= {model for write in writes if (model := detail_model_for(write.type))}
        for model in child_models:
            table = model.__table__  # type: ignore[attr-defined]
            session.execute(delete(table).where(table.c.entry_id.in_(replaced)))
    meta = (row for write in writes for row in meta_values(write.fields["id"], write.meta))
    insert_values(session, EntryMeta.__table__, meta_keys("entry_id"), meta)  # type: ignore[attr-defined]
    insert_many(session, TermRelationship.__table__, _term_rows(writes))  # type: ignore[attr-defined]
    insert_many(session, OldUrl.__table__, _old_url_rows(writes))  # type: ignore[attr-defined]
    details: dict[type[SQLModel], list[dict[str, Any]]] = {}
    for write in writes:
        if (model := detail_model_for(write.type)) is not None:
            details.setdefault(model, []).append(_detail_row(model, write))
    for model, rows in details.items():
        insert_many(session, model.__table__, rows)  # type: ignore[attr-defined]


def _detail_row(model: type[SQLModel], write: EntryWrite) -> dict[str, Any]:
    # The model's defaults (empty lists, dicts, strings) fill what the details leave out, as the model would.
    given = {**(write.details or {}), "entry_id": write.fields["id"]}
    row: dict[str, Any] = {}
    for name, make, value in _detail_defaults(model):
        if name in given:
            row[name] = given[name]
        else:
            row[name] = value if make is None else make()
    return row


@cache
def _detail_defaults(model: type[SQLModel]) -> tuple[tuple[str, Callable[[], Any] | None, Any], ...]:
    """Each column of a detail model with its default: a factory for fresh lists and dicts, else a value."""
    defaults = []
    for name in model.__table__.columns.keys():  # type: ignore[attr-defined]
        info = model.model_fields[name]
        # A required field the caller left out stays None on the model instance, as it does here.
        value = None if info.is_required() else info.default
        defaults.append((name, cast("Callable[[], Any] | None", info.default_factory), value))
    return tuple(defaults)


def _term_rows(writes: Iterable[EntryWrite]) -> Iterable[dict[str, Any]]:
    for write in writes:
        for order, term_id in enumerate(dict.fromkeys(write.term_ids)):
            yield {"entry_id": write.fields["id"], "term_id": term_id, "term_order": order}


def _old_url_rows(writes: Iterable[EntryWrite]) -> Iterable[dict[str, Any]]:
    for write in writes:
        for kind, value in dict.fromkeys(write.old_urls):
            yield {"entry_id": write.fields["id"], "kind": kind, "value": value}


def create_entry(session: Session, *, write: EntryWrite) -> Entry:
    """Create one entry (with its details, meta and terms) and return it."""
    if write.fields.get("id") is not None and session.get(Entry, write.fields["id"]) is not None:
        raise InvalidInput(f"entry {write.fields['id']} already exists", code="rest_post_exists")
    save_entries(session, [write])
    return get_entry(session, int(write.fields["id"]))


def get_entry(session: Session, entry_id: int, *, post_type: str | None = None) -> Entry:
    """The entry with ``entry_id`` (of ``post_type`` when given), or NotFound."""
    entry = session.get(Entry, entry_id, populate_existing=True)
    if entry is None or (post_type is not None and entry.type != post_type):
        raise NotFound("Invalid post ID.", code="rest_post_invalid_id")
    return entry


def get_details(session: Session, entry: Entry) -> Any | None:
    """The typed detail row of ``entry`` (attachment, event, menu item ...), if its type has one."""
    model = detail_model_for(entry.type)
    return None if model is None else session.get(model, entry.id, populate_existing=True)


def get_meta(session: Session, entry_id: int) -> list[EntryMeta]:
    """The entry's meta rows in their original order."""
    query = (
        select(EntryMeta)
        .where(col(EntryMeta.entry_id) == entry_id)
        .order_by(col(EntryMeta.position), col(EntryMeta.id))
    )
    return list(session.scalars(query))


def get_term_ids(session: Session, entry_id: int) -> list[int]:
    query = (
        select(col(TermRelationship.term_id))
        .where(col(TermRelationship.entry_id) == entry_id)
        .order_by(col(TermRelationship.term_order))
    )
    return list(session.scalars(query))


def update_entry(
    session: Session,
    entry_id: int,
    *,
    fields: dict[str, Any] | None = None,
    details: dict[str, Any] | None = None,
    meta: list[tuple[str, str]] | None = None,
    term_ids: list[int] | None = None,
) -> Entry:
    """Change what is given and keep the rest; the entry is rewritten whole or not at all."""
    entry = get_entry(session, entry_id)
    detail = get_details(session, entry)
    current = {name: getattr(entry, name) for name in ENTRY_COLUMNS}
    current_details = None if detail is None else detail.model_dump(exclude={"entry_id"})
    write = EntryWrite(
        fields={**current, **(fields or {}), "id": entry_id},
        details={**(current_details or {}), **(details or {})} if detail_model_for(entry.type) else None,
        meta=meta if meta is not None else [(row.key, row.value_raw) for row in get_meta(session, entry_id)],
        term_ids=term_ids if term_ids is not None else get_term_ids(session, entry_id),
        old_urls=[(row.kind, row.value) for row in _old_urls(session, entry_id)],
    )
    save_entries(session, [write])
    return get_entry(session, entry_id)


def _old_urls(session: Session, entry_id: int) -> list[OldUrl]:
    return list(session.scalars(select(OldUrl).where(col(OldUrl.entry_id) == entry_id)))


def delete_entry(session: Session, entry_id: int) -> None:
    """Delete an entry and everything that hangs off it (details, meta, terms, comments, old URLs)."""
    entry = get_entry(session, entry_id)
    post_type = entry.type
    session.delete(entry)
    session.flush()
    entry_removed(session, entry_id, post_type)
