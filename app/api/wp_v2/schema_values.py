"""Parameter values checked as ``rest_validate_value_from_schema`` and ``rest_sanitize_value_from_schema`` do."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from app.api.wp_v2.rest_errors import ParamProblem
from app.core.numbers import clamp_int64

_NUMERIC = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
# rest_parse_date's pattern: RFC 3339 with optional fraction and zone.
_RFC3339 = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|z|[+-]\d{2}(:\d{2})?)?$")
_LIST_SEPARATOR = re.compile(r"[\s,]+")


class InvalidValue(Exception):
    """One parameter (or one item of it) failed its schema."""

    def __init__(self, problem: ParamProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def wrong_type(name: str, type_name: str) -> InvalidValue:
    return InvalidValue(ParamProblem("rest_invalid_type", f"{name} is not of type {type_name}."))


def as_integer(name: str, value: Any) -> int:
    """``rest_is_integer``: numeric text with no fractional part, saturated at 64 bits as PHP casts it."""
    if not isinstance(value, str) or not _NUMERIC.match(value) or not float(value).is_integer():
        raise wrong_type(name, "integer")
    return clamp_int64(int(float(value)))


def as_bounded_integer(name: str, value: Any, minimum: int | None, maximum: int | None) -> int:
    """An integer within WordPress's inclusive bounds, with its exact out-of-bounds messages."""
    number = as_integer(name, value)
    if minimum is not None and maximum is not None and not minimum <= number <= maximum:
        message = f"{name} must be between {minimum} (inclusive) and {maximum} (inclusive)"
    elif minimum is not None and number < minimum:
        message = f"{name} must be greater than or equal to {minimum}"
    elif maximum is not None and number > maximum:
        message = f"{name} must be less than or equal to {maximum}"
    else:
        return number
    raise InvalidValue(ParamProblem("rest_out_of_bounds", message))


def as_string(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise wrong_type(name, "string")
    return value


def as_enum(name: str, value: Any, choices: tuple[str, ...]) -> str:
    """A string from ``choices``; the message lists them as ``wp_sprintf_l`` does."""
    text = as_string(name, value)
    if text not in choices:
        raise InvalidValue(ParamProblem("rest_not_in_enum", f"{name} is not {_one_of(choices)}."))
    return text


def _one_of(choices: tuple[str, ...]) -> str:
    if len(choices) == 1:
        return choices[0]
    if len(choices) == 2:
        return f"one of {choices[0]} and {choices[1]}"
    return f"one of {', '.join(choices[:-1])}, and {choices[-1]}"


def as_boolean(name: str, value: Any) -> bool:
    """``rest_is_boolean`` then ``rest_sanitize_boolean``."""
    if not isinstance(value, str) or value.lower() not in ("true", "false", "1", "0"):
        raise wrong_type(name, "boolean")
    return value.lower() in ("true", "1")


def as_date(_name: str, value: Any) -> datetime:
    """A date-time; the site-local wall time it names (WP_Date_Query compares the text as given)."""
    match = _RFC3339.match(value) if isinstance(value, str) else None
    if match is None:
        raise InvalidValue(ParamProblem("rest_invalid_date", "Invalid date."))
    year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise InvalidValue(ParamProblem("rest_invalid_date", "Invalid date.")) from None


def as_list(name: str, value: Any) -> list[Any]:
    """``wp_parse_list`` for text, the values of a map, or the list itself."""
    if isinstance(value, str):
        return [item for item in _LIST_SEPARATOR.split(value) if item]
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return value
    raise wrong_type(name, "array")


def as_integer_list(name: str, value: Any) -> list[int]:
    """An array of integers; a bad item is reported as ``name[index]``."""
    return [as_integer(f"{name}[{index}]", item) for index, item in enumerate(as_list(name, value))]


def as_enum_list(name: str, value: Any, choices: tuple[str, ...]) -> list[str]:
    return [as_enum(f"{name}[{index}]", item, choices) for index, item in enumerate(as_list(name, value))]


def as_string_list(name: str, value: Any) -> list[str]:
    return [as_string(f"{name}[{index}]", item) for index, item in enumerate(as_list(name, value))]
