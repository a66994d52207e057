"""Menus, menu items and menu locations as WordPress 6.1's menu controllers shape them."""

from __future__ import annotations

from typing import Any

from app.api.wp_v2.links import CURIES
from app.api.wp_v2.post_types import ROUTE_BASES
from app.content.permalinks import Site
from app.menus.queries import ResolvedItem
from app.rendering.pipeline import render_title
from app.taxonomy.models import Term
from app.taxonomy.queries import INTERNAL_TAXONOMIES

# Item fields whose schema lists the "embed" context (``menus`` and ``meta`` are view and edit only).
_ITEM_EMBED_FIELDS = frozenset({
    "id", "title", "status", "url", "attr_title", "description", "type", "type_label", "object", "object_id",
    "parent", "menu_order", "target", "classes", "xfn", "invalid",
})  # fmt: skip
_MENU_EMBED_FIELDS = frozenset({"id", "name", "slug"})
# rest_get_route_for_term: the REST base of the taxonomies with a route.
_TERM_BASES = {"category": "categories", "post_tag": "tags"}


def serialize_menu(term: Term, locations: list[str], auto_add: bool, site: Site, context: str) -> dict[str, Any]:
    """``WP_REST_Menus_Controller::prepare_item_for_response``."""
    data: dict[str, Any] = {
        "id": term.id,
        "description": term.description,
        "name": term.name,
        "slug": term.slug,
        "meta": [],
        "locations": locations,
        "auto_add": auto_add,
    }
    if context == "embed":
        data = {key: value for key, value in data.items() if key in _MENU_EMBED_FIELDS}
    root = f"{site.rest_root}wp/v2/"
    data["_links"] = {
        "self": [{"href": f"{root}menus/{term.id}"}],
        "collection": [{"href": f"{root}menus"}],
        "about": [{"href": f"{root}taxonomies/nav_menu"}],
        "wp:post_type": [{"href": f"{root}menu-items?menus={term.id}"}],
        "curies": CURIES,
    }
    return data


def serialize_menu_item(resolved: ResolvedItem, menu_id: int, site: Site, context: str) -> dict[str, Any]:
    """``WP_REST_Menu_Items_Controller::prepare_item_for_response``, fields in its order."""
    entry, item = resolved.row.entry, resolved.row.item
    title: dict[str, str] = {"raw": resolved.title} if context == "edit" else {}
    title["rendered"] = render_title(resolved.title)
    data: dict[str, Any] = {
        "id": entry.id,
        "title": title,
        "status": entry.status,
        "url": resolved.url,
        "attr_title": entry.excerpt,
        "description": resolved.description,
        "type": item.item_type,
        "type_label": resolved.type_label,
        "object": item.object,
        "object_id": item.object_id,
        "parent": item.parent_item_id,
        "menu_order": entry.menu_order,
        "target": item.target,
        # An item saved with no classes stores one empty class, as the export carries it.
        "classes": list(item.classes) or [""],
        "xfn": item.xfn.split(" "),
        "invalid": resolved.invalid,
        "meta": [],
        "menus": menu_id,
    }
    if context == "embed":
        data = {key: value for key, value in data.items() if key in _ITEM_EMBED_FIELDS}
    data["_links"] = menu_item_links(resolved, site)
    return data


def menu_item_links(resolved: ResolvedItem, site: Site) -> dict[str, Any]:
    """``WP_REST_Menu_Items_Controller::prepare_links``: the menu, and the linked post or term."""
    root = f"{site.rest_root}wp/v2/"
    item_id = resolved.id
    links: dict[str, Any] = {
        "self": [{"href": f"{root}menu-items/{item_id}"}],
        "collection": [{"href": f"{root}menu-items"}],
        "about": [{"href": f"{root}types/nav_menu_item"}],
        "wp:term": [{"taxonomy": "nav_menu", "embeddable": True, "href": f"{root}menus?post={item_id}"}],
    }
    target = _object_link(resolved, root)
    if target is not None:
        links["wp:menu-item-object"] = [target]
    links["curies"] = CURIES
    return links


def _object_link(resolved: ResolvedItem, root: str) -> dict[str, Any] | None:
    """``rest_get_route_for_post`` / ``rest_get_route_for_term`` of the linked object, if it has a route."""
    entry, term = resolved.linked, resolved.linked_term
    if entry is not None and (base := ROUTE_BASES.get(entry.type)):
        return {"post_type": entry.type, "embeddable": True, "href": f"{root}{base}/{entry.id}"}
    if term is not None and term.taxonomy not in INTERNAL_TAXONOMIES:
        base = _TERM_BASES.get(term.taxonomy, term.taxonomy)
        return {"taxonomy": term.taxonomy, "embeddable": True, "href": f"{root}{base}/{term.id}"}
    return None


def serialize_location(name: str, description: str, menu_id: int, site: Site) -> dict[str, Any]:
    """``WP_REST_Menu_Locations_Controller::prepare_item_for_response``."""
    root = f"{site.rest_root}wp/v2/"
    links: dict[str, Any] = {
        "self": [{"href": f"{root}menu-locations/{name}"}],
        "collection": [{"href": f"{root}menu-locations"}],
    }
    if menu_id:
        links["wp:menu"] = [{"embeddable": True, "href": f"{root}menus/{menu_id}"}]
    links["curies"] = CURIES
    return {"name": name, "description": description, "menu": menu_id, "_links": links}
