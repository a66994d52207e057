"""``/wp-json/vellum/v1/menus``: public menus as nested trees, what a front end renders.

Unlike wp/v2, anyone may read these; an item only appears when the caller may follow its link, as
``wp_get_nav_menu_items`` leaves invalid items out of menus shown on the site.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from sqlalchemy.orm import Session

from app.api.deps import CallerDep, SessionDep
from app.api.errors import problem
from app.api.responses import OrjsonResponse
from app.auth.permissions import Caller, can_read
from app.content.permalinks import Site, load_site
from app.menus import queries as mq
from app.menus.queries import ResolvedItem
from app.menus.tree import MenuNode, build_tree
from app.taxonomy.models import Term

router = APIRouter()


def menu_summaries(session: Session) -> list[dict[str, Any]]:
    """Every menu with the theme locations it is assigned to."""
    locations = mq.menu_locations(session)
    return [
        {"id": menu.id, "name": menu.name, "slug": menu.slug, "locations": mq.locations_of(locations, menu.id or 0)}
        for menu in mq.list_menus(session)
    ]


def menu_tree(session: Session, site: Site, caller: Caller, menu: Term) -> dict[str, Any]:
    """The menu and its items nested by parent, only those the caller may follow."""
    rows = mq.published_rows(session, int(menu.id or 0))
    linked = mq.load_linked(session, rows)
    resolved = [mq.resolve(row, linked, site) for row in rows]
    nodes = build_tree(resolved, lambda item: _followable(item, caller))
    locations = mq.locations_of(mq.menu_locations(session), int(menu.id or 0))
    summary = {"id": menu.id, "name": menu.name, "slug": menu.slug, "locations": locations}
    return {**summary, "items": [_node(node) for node in nodes]}


def _followable(item: ResolvedItem, caller: Caller) -> bool:
    if item.invalid:
        return False
    return item.linked is None or can_read(item.linked, caller)


def _node(node: MenuNode) -> dict[str, Any]:
    entry, item = node.item.row.entry, node.item.row.item
    return {
        "id": node.item.id,
        "title": node.item.title,
        "url": node.item.url,
        "target": item.target,
        "attr_title": entry.excerpt,
        "description": node.item.description,
        "classes": [name for name in item.classes if name],
        "xfn": item.xfn,
        "object": item.object,
        "object_id": item.object_id,
        "type": item.item_type,
        "children": [_node(child) for child in node.children],
    }


def _not_found(what: str, key: str) -> Response:
    return problem("Not Found", 404, code="vellum_menu_not_found", detail=f"No menu {what} {key!r}.")


def list_menus_route(session: SessionDep) -> Response:
    """Every menu: id, name, slug and locations."""
    return OrjsonResponse(menu_summaries(session))


def get_menu_route(slug: str, session: SessionDep, caller: CallerDep) -> Response:
    """One menu by slug, as a tree."""
    menu = mq.menu_by_slug(session, slug)
    if menu is None:
        return _not_found("with slug", slug)
    return OrjsonResponse(menu_tree(session, load_site(session), caller, menu))


def get_location_route(location: str, session: SessionDep, caller: CallerDep) -> Response:
    """The menu assigned to a theme location, as a tree."""
    menu_id = mq.menu_locations(session).get(location)
    menu = mq.menu_by_id(session, menu_id) if menu_id else None
    if menu is None:
        return _not_found("at location", location)
    return OrjsonResponse(menu_tree(session, load_site(session), caller, menu))


router.add_api_route("/wp-json/vellum/v1/menus", list_menus_route, methods=["GET"])
router.add_api_route("/wp-json/vellum/v1/menus/{slug}", get_menu_route, methods=["GET"])
router.add_api_route("/wp-json/vellum/v1/menu-locations/{location}", get_location_route, methods=["GET"])
