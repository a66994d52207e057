"""``OPTIONS`` on any REST route: its description and item schema (``WP_REST_Server::get_data_for_route``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from app.api.deps import CallerDep, SessionDep
from app.api.wp_v2.index import describe_route
from app.api.wp_v2.query_string import group_query
from app.api.wp_v2.registry import route_for
from app.api.wp_v2.rest_errors import RestError
from app.api.wp_v2.rest_response import RestResult, error_result, send
from app.auth.permissions import Caller
from app.content.permalinks import load_site

Query = dict[str, Any]

router = APIRouter()


def _route_description(session: Session, path: str, rest_root: str, caller: Caller, query: Query) -> RestResult:
    route = route_for(path, session)
    if route is None:
        # rest_handle_options_request finds no handler: the server's usual no-route answer.
        raise RestError("rest_no_route", "No route was found matching the URL and request method.", 404)
    data = describe_route(route, rest_root)
    if route.schema is not None:
        # The 'help' context of get_data_for_route: the schema comes before the links.
        links = data.pop("_links", None)
        data["schema"] = route.schema(session)
        if links is not None:
            data["_links"] = links
    # rest_send_allow_header: only the methods whose permission check passes for this caller.
    allowed = ", ".join(route.methods) if route.allows_get(caller, query) else None
    return RestResult(data=data, headers={"Allow": allowed} if allowed else {})


@router.options("/wp-json/{path:path}", name="describe_route")
def describe(path: str, request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """Describe a route: its methods, arguments and the JSON Schema of its items."""
    site = load_site(session)
    query = group_query(request.query_params.multi_items())
    try:
        result = _route_description(session, "/" + path, site.rest_root, caller, query)
    except RestError as error:
        result = error_result(error, [])
    response = send(request, result, site.rest_root)
    # rest_send_cors_headers sends Vary: Origin with anonymous GETs only.
    del response.headers["Vary"]
    return response
