"""Read queries over terms: filtered, ordered, paginated lists with WordPress's published-post counts.

``count`` is what ``_update_post_term_count`` stores: published entries of the taxonomy's object types
using the term (a region term on an event does not count when only posts have regions). It is computed
in SQL (one correlated sub-select) so listing, ``hide_empty`` and ``orderby=count`` cost no extra queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.content.models import Entry
from app.core.ordering import ordered_by
from app.taxonomy.models import Term, TermRelationship

# Taxonomies WordPress registers without a REST route (or for internal use only).
INTERNAL_TAXONOMIES = frozenset({"nav_menu", "post_format", "link_category", "wp_theme", "wp_template_part_area"})


def published_count(object_types: tuple[str, ...] = ()) -> Any:
    """The term's published-entry count as a scalar sub-select; only entries of ``object_types`` if given."""
    conditions = [col(TermRelationship.term_id) == col(Term.id), col(Entry.status) == "publish"]
    if object_types:
        conditions.append(col(Entry.type).in_(object_types))
    return (
        select(func.count())
        .select_from(TermRelationship)
        .join(Entry, col(Entry.id) == col(TermRelationship.entry_id))
        .where(*conditions)
        .scalar_subquery()
    )


@dataclass(slots=True)
class TermFilter:
    """What a term list can be narrowed by (``get_terms`` arguments); None means "no condition"."""

    taxonomy: str
    search: str | None = None
    include: list[int] = field(default_factory=list)
    exclude: list[int] = field(default_factory=list)
    slugs: list[str] = field(default_factory=list)
    parent: int | None = None
    hide_empty: bool = False
    entry_id: int | None = None
    # The post types the taxonomy is registered for: only their published entries count (empty: every type).
    object_types: tuple[str, ...] = ()


@dataclass(slots=True)
class TermOrder:
    """``orderby``/``order``; ``include`` and ``include_slugs`` order by the given lists."""

    by: str = "name"
    direction: str = "asc"
    include: list[int] = field(default_factory=list)
    slugs: list[str] = field(default_factory=list)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _conditions(term_filter: TermFilter) -> list[ColumnElement[bool]]:
    f = term_filter
    conditions: list[ColumnElement[bool]] = [col(Term.taxonomy) == f.taxonomy]
    if f.search:
        # get_terms 'search': the name or the slug contains the text.
        pattern = _like(f.search)
        conditions.append(or_(col(Term.name).ilike(pattern, escape="\\"), col(Term.slug).ilike(pattern, escape="\\")))
    if f.include:
        conditions.append(col(Term.id).in_(f.include))
    if f.exclude:
        conditions.append(col(Term.id).not_in(f.exclude))
    if f.slugs:
        conditions.append(col(Term.slug).in_(f.slugs))
    if f.parent is not None:
        conditions.append(col(Term.parent_id) == f.parent)
    if f.hide_empty:
        conditions.append(published_count(f.object_types) > 0)
    if f.entry_id is not None:
        entry_terms = select(col(TermRelationship.term_id)).where(col(TermRelationship.entry_id) == f.entry_id)
        conditions.append(col(Term.id).in_(entry_terms))
    return conditions


def _order_by(order: TermOrder, object_types: tuple[str, ...]) -> list[Any]:
    if order.by == "include" and order.include:
        return [case({value: index for index, value in enumerate(order.include)}, value=col(Term.id), else_=-1)]
    if order.by == "include_slugs" and order.slugs:
        return [case({value: index for index, value in enumerate(order.slugs)}, value=col(Term.slug), else_=-1)]
    columns: dict[str, Any] = {
        "id": col(Term.id),
        # Text columns by their sort keys: the order of WordPress's database collation (app.core.collation).
        "slug": col(Term.slug_sort_key),
        "description": col(Term.description_sort_key),
        "count": published_count(object_types),
        # term_group is always 0 for imported terms; WordPress then falls back to MySQL's order.
        "term_group": col(Term.id),
    }
    column = columns.get(order.by, col(Term.name_sort_key))
    descending = order.direction == "desc"
    return ordered_by(column, col(Term.id), descending=descending)


def count_terms(session: Session, term_filter: TermFilter) -> int:
    """How many terms match (``wp_count_terms`` with the same arguments)."""
    query = select(func.count()).select_from(Term).where(*_conditions(term_filter))
    return int(session.scalar(query) or 0)


def list_terms(
    session: Session, term_filter: TermFilter, order: TermOrder, *, limit: int, offset: int
) -> list[tuple[Term, int]]:
    """One page of matching terms with their published-entry counts."""
    query = (
        select(Term, published_count(term_filter.object_types))
        .where(*_conditions(term_filter))
        .order_by(*_order_by(order, term_filter.object_types))
        .limit(limit)
        .offset(offset)
    )
    return [(term, int(count or 0)) for term, count in session.execute(query)]


def term_with_count(session: Session, term_id: int, object_types: tuple[str, ...] = ()) -> tuple[Term, int] | None:
    """One term and its published-entry count (entries of ``object_types`` only, if given)."""
    row = session.execute(select(Term, published_count(object_types)).where(col(Term.id) == term_id)).first()
    return None if row is None else (row[0], int(row[1] or 0))


def ancestor_slugs(session: Session, terms: list[Term]) -> dict[int, tuple[str, int]]:
    """Slug and parent of every ancestor of ``terms``, by one recursive query (cycles end it)."""
    parents = sorted({term.parent_id for term in terms} - {0})
    if not parents:
        return {}
    columns = (col(Term.id), col(Term.slug), col(Term.parent_id))
    tree = select(*columns).where(col(Term.id).in_(parents)).cte("term_ancestors", recursive=True)
    tree = tree.union(select(*columns).join(tree, col(Term.id) == tree.c.parent_id))
    return {int(row.id): (str(row.slug), int(row.parent_id)) for row in session.execute(select(tree))}


def public_taxonomies(session: Session) -> list[str]:
    """Taxonomies that have terms and a REST route of their own."""
    rows = session.scalars(select(col(Term.taxonomy)).distinct())
    return sorted(name for name in rows if name not in INTERNAL_TAXONOMIES)
