"""Terms of any taxonomy: create, read, update, delete, and the batch form the importer uses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.content.site_changes import changed
from app.core.collation import sort_keys
from app.core.errors import InvalidInput, NotFound
from app.core.rows import RowWrite, save_rows_with_meta
from app.taxonomy.models import TERM_SORT_KEYS, Term, TermMeta

TERM_TABLE: Table = Term.__table__  # type: ignore[attr-defined]
TERM_META_TABLE: Table = TermMeta.__table__  # type: ignore[attr-defined]
TERM_COLUMNS = frozenset(TERM_TABLE.columns.keys())


# Kept under its own name for callers; the shape is shared by every row-with-meta service.
TermWrite = RowWrite


def save_terms(session: Session, writes: Sequence[RowWrite]) -> None:
    """Insert or replace terms whole (columns and meta); new ones without an ID get the next free one."""
    for write in writes:
        write.fields.update(sort_keys(write.fields, TERM_SORT_KEYS))
    save_rows_with_meta(
        session,
        writes,
        table=TERM_TABLE,
        meta_table=TERM_META_TABLE,
        owner_column="term_id",
        noun="term",
        required=("taxonomy", "slug"),
        defaults={"extra": {}},
    )
    changed(session, "terms")


def create_term(session: Session, *, write: TermWrite) -> Term:
    """Create one term; a slug already used in the taxonomy is a conflict."""
    if find_term(session, str(write.fields["taxonomy"]), str(write.fields["slug"])) is not None:
        raise InvalidInput("A term with the name provided already exists in this taxonomy.", code="term_exists")
    save_terms(session, [write])
    return get_term(session, int(write.fields["id"]))


def get_term(session: Session, term_id: int, *, taxonomy: str | None = None) -> Term:
    term = session.get(Term, term_id, populate_existing=True)
    if term is None or (taxonomy is not None and term.taxonomy != taxonomy):
        raise NotFound("Term does not exist.", code="rest_term_invalid")
    return term


def find_term(session: Session, taxonomy: str, slug: str) -> Term | None:
    query = select(Term).where(col(Term.taxonomy) == taxonomy, col(Term.slug) == slug)
    return session.scalars(query).first()


def get_term_meta(session: Session, term_id: int) -> list[TermMeta]:
    query = select(TermMeta).where(col(TermMeta.term_id) == term_id).order_by(col(TermMeta.position))
    return list(session.scalars(query))


def update_term(
    session: Session, term_id: int, *, fields: dict[str, Any], meta: list[tuple[str, str]] | None = None
) -> Term:
    term = get_term(session, term_id)
    current = {name: getattr(term, name) for name in TERM_COLUMNS}
    kept_meta = meta if meta is not None else [(row.key, row.value_raw) for row in get_term_meta(session, term_id)]
    save_terms(session, [TermWrite(fields={**current, **fields, "id": term_id}, meta=kept_meta)])
    return get_term(session, term_id)


def delete_term(session: Session, term_id: int) -> None:
    session.delete(get_term(session, term_id))
    session.flush()
    changed(session, "terms")
