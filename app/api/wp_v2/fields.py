"""Global parameters WordPress applies to any response: ``_fields`` and ``_envelope``."""

from __future__ import annotations

from typing import Any

from app.api.wp_v2.schema_values import InvalidValue, as_list

FieldTree = dict[str, Any]


def field_tree(value: Any) -> FieldTree | None:
    """``_fields`` as a tree of wanted keys: ``title.rendered`` keeps only that sub-key."""
    try:
        names = [name.strip() for name in as_list("_fields", value)]
    except InvalidValue:
        return None
    tree: FieldTree = {}
    for name in filter(None, names):
        node = tree
        *parents, last = name.split(".")
        for part in parents:
            if node.get(part) is True:
                break
            node = node.setdefault(part, {})
        else:
            node[last] = True
    return tree or None


def filter_fields(data: Any, tree: FieldTree) -> Any:
    """``rest_filter_response_fields``: keep the wanted keys, in the item's own order."""
    if isinstance(data, list):
        return [filter_fields(item, tree) for item in data]
    if not isinstance(data, dict):
        return data
    kept: dict[str, Any] = {}
    for key, value in data.items():
        wanted = tree.get(key)
        if wanted is True:
            kept[key] = value
        elif isinstance(wanted, dict):
            kept[key] = filter_fields(value, wanted)
    return kept


def envelope(body: Any, status: int, headers: dict[str, str]) -> dict[str, Any]:
    """``WP_REST_Server::envelope_response``: the answer wrapped, sent as 200."""
    return {"body": body, "status": status, "headers": headers}
