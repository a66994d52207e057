"""``/wp-json/wp/v2/menus``, ``/menu-items`` and ``/menu-locations``: readable only by editors and up.

WordPress 6.1 refuses anonymous callers with ``rest_cannot_view`` (401) once the parameters and the
parent controller's checks pass; the answers for authorised callers are built by the ``*_result``
functions, which tests call with a caller built in code (no HTTP authentication exists yet).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from sqlalchemy.orm import Session

from app.api.deps import CallerDep, PathId, SessionDep
from app.api.wp_v2.collection import check_page, pagination_headers
from app.api.wp_v2.item_schemas import listed_statuses, public_statuses
from app.api.wp_v2.menu_schemas import NAV_MENU, menu_item_schema, menu_location_schema, menu_schema
from app.api.wp_v2.menu_serializer import serialize_location, serialize_menu, serialize_menu_item
from app.api.wp_v2.params import STATUSES, Parser, collection_args, item_args, validate_args
from app.api.wp_v2.post_types import PostTypeSpec, TaxonomyRoute
from app.api.wp_v2.query_string import group_query
from app.api.wp_v2.registry import (
    Arg,
    RestRoute,
    Schema,
    SchemaBuilder,
    context_arg,
    fixed_schema,
    item_pattern,
    order_arg,
    parsers_of,
    register,
    register_site_routes,
)
from app.api.wp_v2.rest_errors import RestError, forbidden, invalid_post_id
from app.api.wp_v2.rest_response import RestResult, error_result, send
from app.api.wp_v2.terms import collection_args as term_collection_args
from app.api.wp_v2.terms import item_args as term_item_args
from app.auth.permissions import Caller, can_edit, can_read_menu_locations, can_read_menus
from app.content.permalinks import Site, load_site
from app.content.registry_config.registry import site_registry
from app.menus import queries as mq

router = APIRouter()

_LOCATION = re.compile(r"[\w-]+")

_LOCATION_ARGS = {"context": context_arg()}
_CONTEXT: dict[str, Parser] = parsers_of(_LOCATION_ARGS)
# The menus controller is the terms controller of nav_menu: its arguments, described and checked, are that one's.
_MENU_PARSERS: dict[str, Parser] = parsers_of(term_collection_args(NAV_MENU))
# The menu items' posts-controller query as WordPress describes it: not hierarchical, no author, filtered by menu.
_MENU_ITEM_SPEC = PostTypeSpec(
    "nav_menu_item", "menu-items", has_author=False, taxonomies=(TaxonomyRoute("nav_menu", "menus", False),)
)


def _cannot_view(what: str) -> RestError:
    return RestError("rest_cannot_view", f"Sorry, you are not allowed to view {what}.", 401, is_permission=True)


def _forbidden_context(message: str) -> RestError:
    return RestError("rest_forbidden_context", message, 401, is_permission=True)


def _query(request: Request) -> dict[str, Any]:
    return group_query(request.query_params.multi_items())


def _page(items: list[Any], values: dict[str, Any], per_page_default: int) -> tuple[list[Any], int, int]:
    page, per_page = values.get("page", 1), values.get("per_page", per_page_default)
    check_page(page, len(items), per_page)
    return items[(page - 1) * per_page : page * per_page], page, per_page


def menus_result(session: Session, site: Site, caller: Caller, raw: dict[str, Any]) -> RestResult:
    """``GET /wp/v2/menus``: every menu, by name (``WP_REST_Menus_Controller::get_items``)."""
    values = validate_args(raw, _MENU_PARSERS)
    context = values.get("context", "view")
    if context == "edit" and not caller.can("edit_theme_options"):
        raise _forbidden_context("Sorry, you are not allowed to edit terms in this taxonomy.")
    if not can_read_menus(caller):
        raise _cannot_view("menus")
    menus = [menu for menu in mq.list_menus(session) if _selected(menu.id or 0, menu.slug, values)]
    shown, page, per_page = _page(menus, values, 10)
    locations, auto_add = mq.menu_locations(session), mq.auto_add_menus(session)
    data = [
        serialize_menu(menu, mq.locations_of(locations, menu.id or 0), menu.id in auto_add, site, context)
        for menu in shown
    ]
    headers = pagination_headers(f"{site.rest_root}wp/v2/menus", raw, page=page, per_page=per_page, total=len(menus))
    return RestResult(data=data, headers={**headers, "Allow": "GET, POST"})


def _selected(menu_id: int, slug: str, values: dict[str, Any]) -> bool:
    if values.get("include") and menu_id not in values["include"]:
        return False
    if values.get("slug") and slug not in values["slug"]:
        return False
    return menu_id not in values.get("exclude", [])


def menu_result(session: Session, site: Site, caller: Caller, raw: dict[str, Any], menu_id: int) -> RestResult:
    """``GET /wp/v2/menus/{id}``: an unknown menu is 404 before any permission check."""
    values = validate_args(raw, _CONTEXT)
    menu = mq.menu_by_id(session, menu_id)
    if menu is None:
        raise RestError("rest_term_invalid", "Term does not exist.", 404, is_permission=True)
    context = values.get("context", "view")
    if context == "edit" and not caller.can("edit_theme_options"):
        raise _forbidden_context("Sorry, you are not allowed to edit this term.")
    if not can_read_menus(caller):
        raise _cannot_view("menus")
    locations = mq.locations_of(mq.menu_locations(session), menu_id)
    data = serialize_menu(menu, locations, menu_id in mq.auto_add_menus(session), site, context)
    return RestResult(data=data, headers={"Allow": "GET, POST, PUT, PATCH, DELETE"})


def menu_items_result(session: Session, site: Site, caller: Caller, raw: dict[str, Any]) -> RestResult:
    """``GET /wp/v2/menu-items``: items by menu order, 100 a page (``WP_REST_Menu_Items_Controller``)."""
    # Every argument the route publishes is checked, before the permission check, as WordPress does.
    values = validate_args(raw, parsers_of(menu_item_args(listed_statuses(site_registry(session)))))
    context = values.get("context", "view")
    if context == "edit" and not can_edit(caller, "nav_menu_item"):
        raise _forbidden_context("Sorry, you are not allowed to edit posts in this post type.")
    if not can_read_menus(caller):
        raise _cannot_view("menu items")
    menu_ids = values["menus"]["terms"] if "menus" in values else None
    rows = [row for row in mq.menu_rows(session, caller, menu_ids=menu_ids or None) if _kept(row, values)]
    if values.get("order") == "desc":
        rows.reverse()
    shown, page, per_page = _page(rows, values, 100)
    data = _serialize_items(session, site, shown, context)
    url = f"{site.rest_root}wp/v2/menu-items"
    headers = pagination_headers(url, raw, page=page, per_page=per_page, total=len(rows))
    return RestResult(data=data, headers={**headers, "Allow": "GET, POST"})


def _kept(row: mq.MenuRow, values: dict[str, Any]) -> bool:
    entry_id = int(row.entry.id or 0)
    if "menu_order" in values and row.entry.menu_order != values["menu_order"]:
        return False
    return _selected(entry_id, row.entry.slug, values)


def _serialize_items(session: Session, site: Site, rows: list[mq.MenuRow], context: str) -> list[dict[str, Any]]:
    linked = mq.load_linked(session, rows)
    menus = mq.menu_ids_of(session, [int(row.entry.id or 0) for row in rows])
    resolved = [mq.resolve(row, linked, site) for row in rows]
    return [serialize_menu_item(item, menus.get(item.id, 0), site, context) for item in resolved]


def menu_item_result(session: Session, site: Site, caller: Caller, raw: dict[str, Any], item_id: int) -> RestResult:
    """``GET /wp/v2/menu-items/{id}``: the posts controller's checks, then the menu read check."""
    values = validate_args(raw, _CONTEXT)
    row = mq.menu_row(session, item_id)
    if row is None:
        raise invalid_post_id()
    context = values.get("context", "view")
    if context == "edit" and not can_edit(caller, "nav_menu_item"):
        raise _forbidden_context("Sorry, you are not allowed to edit this post.")
    # check_read_permission: a published item passes; others need the right to edit menu items.
    if row.entry.status != "publish" and not can_edit(caller, "nav_menu_item"):
        raise forbidden()
    if not can_read_menus(caller):
        raise _cannot_view("menu items")
    data = _serialize_items(session, site, [row], context)[0]
    return RestResult(data=data, headers={"Allow": "GET, POST, PUT, PATCH, DELETE"})


