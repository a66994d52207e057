"""Answering an embedded link from inside the request, as ``WP_REST_Server::embed_links`` dispatches one.

WordPress builds an internal ``WP_REST_Request`` from the link and dispatches it. Here the link is
matched against the application's own routes and their endpoint is called directly, with the outer
request's session and caller, so the embedded answer goes through the same permission checks and
serialisers as a request from outside would, without another HTTP round trip or worker thread.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

import orjson
from fastapi import HTTPException, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session
from starlette.routing import BaseRoute, Match

from app.auth.permissions import Caller

# WP_REST_Server::dispatch when no route matches the link.
NO_ROUTE = {
    "code": "rest_no_route",
    "message": "No route was found matching the URL and request method.",
    "data": {"status": 404},
}
# Scope entries that belong to the outer request's matched route, not to the embedded one.
_ROUTE_KEYS = ("route", "endpoint", "path_params")


def _sub_scope(request: Request, path: str, query: list[tuple[str, str]]) -> dict[str, Any]:
    scope = {key: value for key, value in request.scope.items() if key not in _ROUTE_KEYS}
    scope |= {"method": "GET", "path": path, "raw_path": path.encode(), "query_string": urlencode(query).encode()}
    return scope


def _arguments(endpoint: Any, sub_request: Request, session: Session, caller: Caller) -> dict[str, Any]:
    """The endpoint's parameters by their names in this code base: path parameters, request, session, caller."""
    given: dict[str, Any] = {**sub_request.path_params, "request": sub_request, "session": session, "caller": caller}
    return {name: given[name] for name in inspect.signature(endpoint).parameters if name in given}


def _as_data(answer: Any) -> Any:
    if isinstance(answer, Response):
        return orjson.loads(answer.body) if answer.body else None
    return answer


def _api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    """The application's routes in matching order; FastAPI wraps each included router (``original_router``)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        included = getattr(route, "original_router", None)
        yield from _api_routes(getattr(included if included is not None else route, "routes", []))


def dispatch(request: Request, session: Session, caller: Caller, path: str, query: list[tuple[str, str]]) -> Any:
    """The data a GET of ``path?query`` answers (an error's data included), as ``response_to_data`` gives it."""
    scope = _sub_scope(request, path, query)
    for route in _api_routes(request.app.router.routes):
        match, child = route.matches(scope)
        if match == Match.FULL and not inspect.iscoroutinefunction(route.endpoint):
            sub_request = Request({**scope, **child})
            try:
                return _as_data(route.endpoint(**_arguments(route.endpoint, sub_request, session, caller)))
            except HTTPException:
                return NO_ROUTE
    return NO_ROUTE
