"""``GET /wp-json/``: the API index, shaped as WordPress's ``WP_REST_Server::get_index``."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request

from app.api.deps import SessionDep
from app.api.responses import OrjsonResponse
from app.options.service import get_options

router = APIRouter()

_PATH_PARAM = re.compile(r"\{(\w+)\}")


def wordpress_route(path: str) -> str:
    """``/wp/v2/posts/{id}`` as WordPress names it: ``/wp/v2/posts/(?P<id>[\\d]+)``."""
    return _PATH_PARAM.sub(lambda match: rf"(?P<{match.group(1)}>[\d]+)", path)


def _namespace(route: str) -> str:
    parts = route.strip("/").split("/")
    return "/".join(parts[:2]) if len(parts) >= 2 else ""


def _routes(request: Request) -> dict[str, dict[str, Any]]:
    # Read from the OpenAPI document (public and cached by FastAPI) rather than router internals.
    routes: dict[str, dict[str, Any]] = {}
    base = str(request.base_url).rstrip("/")
    for path, operations in request.app.openapi()["paths"].items():
        if not path.startswith("/wp-json"):
            continue
        name = wordpress_route(path.removeprefix("/wp-json").rstrip("/")) or "/"
        methods = sorted(method.upper() for method in operations if method != "head")
        entry = routes.setdefault(name, {"namespace": _namespace(name), "methods": [], "endpoints": []})
        entry["methods"] = sorted(set(entry["methods"]) | set(methods))
        entry["endpoints"].append({"methods": methods, "args": {}})
        if "{" not in path:
            entry["_links"] = {"self": [{"href": base + path}]}
    return routes


@router.get("/wp-json/", response_class=OrjsonResponse)
@router.get("/wp-json", response_class=OrjsonResponse, include_in_schema=False)
def index(request: Request, session: SessionDep) -> dict[str, Any]:
    """Describe the site and every route this API answers, as WordPress's REST index does."""
    options = get_options(session, ["blogname", "blogdescription", "siteurl", "home", "gmt_offset", "timezone_string"])
    routes = _routes(request)
    namespaces = sorted({entry["namespace"] for entry in routes.values() if entry["namespace"]})
    return {
        "name": options["blogname"],
        "description": options["blogdescription"],
        "url": options["siteurl"],
        "home": options["home"],
        "gmt_offset": str(options["gmt_offset"]),
        "timezone_string": options["timezone_string"],
        "namespaces": namespaces,
        "authentication": {},
        "routes": routes,
        "site_logo": 0,
        "site_icon": 0,
        "site_icon_url": "",
        "_links": {"help": [{"href": "https://developer.wordpress.org/rest-api/"}]},
    }