def locations_result(session: Session, site: Site, caller: Caller, raw: dict[str, Any]) -> RestResult:
    """``GET /wp/v2/menu-locations``: an object keyed by location (a JSON ``[]`` when there is none)."""
    validate_args(raw, _CONTEXT)
    if not can_read_menu_locations(caller):
        raise _cannot_view("menu locations")
    # The theme registers the locations; Vellum knows only the assigned ones, without descriptions.
    locations = mq.menu_locations(session)
    data = {name: serialize_location(name, "", menu_id, site) for name, menu_id in locations.items()}
    return RestResult(data=data or [], headers={"Allow": "GET"})


def location_result(session: Session, site: Site, caller: Caller, raw: dict[str, Any], location: str) -> RestResult:
    """``GET /wp/v2/menu-locations/{location}``."""
    validate_args(raw, _CONTEXT)
    if not can_read_menu_locations(caller):
        raise _cannot_view("menu locations")
    locations = mq.menu_locations(session)
    if location not in locations:
        raise RestError("rest_menu_location_invalid", "Invalid menu location.", 404)
    return RestResult(data=serialize_location(location, "", locations[location], site), headers={"Allow": "GET"})


def _answer(
    request: Request, session: Session, caller: Caller, build: Callable[..., RestResult], *key: Any
) -> Response:
    site = load_site(session)
    allowed = ["GET"] if build in (locations_result, location_result) else ["GET", "POST"]
    if key and build is not location_result:
        allowed += ["PUT", "PATCH", "DELETE"]
    try:
        result = build(session, site, caller, _query(request), *key)
    except RestError as error:
        result = error_result(error, allowed)
    return send(request, result, site.rest_root)


