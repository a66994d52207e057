"""The three handlers of ``/wp/v2/search``: posts, terms and post formats (WordPress 6.1's search handlers).

Each answers one page of results already shaped as WordPress's search items, and the total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.api.wp_v2.term_serializer import TaxonomySpec
from app.auth.permissions import Caller, searchable_filter
from app.content.models import Entry
from app.content.permalinks import Site, permalink, term_link
from app.content.queries import load_relations
from app.content.registry_config.registry import Registry
from app.content.search import relevance_order, search_condition
from app.core.numbers import page_offset
from app.taxonomy.models import Term
from app.taxonomy.queries import INTERNAL_TAXONOMIES, ancestor_slugs

# get_post_format_strings(), in its order ('standard' never has a term, so never a link).
POST_FORMATS = {
    "standard": "Standard", "aside": "Aside", "chat": "Chat", "gallery": "Gallery", "link": "Link",
    "image": "Image", "quote": "Quote", "status": "Status", "video": "Video", "audio": "Audio",
}  # fmt: skip


@dataclass(slots=True)
class SearchQuery:
    """The validated request, as the handlers read it."""

    search: str = ""
    page: int = 1
    per_page: int = 10
    subtypes: list[str] = field(default_factory=list)
    include: list[int] = field(default_factory=list)
    exclude: list[int] = field(default_factory=list)


@dataclass(slots=True)
class SearchPage:
    """One page of search items and how many matched in all."""

    items: list[dict[str, Any]]
    total: int


def post_subtypes(registry: Registry) -> list[str]:
    """``WP_REST_Post_Search_Handler``'s subtypes: public REST post types but attachments, in registration order."""
    return [item.name for item in registry.post_types if item.is_served and item.name != "attachment"]


def term_subtypes(registry: Registry) -> list[str]:
    """``WP_REST_Term_Search_Handler``'s subtypes: public REST taxonomies the terms controller serves."""
    return [
        item.name
        for item in registry.taxonomies
        if item.public and item.show_in_rest and item.name not in INTERNAL_TAXONOMIES
    ]


def _rest_link(site: Site, route: str, about: str) -> dict[str, Any]:
    links: dict[str, Any] = {}
    if route:
        links["self"] = [{"embeddable": True, "href": site.rest_root + route}]
    links["about"] = [{"href": site.rest_root + about}]
    return links


def _post_conditions(query: SearchQuery, caller: Caller) -> list[ColumnElement[bool]]:
    # The handler queries post_status 'publish' only, whoever asks.
    conditions: list[ColumnElement[bool]] = [col(Entry.type).in_(query.subtypes), col(Entry.status) == "publish"]
    if query.search:
        # WP_Query leaves password-protected posts out of a visitor's search.
        conditions += [searchable_filter(caller), search_condition(query.search)]
    if query.exclude:
        conditions.append(col(Entry.id).not_in(query.exclude))
    if query.include:
        conditions.append(col(Entry.id).in_(query.include))
    return conditions


def search_posts(session: Session, query: SearchQuery, caller: Caller, site: Site, registry: Registry) -> SearchPage:
    """Published posts of the subtypes, by relevance when searching, then newest first."""
    conditions = _post_conditions(query, caller)
    total = int(session.scalar(select(func.count()).select_from(Entry).where(*conditions)) or 0)
    order = [relevance_order(query.search)] if query.search else []
    order += [col(Entry.date).desc(), col(Entry.id).desc()]
    offset = page_offset(query.page, query.per_page)
    statement = select(Entry).where(*conditions).order_by(*order).limit(query.per_page).offset(offset)
    entries = list(session.scalars(statement))
    relations = load_relations(session, entries, ("category",))
    items = [
        {
            "id": entry.id,
            "title": entry.title_rendered,
            "url": permalink(entry, site, relations),
            "type": "post",
            "subtype": entry.type,
            "_links": _rest_link(site, _post_route(entry, registry), f"wp/v2/types/{entry.type}"),
        }
        for entry in entries
    ]
    return SearchPage(items, total)


def _post_route(entry: Entry, registry: Registry) -> str:
    # rest_get_route_for_post: the type's rest_base, or no route for a type outside the REST API.
    registration = registry.post_type(entry.type)
    return f"wp/v2/{registration.rest_base}/{entry.id}" if registration and registration.show_in_rest else ""


def _term_conditions(query: SearchQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [col(Term.taxonomy).in_(query.subtypes)]
    if query.search:
        # WP_Term_Query's search: the name or the slug contains the text (MySQL compares case-insensitively).
        pattern = "%" + query.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(or_(col(Term.name).ilike(pattern, escape="\\"), col(Term.slug).ilike(pattern, escape="\\")))
    if query.exclude:
        conditions.append(col(Term.id).not_in(query.exclude))
    if query.include:
        conditions.append(col(Term.id).in_(query.include))
    return conditions


def search_terms(session: Session, query: SearchQuery, site: Site, registry: Registry) -> SearchPage:
    """Terms of the subtypes, empty ones too (``hide_empty`` false), by name."""
    conditions = _term_conditions(query)
    total = int(session.scalar(select(func.count()).select_from(Term).where(*conditions)) or 0)
    statement = (
        select(Term)
        .where(*conditions)
        .order_by(col(Term.name_sort_key), col(Term.id))
        .limit(query.per_page)
        .offset(page_offset(query.page, query.per_page))
    )
    terms = list(session.scalars(statement))
    ancestors = ancestor_slugs(session, terms)
    items = [_term_item(term, site, ancestors, registry) for term in terms]
    return SearchPage(items, total)


def _term_item(term: Term, site: Site, ancestors: dict[int, tuple[str, int]], registry: Registry) -> dict[str, Any]:
    registration = registry.taxonomy(term.taxonomy)
    # rest_get_route_for_term: the taxonomy's rest_base (subtypes are REST taxonomies, so it has one).
    base = registration.rest_base if registration else term.taxonomy
    spec = TaxonomySpec(term.taxonomy, base, is_hierarchical=bool(registration and registration.hierarchical))
    return {
        "id": term.id,
        "title": term.name,
        "url": term_link(term, spec.name, site, ancestors),
        "type": term.taxonomy,
        "_links": _rest_link(site, f"wp/v2/{base}/{term.id}", f"wp/v2/taxonomies/{term.taxonomy}"),
    }


def search_post_formats(session: Session, query: SearchQuery, site: Site) -> SearchPage:
    """Formats whose slug or label contains the text and that have a term (``get_post_format_link``)."""
    existing = set(session.scalars(select(col(Term.slug)).where(col(Term.taxonomy) == "post_format")))
    needle = query.search.lower()
    found = [
        slug
        for slug, label in POST_FORMATS.items()
        if f"post-format-{slug}" in existing and (needle in slug or needle in label.lower())
    ]
    start = (query.page - 1) * query.per_page
    items = [
        {"id": slug, "title": POST_FORMATS[slug], "url": _post_format_link(slug, site), "type": "post-format"}
        for slug in found[start : start + query.per_page]
    ]
    return SearchPage(items, len(found))


def _post_format_link(slug: str, site: Site) -> str:
    # _post_format_link: the archive is /type/{format}/, or ?post_format={format} without pretty links.
    if not site.permalink_structure:
        return f"{site.home}/?post_format={slug}"
    return site.trailing(f"{site.home}/type/{slug}")
