"""Turning a route's result into the HTTP answer WordPress's REST server would send."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request, Response

from app.api.responses import OrjsonResponse
from app.api.wp_v2.fields import envelope, field_tree, filter_fields
from app.api.wp_v2.query_string import group_query
from app.api.wp_v2.rest_errors import RestError

# Sent with every REST answer by WP_REST_Server::serve_request and rest_send_cors_headers.
SERVER_HEADERS = {
    "Access-Control-Allow-Headers": "Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type",
    "Access-Control-Expose-Headers": "X-WP-Total, X-WP-TotalPages, Link",
    "Vary": "Origin",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex",
}


@dataclass(slots=True)
class RestResult:
    """A ``WP_REST_Response``: data, status and the headers the handler set."""

    data: Any
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    is_error: bool = False


def error_result(error: RestError, allowed: list[str]) -> RestResult:
    """The error as WordPress serialises it; ``Allow`` only when the permission check passed."""
    data = {"code": error.code, "message": error.message, "data": {"status": error.status, **error.data}}
    result = RestResult(data=data, status=error.status, is_error=True)
    if allowed and not error.is_permission:
        result.headers["Allow"] = ", ".join(allowed)
    return result


def send(request: Request, result: RestResult, rest_root: str) -> Response:
    """Apply ``_fields`` and ``_envelope``, add the server's headers, drop the body for HEAD."""
    query = group_query(request.query_params.multi_items())
    data = result.data
    tree = field_tree(query["_fields"]) if "_fields" in query and not result.is_error else None
    if tree is not None:
        data = filter_fields(data, tree)
    status, headers = result.status, dict(result.headers)
    if "_envelope" in query:
        data, status, headers = envelope(data, status, headers), 200, {}
    response = OrjsonResponse(data, status_code=status)
    response.headers.update(SERVER_HEADERS)
    response.headers["Link"] = f'<{rest_root}>; rel="https://api.w.org/"'
    response.headers.update(headers)
    if request.method == "HEAD":
        return Response(status_code=status, headers=dict(response.headers))
    return response


def answer(request: Request, rest_root: str, build: Callable[[], RestResult], allowed: list[str]) -> Response:
    """Run a route's handler and send its result, or the WordPress error it raised."""
    try:
        result = build()
    except RestError as error:
        result = error_result(error, allowed)
    return send(request, result, rest_root)
