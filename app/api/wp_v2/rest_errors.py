"""Errors the wp/v2 routes raise, carrying WordPress's code, message, status and data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class RestError(Exception):
    """A ``WP_Error`` as the REST server sends it; ``is_permission`` errors get no ``Allow`` header.

    WordPress's ``rest_send_allow_header`` lists only methods whose permission callback passes, so a
    request refused by a permission check answers without ``Allow``; parameter errors keep it.
    """

    def __init__(self, code: str, message: str, status: int, *, is_permission: bool = False, **data: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.is_permission = is_permission
        self.data = data


@dataclass(frozen=True, slots=True)
class ParamProblem:
    """Why one parameter is invalid: ``rest_validate_value_from_schema``'s code and message."""

    code: str
    message: str
    data: dict[str, Any] | None = None


def invalid_params(problems: dict[str, ParamProblem]) -> RestError:
    """``rest_invalid_param`` with ``params`` (messages) and ``details`` (codes), as WordPress 5.6+ sends."""
    params = {name: problem.message for name, problem in problems.items()}
    details = {
        name: {"code": problem.code, "message": problem.message, "data": problem.data}
        for name, problem in problems.items()
    }
    message = f"Invalid parameter(s): {', '.join(problems)}"
    return RestError("rest_invalid_param", message, 400, params=params, details=details)


def forbidden(status: int = 401) -> RestError:
    """``rest_forbidden``: the item exists but the caller may not read it."""
    return RestError("rest_forbidden", "Sorry, you are not allowed to do that.", status, is_permission=True)


def invalid_post_id() -> RestError:
    """``rest_post_invalid_id``: no item of this type with that ID."""
    return RestError("rest_post_invalid_id", "Invalid post ID.", 404, is_permission=True)