def list_menus_route(request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """The site's menus."""
    return _answer(request, session, caller, menus_result)


def get_menu_route(id: PathId, request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """One menu by term ID."""
    return _answer(request, session, caller, menu_result, id)


def list_menu_items_route(request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """Every menu item."""
    return _answer(request, session, caller, menu_items_result)


def get_menu_item_route(id: PathId, request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """One menu item by ID."""
    return _answer(request, session, caller, menu_item_result, id)


def list_locations_route(request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """The theme locations with the menu assigned to each."""
    return _answer(request, session, caller, locations_result)


def get_location_route(location: str, request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """One theme location; the route only matches ``[\\w-]+`` as WordPress registers it."""
    if not _LOCATION.fullmatch(location):
        raise HTTPException(404)
    return _answer(request, session, caller, location_result, location)


_ROUTES: list[tuple[str, Callable[..., Response]]] = [
    ("/wp-json/wp/v2/menus", list_menus_route),
    ("/wp-json/wp/v2/menus/{id:int}", get_menu_route),
    ("/wp-json/wp/v2/menu-items", list_menu_items_route),
    ("/wp-json/wp/v2/menu-items/{id:int}", get_menu_item_route),
    ("/wp-json/wp/v2/menu-locations", list_locations_route),
    ("/wp-json/wp/v2/menu-locations/{location}", get_location_route),
]
for _path, _endpoint in _ROUTES:
    router.add_api_route(_path, _endpoint, methods=["GET"], name=_endpoint.__name__)

_menus_schema = fixed_schema(menu_schema)


def _menu_items_schema(session: Session) -> Schema:
    return menu_item_schema(public_statuses(site_registry(session)), load_site(session).rest_root)


_locations_schema = fixed_schema(menu_location_schema)


def menu_item_args(statuses: Sequence[str] = STATUSES) -> dict[str, Arg]:
    """``WP_REST_Menu_Items_Controller::get_collection_params``: the posts controller's for nav_menu_item
    (filtered by menus, the nav_menu taxonomy's rest_base), 100 a page by menu order, then ``menu_order``.

    All are checked; menus, include, exclude, slug, menu_order, order and the paging filter so far.
    """
    args = collection_args(_MENU_ITEM_SPEC, statuses)
    args["per_page"] = Arg({**args["per_page"].schema, "default": 100})
    args["order"] = order_arg("asc")
    orderby = args["orderby"].schema
    description = "Sort collection by object attribute."
    args["orderby"] = Arg(
        {**orderby, "description": description, "default": "menu_order", "enum": [*orderby["enum"], "menu_order"]}
    )
    args["menu_order"] = Arg(
        {"description": "Limit result set to posts with a specific menu_order value.", "type": "integer"}
    )
    return args


_ITEMS = "/wp/v2/menu-items"


def _may_read_menus(caller: Caller, _query: Mapping[str, Any]) -> bool:
    return can_read_menus(caller)


def _may_read_locations(caller: Caller, _query: Mapping[str, Any]) -> bool:
    return can_read_menu_locations(caller)


def _menu_route(pattern: str, args: Mapping[str, Arg], schema: SchemaBuilder) -> RestRoute:
    """A route of the menus or menu items controller: batched, readable by editors and up."""
    return RestRoute(pattern, args, schema=schema, allow_batch=True, may_get=_may_read_menus)


def _location_route(pattern: str, args: Mapping[str, Arg]) -> RestRoute:
    return RestRoute(pattern, args, schema=_locations_schema, may_get=_may_read_locations)


register(_menu_route("/wp/v2/menus", term_collection_args(NAV_MENU), _menus_schema))
register(_menu_route(item_pattern("/wp/v2/menus"), term_item_args(), _menus_schema))
register(_menu_route(_ITEMS, menu_item_args(), _menu_items_schema))
register(_menu_route(item_pattern(_ITEMS), item_args(has_password=False), _menu_items_schema))
# WP_REST_Menu_Locations_Controller::register_routes; its checks are these args' (_CONTEXT).
register(_location_route("/wp/v2/menu-locations", _LOCATION_ARGS))
_LOCATION_ARG = Arg({"description": "An alphanumeric identifier for the menu location.", "type": "string"})
register(_location_route(r"/wp/v2/menu-locations/(?P<location>[\w-]+)", {"location": _LOCATION_ARG, **_LOCATION_ARGS}))


@register_site_routes
def site_menu_item_routes(session: Session) -> list[RestRoute]:
    """The menu items' collection lists the site's statuses (a plugin's among them)."""
    args = menu_item_args(listed_statuses(site_registry(session)))
    return [_menu_route(_ITEMS, args, _menu_items_schema)]
