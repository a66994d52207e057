"""Query strings read the way PHP reads them: ``a[]=1&a[]=2``, ``a[0]=1``, ``a[terms][]=3``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote_plus

_BRACKETS = re.compile(r"\[([^\]]*)\]")

QueryValue = str | list[Any] | dict[str, Any]


def group_query(items: Iterable[tuple[str, str]]) -> dict[str, QueryValue]:
    """PHP's ``parse_str``: brackets build lists and maps; a repeated plain key keeps its last value."""
    grouped: dict[str, Any] = {}
    for raw_key, value in items:
        name, _, rest = raw_key.partition("[")
        if not rest:
            grouped[name] = value
            continue
        path = _BRACKETS.findall("[" + rest)
        _assign(grouped, [name, *path], value)
    return {key: _listify(value) for key, value in grouped.items()}


def _assign(target: dict[str, Any], path: list[str], value: str) -> None:
    for index, part in enumerate(path[:-1]):
        following = path[index + 1]
        child = target.get(part)
        if not isinstance(child, dict):
            child = {}
            target[part] = child
        target = child
        if following == "":
            path[index + 1] = str(len(child))
    target[path[-1] if path[-1] != "" else str(len(target))] = value


def _listify(value: Any) -> Any:
    """A map whose keys are 0..n-1 is a PHP list."""
    if not isinstance(value, dict):
        return value
    value = {key: _listify(item) for key, item in value.items()}
    if list(value) == [str(index) for index in range(len(value))]:
        return list(value.values())
    return value


def php_urlencode(value: str) -> str:
    """PHP's ``urlencode``: spaces as ``+``, everything but ``A-Za-z0-9_.-`` percent-encoded."""
    return quote_plus(value, safe="").replace("~", "%7E")


def build_query(params: dict[str, Any]) -> str:
    """``add_query_arg`` output: lists as ``key%5B0%5D=v``, empty values as a bare key."""
    parts: list[str] = []
    for key, value in params.items():
        parts += _build_pairs(key, value)
    return "&".join(parts)


def _build_pairs(key: str, value: Any) -> list[str]:
    if isinstance(value, dict):
        return [pair for name, item in value.items() for pair in _build_pairs(f"{key}%5B{name}%5D", item)]
    if isinstance(value, list):
        return [pair for index, item in enumerate(value) for pair in _build_pairs(f"{key}%5B{index}%5D", item)]
    if value is True or value is False:
        value = "1" if value else "0"
    text = php_urlencode(str(value))
    # add_query_arg strips the '=' of empty values: '?_embed&per_page=5'.
    return [f"{key}={text}" if text else key]
