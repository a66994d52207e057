"""One place that turns errors into responses: WordPress's shape on /wp-json, problem+json elsewhere."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api.responses import OrjsonResponse
from app.core.errors import VellumError

WP_PREFIX = "/wp-json/wp/"


def wordpress_error(code: str, message: str, status: int, **data: Any) -> OrjsonResponse:
    """``{"code", "message", "data": {"status"}}`` as ``WP_REST_Server::error_to_response`` builds it."""
    return OrjsonResponse({"code": code, "message": message, "data": {"status": status, **data}}, status_code=status)


def problem(title: str, status: int, *, code: str, detail: str = "") -> OrjsonResponse:
    """RFC 9457 problem details for the vellum/v1 namespace."""
    body = {"type": "about:blank", "title": title, "status": status, "code": code, "detail": detail or title}
    response = OrjsonResponse(body, status_code=status)
    response.headers["content-type"] = "application/problem+json"
    return response


def _is_vellum_namespace(request: Request) -> bool:
    return request.url.path.startswith("/wp-json/vellum/")


def error_response(request: Request, code: str, message: str, status: int, **data: Any) -> OrjsonResponse:
    if _is_vellum_namespace(request):
        return problem(message, status, code=code)
    return wordpress_error(code, message, status, **data)


async def _vellum_error(request: Request, exc: Exception) -> OrjsonResponse:
    assert isinstance(exc, VellumError)
    return error_response(request, exc.code, exc.message, exc.status_code, **exc.data)


async def _http_error(request: Request, exc: Exception) -> OrjsonResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        return error_response(request, "rest_no_route", "No route was found matching the URL and request method.", 404)
    if exc.status_code == 405:
        return error_response(request, "rest_no_route", "No route was found matching the URL and request method.", 404)
    return error_response(request, "rest_error", str(exc.detail), exc.status_code)


async def _validation_error(request: Request, exc: Exception) -> OrjsonResponse:
    assert isinstance(exc, RequestValidationError)
    params: dict[str, str] = {}
    for error in exc.errors():
        name = str(error["loc"][-1]) if error["loc"] else "body"
        params[name] = f"{name} is not valid: {error['msg']}"
    message = f"Invalid parameter(s): {', '.join(params)}"
    return error_response(request, "rest_invalid_param", message, 400, params=params)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers: typed domain errors, unknown routes, invalid parameters."""
    app.add_exception_handler(VellumError, _vellum_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
