"""Typed errors raised by services and rendered by each API dialect."""

from __future__ import annotations

from typing import Any


class VellumError(Exception):
    """Base of every error Vellum raises on purpose."""

    status_code = 500
    code = "vellum_error"

    def __init__(self, message: str, *, code: str | None = None, data: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.data = data or {}


class ConfigurationError(VellumError):
    """A setting is missing, malformed or points somewhere unusable."""

    code = "vellum_configuration"


class NotFound(VellumError):
    status_code = 404
    code = "rest_not_found"


class Conflict(VellumError):
    status_code = 409
    code = "rest_conflict"


class Forbidden(VellumError):
    status_code = 403
    code = "rest_forbidden"


class Unauthorized(VellumError):
    status_code = 401
    code = "rest_not_logged_in"


class InvalidInput(VellumError):
    status_code = 400
    code = "rest_invalid_param"
