"""Menus (``nav_menu`` terms), their items, theme locations, and each item resolved to a label and a link.

Resolution follows ``wp_setup_nav_menu_item``: an empty label falls back to the linked object's current
title, links to posts and terms are computed now (never stored), and an item whose object is missing or
trashed is ``invalid``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.api.wp_v2.permalinks import Site, permalink
from app.api.wp_v2.term_serializer import TaxonomySpec, term_link
from app.auth.permissions import Caller, readable_filter
from app.content.models import Entry
from app.content.queries import EntryRelations, load_relations
from app.menus.models import MenuItem
from app.options.service import get_option
from app.rendering.excerpt import trim_words
from app.rendering.pipeline import render_title
from app.taxonomy.models import Term, TermRelationship
from app.taxonomy.queries import ancestor_slugs

MENU_TAXONOMY = "nav_menu"
# ``labels->singular_name`` of the types and taxonomies WordPress registers (``type_label``).
_POST_TYPE_LABELS = {"post": "Post", "page": "Page", "attachment": "Media", "ai1ec_event": "Event"}
_TAXONOMY_LABELS = {"category": "Category", "post_tag": "Tag", "post_format": "Format"}
_TYPE_LABELS = {"custom": "Custom Link", "post_type_archive": "Post Type Archive"}


@dataclass(frozen=True, slots=True)
class MenuRow:
    """A menu item: its entry (label, description, title attribute, order) and typed details."""

    entry: Entry
    item: MenuItem


@dataclass(frozen=True, slots=True)
class ResolvedItem:
    """A menu item as ``wp_setup_nav_menu_item`` leaves it; ``linked`` is the post it points at."""

    row: MenuRow
    title: str
    url: str
    type_label: str
    invalid: bool
    linked: Entry | None = None
    # The term with the item's object ID, whatever its taxonomy (the REST link follows the term itself).
    linked_term: Term | None = None

    @property
    def id(self) -> int:
        return int(self.row.entry.id or 0)

    @property
    def description(self) -> str:
        """``nav_menu_description``: the item's content cut to 200 words, tags stripped."""
        return trim_words(self.row.entry.content, 200, "&hellip;")


@dataclass(slots=True)
class LinkedObjects:
    """The posts and terms a batch of items links to, with what their links need."""

    entries: dict[int, Entry] = field(default_factory=dict)
    relations: EntryRelations = field(default_factory=EntryRelations)
    terms: dict[int, Term] = field(default_factory=dict)
    term_ancestors: dict[int, tuple[str, int]] = field(default_factory=dict)


def list_menus(session: Session) -> list[Term]:
    """Every menu, by name as ``wp_get_nav_menus`` orders them (in WordPress's collation: app.core.collation)."""
    query = select(Term).where(col(Term.taxonomy) == MENU_TAXONOMY).order_by(col(Term.name_sort_key), col(Term.id))
    return list(session.scalars(query))


def menu_by_id(session: Session, menu_id: int) -> Term | None:
    """The menu with that term ID, or None."""
    term = session.get(Term, menu_id)
    return term if term is not None and term.taxonomy == MENU_TAXONOMY else None


def menu_by_slug(session: Session, slug: str) -> Term | None:
    """The menu with that slug, or None."""
    query = select(Term).where(col(Term.taxonomy) == MENU_TAXONOMY, col(Term.slug) == slug)
    return session.scalars(query).first()


def menu_locations(session: Session) -> dict[str, int]:
    """``get_nav_menu_locations``: theme location slug -> menu term ID, from the site option."""
    stored = get_option(session, "nav_menu_locations") or {}
    if not isinstance(stored, dict):
        return {}
    assigned = {str(slug): _as_id(menu_id) for slug, menu_id in stored.items()}
    return {slug: menu_id for slug, menu_id in assigned.items() if menu_id}


def _as_id(value: object) -> int:
    try:
        return max(int(str(value)), 0)
    except ValueError:
        return 0


def locations_of(locations: dict[str, int], menu_id: int) -> list[str]:
    """The locations a menu is assigned to, in the option's order."""
    return [slug for slug, assigned in locations.items() if assigned == menu_id]


def auto_add_menus(session: Session) -> set[int]:
    """Menus that get new top-level pages automatically (option ``nav_menu_options['auto_add']``)."""
    options = get_option(session, "nav_menu_options") or {}
    auto_add = options.get("auto_add", []) if isinstance(options, dict) else []
    if not isinstance(auto_add, list):
        return set()
    return {_as_id(menu_id) for menu_id in auto_add} - {0}


def menu_rows(session: Session, caller: Caller, *, menu_ids: Sequence[int] | None = None) -> list[MenuRow]:
    """The menu items the caller may read, by menu order then ID (``wp_get_nav_menu_items``)."""
    query = (
        select(Entry, MenuItem)
        .join(MenuItem, col(MenuItem.entry_id) == col(Entry.id))
        .where(col(Entry.type) == "nav_menu_item", readable_filter(caller, "nav_menu_item"))
        .order_by(col(Entry.menu_order), col(Entry.id))
    )
    if menu_ids is not None:
        query = query.where(col(MenuItem.menu_id).in_(list(menu_ids)))
    return [MenuRow(entry, item) for entry, item in session.execute(query)]


