"""Read queries over entries: filtered, ordered, paginated lists, and what a page of results needs.

``load_relations`` fetches terms, revisions, authors and related entries (featured media,
ancestors) for a whole page in a fixed number of statements, whatever the page size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, not_, or_, select, true
from sqlalchemy.orm import Session
from sqlmodel import col

from app.content.models import Entry
from app.content.search import relevance_order, search_condition
from app.core.ordering import ordered_by
from app.taxonomy.models import Term, TermRelationship
from app.users.models import User

# WordPress's ``WP_Query`` orderby keys (after the REST controller's mapping) and their columns.
ORDER_COLUMNS: dict[str, Any] = {
    "author": col(Entry.author_id),
    "date": col(Entry.date),
    "id": col(Entry.id),
    "modified": col(Entry.modified),
    "parent": col(Entry.parent_id),
    # Text columns by their sort keys: the order of WordPress's database collation (app.core.collation).
    "slug": col(Entry.slug_sort_key),
    "title": col(Entry.title_sort_key),
    "menu_order": col(Entry.menu_order),
}


@dataclass(slots=True)
class TaxonomyFilter:
    """Entries with (or, ``exclude``, without) terms of one taxonomy."""

    taxonomy: str
    term_ids: list[int]
    include_children: bool = False
    operator: str = "OR"
    exclude: bool = False


@dataclass(slots=True)
class EntryFilter:
    """Everything a list of entries can be narrowed by; None means "no condition"."""

    visible: ColumnElement[bool]
    search: str | None = None
    searchable: ColumnElement[bool] = field(default_factory=true)
    after: datetime | None = None
    before: datetime | None = None
    modified_after: datetime | None = None
    modified_before: datetime | None = None
    authors: list[int] | None = None
    authors_excluded: list[int] | None = None
    include: list[int] | None = None
    exclude: list[int] | None = None
    parents: list[int] | None = None
    parents_excluded: list[int] | None = None
    menu_order: int | None = None
    slugs: list[str] | None = None
    statuses: list[str] | None = None
    taxonomies: list[TaxonomyFilter] = field(default_factory=list)
    tax_relation: str = "AND"
    sticky: bool | None = None


@dataclass(slots=True)
class EntryOrder:
    """``orderby``/``order``; ``include`` and ``include_slugs`` order by the given lists."""

    by: str = "date"
    direction: str = "desc"
    include: list[int] = field(default_factory=list)
    slugs: list[str] = field(default_factory=list)


def _search_condition(entry_filter: EntryFilter) -> ColumnElement[bool]:
    return and_(entry_filter.searchable, search_condition(entry_filter.search or ""))


def _term_ids_with_children(term_ids: list[int]) -> Select[Any]:
    """The terms and all their descendants (``include_children``), by one recursive query."""
    tree = select(col(Term.id)).where(col(Term.id).in_(term_ids)).cte("term_tree", recursive=True)
    tree = tree.union(select(col(Term.id)).where(col(Term.parent_id) == tree.c.id))
    return select(tree.c.id)


def _taxonomy_condition(tax: TaxonomyFilter) -> ColumnElement[bool]:
    terms: Any = _term_ids_with_children(tax.term_ids) if tax.include_children else tax.term_ids
    if tax.operator == "AND" and not tax.exclude:
        return and_(*(_has_terms([term_id]) for term_id in tax.term_ids))
    condition = _has_terms(terms)
    return not_(condition) if tax.exclude else condition


def _has_terms(term_ids: Any) -> ColumnElement[bool]:
    return exists(
        select(1).where(
            col(TermRelationship.entry_id) == col(Entry.id),
            col(TermRelationship.term_id).in_(term_ids),
        )
    )


def _conditions(entry_filter: EntryFilter) -> list[ColumnElement[bool]]:
    f = entry_filter
    conditions: list[ColumnElement[bool]] = [f.visible]
    if f.statuses is not None:
        conditions.append(col(Entry.status).in_(f.statuses))
    if f.search:
        conditions.append(_search_condition(f))
    conditions += _date_conditions(f)
    conditions += _list_conditions(f)
    if f.menu_order is not None:
        conditions.append(col(Entry.menu_order) == f.menu_order)
    if f.sticky is not None:
        conditions.append(col(Entry.is_sticky).is_(f.sticky))
    taxonomy = [_taxonomy_condition(tax) for tax in f.taxonomies]
    if taxonomy:
        conditions.append(or_(*taxonomy) if f.tax_relation == "OR" else and_(*taxonomy))
    return conditions


def _date_conditions(f: EntryFilter) -> list[ColumnElement[bool]]:
    # The REST API's after/before compare the local post_date, exclusively (date_query 'inclusive' off).
    bounds = [
        (f.after, col(Entry.date), True),
        (f.before, col(Entry.date), False),
        (f.modified_after, col(Entry.modified), True),
        (f.modified_before, col(Entry.modified), False),
    ]
    return [column > value if is_lower else column < value for value, column, is_lower in bounds if value]


def _list_conditions(f: EntryFilter) -> list[ColumnElement[bool]]:
    columns: list[tuple[list[Any] | None, Any, bool]] = [
        (f.authors, col(Entry.author_id), True),
        (f.authors_excluded, col(Entry.author_id), False),
        (f.include, col(Entry.id), True),
        (f.exclude, col(Entry.id), False),
        (f.parents, col(Entry.parent_id), True),
        (f.parents_excluded, col(Entry.parent_id), False),
        (f.slugs, col(Entry.slug), True),
    ]
    conditions: list[ColumnElement[bool]] = []
    for values, column, is_in in columns:
        if values:
            conditions.append(column.in_(values) if is_in else column.not_in(values))
    return conditions


def _order_by(order: EntryOrder, entry_filter: EntryFilter) -> list[Any]:
    descending = order.direction == "desc"
    if order.by == "include":
        return [case({value: index for index, value in enumerate(order.include)}, value=col(Entry.id), else_=-1)]
    if order.by == "include_slugs":
        return [case({value: index for index, value in enumerate(order.slugs)}, value=col(Entry.slug), else_=-1)]
    if order.by == "relevance":
        # WP_Query's relevance (parse_search_order), then by date in the requested direction.
        return [
            relevance_order(entry_filter.search or ""),
            *ordered_by(col(Entry.date), col(Entry.id), descending=descending),
        ]
    column = ORDER_COLUMNS[order.by]
    return ordered_by(column, col(Entry.id), descending=descending)


def count_entries(session: Session, entry_filter: EntryFilter) -> int:
    """How many entries match (WordPress's ``found_posts``)."""
    query = select(func.count()).select_from(Entry).where(*_conditions(entry_filter))
    return int(session.scalar(query) or 0)


def list_entries(
    session: Session, entry_filter: EntryFilter, order: EntryOrder, *, limit: int, offset: int
) -> list[Entry]:
    """One page of matching entries in the requested order."""
    query = (
        select(Entry)
        .where(*_conditions(entry_filter))
        .order_by(*_order_by(order, entry_filter))
        .limit(limit)
        .offset(offset)
    )
    return list(session.scalars(query))


@dataclass(frozen=True, slots=True)
class TermRef:
    """A term an entry has, with what serialisers and permalinks need."""

    id: int
    taxonomy: str
    slug: str
    name: str
    parent_id: int


@dataclass(frozen=True, slots=True)
class RelatedEntry:
    """An entry another one points at (featured media, parent, ancestor)."""

    id: int
    type: str
    status: str
    slug: str
    parent_id: int


@dataclass(slots=True)
class EntryRelations:
    """What a page of entries refers to, each keyed by entry (or related entry) ID."""

    terms: dict[int, list[TermRef]] = field(default_factory=dict)
    revisions: dict[int, tuple[int, int]] = field(default_factory=dict)
    related: dict[int, RelatedEntry] = field(default_factory=dict)
    author_slugs: dict[int, str] = field(default_factory=dict)

    def ancestors(self, entry: Entry) -> list[RelatedEntry]:
        """The entry's ancestors, nearest first, stopping at a missing parent or a cycle."""
        chain: list[RelatedEntry] = []
        parent_id = entry.parent_id
        while parent_id and parent_id in self.related and len(chain) < len(self.related):
            chain.append(self.related[parent_id])
            parent_id = self.related[parent_id].parent_id
        return chain


def load_relations(
    session: Session, entries: Sequence[Entry], taxonomies: Sequence[str], *, revisions: bool = True
) -> EntryRelations:
    """Terms, revision counts (unless not wanted), related entries and author slugs for ``entries``: four
    queries."""
    ids = [int(entry.id) for entry in entries if entry.id is not None]
    if not ids:
        return EntryRelations()
    pointed = {entry.parent_id for entry in entries} | {entry.featured_media_id for entry in entries}
    authors = {entry.author_id for entry in entries if entry.author_id}
    return EntryRelations(
        terms=_terms(session, ids, taxonomies),
        revisions=_revisions(session, ids) if revisions else {},
        related=_related(session, sorted(pointed - {0})),
        author_slugs=_author_slugs(session, sorted(authors)),
    )


def _terms(session: Session, ids: list[int], taxonomies: Sequence[str]) -> dict[int, list[TermRef]]:
    if not taxonomies:
        return {}
    query = (
        select(
            col(TermRelationship.entry_id),
            col(Term.id),
            col(Term.taxonomy),
            col(Term.slug),
            col(Term.name),
            col(Term.parent_id),
        )
        .join(Term, col(Term.id) == col(TermRelationship.term_id))
        .where(col(TermRelationship.entry_id).in_(ids), col(Term.taxonomy).in_(list(taxonomies)))
        # wp_get_object_terms sorts by name; the ID breaks ties the same way on every engine.
        .order_by(col(Term.name_sort_key), col(Term.id))
    )
    terms: dict[int, list[TermRef]] = {}
    for entry_id, term_id, taxonomy, slug, name, parent_id in session.execute(query):
        terms.setdefault(entry_id, []).append(TermRef(int(term_id or 0), taxonomy, slug, name, parent_id))
    return terms


def _revisions(session: Session, ids: list[int]) -> dict[int, tuple[int, int]]:
    query = (
        select(col(Entry.parent_id), func.count(), func.max(col(Entry.id)))
        .where(col(Entry.type) == "revision", col(Entry.parent_id).in_(ids))
        .group_by(col(Entry.parent_id))
    )
    return {int(parent): (int(count), int(last or 0)) for parent, count, last in session.execute(query)}


def _related(session: Session, ids: list[int]) -> dict[int, RelatedEntry]:
    """The pointed-at entries and all their ancestors, by one recursive query (cycles end it)."""
    if not ids:
        return {}
    columns = (col(Entry.id), col(Entry.type), col(Entry.status), col(Entry.slug), col(Entry.parent_id))
    tree = select(*columns).where(col(Entry.id).in_(ids)).cte("related_tree", recursive=True)
    tree = tree.union(select(*columns).join(tree, col(Entry.id) == tree.c.parent_id))
    rows = session.execute(select(tree))
    return {row.id: RelatedEntry(row.id, row.type, row.status, row.slug, row.parent_id) for row in rows}


def _author_slugs(session: Session, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    query = select(col(User.id), col(User.nicename)).where(col(User.id).in_(ids))
    return {int(user_id or 0): nicename for user_id, nicename in session.execute(query)}
