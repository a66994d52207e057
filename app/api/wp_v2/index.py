"""``GET /wp-json/`` and the namespace indexes, shaped as ``WP_REST_Server::get_index`` and ``get_namespace_index``.

Every route comes from the registry the route modules declare into, with the same ``args`` their
validation uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, Request, Response

from app.api.deps import SessionDep
from app.api.wp_v2.registry import Arg, RestRoute, register, registered_routes
from app.api.wp_v2.rest_response import RestResult, send
from app.content.permalinks import load_site
from app.options.service import get_options

router = APIRouter()

NAMESPACES = ("wp/v2", "vellum/v1")
# rest_api_default_filters / create_initial_rest_routes: the order WordPress registers wp/v2 controllers.
WORDPRESS_ORDER = (
    "posts", "pages", "media", "menu-items", "blocks", "events", "types", "statuses", "taxonomies",
    "categories", "tags", "menus", "users", "comments", "search", "settings", "menu-locations",
)  # fmt: skip
_SITE_OPTIONS = ["blogname", "blogdescription", "siteurl", "home", "gmt_offset", "timezone_string"]
# The index routes' args carry defaults only: WordPress registers them without a schema.
_VIEW = Arg({"default": "view"})


def describe_route(route: RestRoute, rest_root: str) -> dict[str, Any]:
    """``WP_REST_Server::get_data_for_route`` for a route: its endpoints and, for fixed paths, a self link."""
    endpoint: dict[str, Any] = {"methods": list(route.methods)}
    if route.allow_batch:
        endpoint["allow_batch"] = {"v1": True}
    # PHP's empty args array is a JSON list.
    endpoint["args"] = route.described_args() or []
    data: dict[str, Any] = {"namespace": route.namespace, "methods": list(route.methods), "endpoints": [endpoint]}
    if not route.has_url_params:
        data["_links"] = {"self": [{"href": rest_root + route.pattern.lstrip("/")}]}
    return data


def describe_routes(routes: Iterable[RestRoute], rest_root: str) -> dict[str, dict[str, Any]]:
    """The ``routes`` member of an index, keyed by the route's pattern as WordPress writes it."""
    return {route.pattern: describe_route(route, rest_root) for route in routes}


def _in_index_order(routes: Iterable[RestRoute]) -> list[RestRoute]:
    """The root, then per namespace its own route and its routes in WordPress's registration order."""
    namespaces = {f"/{namespace}": position for position, namespace in enumerate(NAMESPACES)}

    def key(route: RestRoute) -> tuple[int, int, int]:
        if route.pattern == "/":
            return (-1, 0, 0)
        namespace = namespaces.get(f"/{route.namespace}", len(NAMESPACES))
        if route.pattern in namespaces:
            return (namespace, -1, 0)
        base = route.pattern.removeprefix(f"/{route.namespace}/").split("/")[0]
        # A plugin's route comes after the core routes it is registered beside.
        base, after = (route.listed_with, 1) if route.listed_with else (base, 0)
        return (namespace, WORDPRESS_ORDER.index(base) if base in WORDPRESS_ORDER else len(WORDPRESS_ORDER), after)

    return sorted(routes, key=key)  # stable: same rank keeps declaration order


def _answer(request: Request, session: SessionDep, data: dict[str, Any]) -> Response:
    site = load_site(session)
    return send(request, RestResult(data=data, headers={"Allow": "GET"}), site.rest_root)


@router.get("/wp-json/", response_model=None)
@router.get("/wp-json", response_model=None, include_in_schema=False)
def index(request: Request, session: SessionDep) -> Response:
    """Describe the site and every route this API answers, as WordPress's REST index does."""
    options = get_options(session, _SITE_OPTIONS)
    rest_root = load_site(session).rest_root
    data = {
        "name": options["blogname"],
        "description": options["blogdescription"],
        "url": options["siteurl"],
        "home": options["home"],
        "gmt_offset": str(options["gmt_offset"]),
        "timezone_string": options["timezone_string"],
        "namespaces": list(NAMESPACES),
        # Application passwords are not offered: this API only reads.
        "authentication": {},
        "routes": describe_routes(_in_index_order(registered_routes(session)), rest_root),
        "site_logo": 0,
        "site_icon": 0,
        "site_icon_url": "",
        "_links": {"help": [{"href": "https://developer.wordpress.org/rest-api/"}]},
    }
    return _answer(request, session, data)


@router.get("/", response_model=None)
def site_root(request: Request, session: SessionDep) -> Response:
    """The site's front door: where its REST API is, as WordPress's pages announce it (API discovery).

    Vellum renders no theme, so the home URL answers the site's name with the ``Link`` header
    (``rel="https://api.w.org/"``) clients such as ``WPAPI.discover`` look for, and the API root.
    """
    options = get_options(session, _SITE_OPTIONS)
    rest_root = load_site(session).rest_root
    data = {
        "name": options["blogname"],
        "description": options["blogdescription"],
        "url": options["siteurl"],
        "home": options["home"],
        "api": rest_root,
    }
    return _answer(request, session, data)


def _namespace_index(namespace: str) -> Any:
    def namespace_index(request: Request, session: SessionDep) -> Response:
        rest_root = load_site(session).rest_root
        routes = _in_index_order(route for route in registered_routes(session) if route.namespace == namespace)
        data = {
            "namespace": namespace,
            "routes": describe_routes(routes, rest_root),
            "_links": {"up": [{"href": rest_root}]},
        }
        return _answer(request, session, data)

    namespace_index.__doc__ = f"Every route of the {namespace} namespace, as WordPress's namespace index lists them."
    return namespace_index


register(RestRoute("/", {"context": _VIEW}))
for _namespace in NAMESPACES:
    register(RestRoute(f"/{_namespace}", {"namespace": Arg({"default": _namespace}), "context": _VIEW}))
    router.add_api_route(
        f"/wp-json/{_namespace}", _namespace_index(_namespace), methods=["GET"], name=f"index_{_namespace}"
    )