def published_rows(session: Session, menu_id: int) -> list[MenuRow]:
    """A menu's published items, as ``wp_get_nav_menu_items`` lists them for the site (drafts are unsaved)."""
    query = (
        select(Entry, MenuItem)
        .join(MenuItem, col(MenuItem.entry_id) == col(Entry.id))
        .where(col(Entry.type) == "nav_menu_item", col(Entry.status) == "publish", col(MenuItem.menu_id) == menu_id)
        .order_by(col(Entry.menu_order), col(Entry.id))
    )
    return [MenuRow(entry, item) for entry, item in session.execute(query)]


def menu_row(session: Session, entry_id: int) -> MenuRow | None:
    """One menu item by its entry ID, whatever its status (the caller's rights are checked by the route)."""
    query = (
        select(Entry, MenuItem)
        .join(MenuItem, col(MenuItem.entry_id) == col(Entry.id))
        .where(col(Entry.id) == entry_id, col(Entry.type) == "nav_menu_item")
    )
    found = session.execute(query).first()
    return None if found is None else MenuRow(found[0], found[1])


def menu_ids_of(session: Session, entry_ids: Sequence[int]) -> dict[int, int]:
    """The ``nav_menu`` term of each item, from its term relationship (what ``menus`` reports)."""
    query = (
        select(col(TermRelationship.entry_id), col(Term.id))
        .join(Term, col(Term.id) == col(TermRelationship.term_id))
        .where(col(TermRelationship.entry_id).in_(list(entry_ids)), col(Term.taxonomy) == MENU_TAXONOMY)
    )
    return {int(entry_id): int(term_id or 0) for entry_id, term_id in session.execute(query)}


def load_linked(session: Session, rows: Sequence[MenuRow]) -> LinkedObjects:
    """The posts and terms the items point at, in three queries plus what their permalinks need."""
    entry_ids = sorted({row.item.object_id for row in rows if row.item.item_type == "post_type"})
    term_ids = sorted({row.item.object_id for row in rows if row.item.item_type == "taxonomy"})
    entries = list(session.scalars(select(Entry).where(col(Entry.id).in_(entry_ids)))) if entry_ids else []
    terms = list(session.scalars(select(Term).where(col(Term.id).in_(term_ids)))) if term_ids else []
    return LinkedObjects(
        entries={int(entry.id or 0): entry for entry in entries},
        relations=load_relations(session, entries, ["category"]),
        terms={int(term.id or 0): term for term in terms},
        term_ancestors=ancestor_slugs(session, terms),
    )


def resolve(row: MenuRow, linked: LinkedObjects, site: Site) -> ResolvedItem:
    """The item's label, link, type label and validity, as ``wp_setup_nav_menu_item`` computes them."""
    kind = row.item.item_type
    if kind == "post_type":
        return _resolve_post(row, linked, site)
    if kind == "taxonomy":
        return _resolve_term(row, linked, site)
    if kind == "post_type_archive":
        return _resolve_archive(row, site)
    return ResolvedItem(row, row.entry.title, row.item.url, _TYPE_LABELS["custom"], invalid=False)


def _fallback(label: str, original: str, object_id: int) -> str:
    # An item stores an empty label when it equals the object's title, so renames carry through.
    return label or original or f"#{object_id} (no title)"


def _resolve_post(row: MenuRow, linked: LinkedObjects, site: Site) -> ResolvedItem:
    target = linked.entries.get(row.item.object_id)
    type_label = _POST_TYPE_LABELS.get(row.item.object, row.item.object)
    if target is None or target.type != row.item.object:
        title = _fallback(row.entry.title, "", row.item.object_id)
        return ResolvedItem(row, title, "", type_label, invalid=True)
    title = _fallback(row.entry.title, render_title(target.title), row.item.object_id)
    url = permalink(target, site, linked.relations)
    return ResolvedItem(row, title, url, type_label, invalid=target.status == "trash", linked=target)


def _resolve_term(row: MenuRow, linked: LinkedObjects, site: Site) -> ResolvedItem:
    term = linked.terms.get(row.item.object_id)
    type_label = _TAXONOMY_LABELS.get(row.item.object, row.item.object)
    if term is None or term.taxonomy != row.item.object:
        title = _fallback(row.entry.title, "", row.item.object_id)
        return ResolvedItem(row, title, "", type_label, invalid=True, linked_term=term)
    spec = TaxonomySpec(term.taxonomy, term.taxonomy, is_hierarchical=term.taxonomy != "post_tag")
    url = term_link(term, spec, site, linked.term_ancestors)
    title = _fallback(row.entry.title, term.name, row.item.object_id)
    return ResolvedItem(row, title, url, type_label, invalid=False, linked_term=term)


def _resolve_archive(row: MenuRow, site: Site) -> ResolvedItem:
    # get_post_type_archive_link: the posts archive is the front page; other types live under their name.
    post_type = row.item.object
    url = f"{site.home}/" if post_type == "post" else site.trailing(f"{site.home}/{post_type}")
    label = _POST_TYPE_LABELS.get(post_type, post_type.replace("_", " ").title())
    title = row.entry.title or f"{label} Archives"
    return ResolvedItem(row, title, url, _TYPE_LABELS["post_type_archive"], invalid=False)
