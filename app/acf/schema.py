"""JSON Schema of a field group's typed values, as :func:`app.acf.values.decode_values` returns them."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

from app.acf.definitions import FieldDef, FieldIndex

JsonSchema = dict[str, Any]

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_TEXT_FORMATS = {"email": "email", "url": "uri", "oembed": "uri"}
_TEXT_TYPES = frozenset(
    (
        "text",
        "textarea",
        "wysiwyg",
        "email",
        "url",
        "password",
        "oembed",
        "color_picker",
        "radio",
        "button_group",
    )
)


def _nullable(json_type: str) -> list[str]:
    return [json_type, "null"]


def group_json_schema(group_key: str, index: FieldIndex) -> JsonSchema:
    """JSON Schema of one group's decoded values; values of unknown fields are kept, so extras are allowed."""
    group = index.groups.get(group_key)
    schema: JsonSchema = {"$schema": _DRAFT, "title": group.title if group is not None else group_key}
    if group is not None and group.settings.get("description"):
        schema["description"] = str(group.settings["description"])
    return schema | _object(index.group_fields.get(group_key, []), additional=True)


def _object(fields: Iterable[FieldDef], *, additional: bool = False) -> JsonSchema:
    properties: dict[str, JsonSchema] = {}
    for field_def in fields:
        properties.update(_member(field_def))
    return {"type": "object", "properties": properties, "additionalProperties": additional}


def _member(field_def: FieldDef) -> dict[str, JsonSchema]:
    """One field's properties: itself, or a clone's fields (merged when seamless)."""
    if field_def.type != "clone":
        return {field_def.name: field_schema(field_def)}
    if field_def.settings.get("display", "seamless") == "seamless":
        return _object(field_def.sub_fields)["properties"]  # type: ignore[no-any-return]
    return {field_def.name: _described(field_def, _object(field_def.sub_fields))}


def field_schema(field_def: FieldDef) -> JsonSchema:
    """The JSON Schema of one field's decoded value."""
    builder = _BUILDERS.get(field_def.type)
    if builder is None:
        # A cell a repeater row never saved (the field was added later) decodes to null.
        schema: JsonSchema = {"type": _nullable("string")} if field_def.type in _TEXT_TYPES else {}
        if field_def.type in _TEXT_FORMATS:
            schema["format"] = _TEXT_FORMATS[field_def.type]
    else:
        schema = builder(field_def)
    return _described(field_def, schema)


def _described(field_def: FieldDef, schema: JsonSchema) -> JsonSchema:
    described: JsonSchema = {"title": field_def.label} if field_def.label else {}
    if field_def.settings.get("instructions"):
        described["description"] = str(field_def.settings["instructions"])
    return described | schema


def _choices(field_def: FieldDef) -> list[str] | None:
    """The allowed values, unless the field lets editors add their own (then any string may be stored)."""
    choices = field_def.settings.get("choices")
    if not isinstance(choices, dict) or not choices:
        return None
    if field_def.flag("allow_custom") or field_def.flag("create_options"):
        return None
    return [str(choice) for choice in choices]


def _select(field_def: FieldDef) -> JsonSchema:
    if field_def.flag("multiple"):
        return _checkbox(field_def)
    choices = _choices(field_def)
    # An unanswered single select is stored (and decoded) as an empty string.
    return {"type": _nullable("string")} | ({"enum": [*choices, "", None]} if choices else {})


def _checkbox(field_def: FieldDef) -> JsonSchema:
    choices = _choices(field_def)
    items: JsonSchema = {"type": "string"} | ({"enum": choices} if choices else {})
    return {"type": "array", "items": items}


def _ids(field_def: FieldDef) -> JsonSchema:
    # page_link may hold archive URLs beside post IDs.
    items: JsonSchema = {"type": ["integer", "string"]} if field_def.type == "page_link" else {"type": "integer"}
    return {"type": "array", "items": items}


def _id(field_def: FieldDef) -> JsonSchema:
    return {"type": _nullable("integer")}


def _post_or_user(field_def: FieldDef) -> JsonSchema:
    return _ids(field_def) if field_def.flag("multiple") else _id(field_def)


def _taxonomy(field_def: FieldDef) -> JsonSchema:
    if field_def.settings.get("field_type", "checkbox") in ("checkbox", "multi_select"):
        return _ids(field_def)
    return _id(field_def)


def _repeater(field_def: FieldDef) -> JsonSchema:
    schema: JsonSchema = {"type": "array", "items": _object(field_def.sub_fields)}
    for setting, keyword in (("min", "minItems"), ("max", "maxItems")):
        limit = field_def.settings.get(setting)
        if isinstance(limit, int | str) and str(limit).isdigit() and int(limit) > 0:
            schema[keyword] = int(limit)
    return schema


def _flexible(field_def: FieldDef) -> JsonSchema:
    variants = []
    for layout in field_def.layouts.values():
        row = _object(layout.sub_fields)
        row["properties"] = {"acf_fc_layout": {"const": layout.name}} | row["properties"]
        row["required"] = ["acf_fc_layout"]
        variants.append({"title": layout.label or layout.name} | row)
    return {"type": "array", "items": {"oneOf": variants} if variants else {"type": "object"}}


def _fixed(schema: JsonSchema) -> Callable[[FieldDef], JsonSchema]:
    return lambda _field: copy.deepcopy(schema)


_LINK: JsonSchema = {
    "type": _nullable("object"),
    "properties": {"title": {"type": "string"}, "url": {"type": "string"}, "target": {"type": "string"}},
}
_MAP: JsonSchema = {
    "type": _nullable("object"),
    "properties": {
        "address": {"type": "string"},
        "lat": {"type": _nullable("number")},
        "lng": {"type": _nullable("number")},
        "zoom": {"type": _nullable("integer")},
    },
}
_BUILDERS: dict[str, Callable[[FieldDef], JsonSchema]] = {
    "number": _fixed({"type": _nullable("number")}),
    "range": _fixed({"type": _nullable("number")}),
    "true_false": _fixed({"type": _nullable("boolean")}),
    "select": _select,
    "checkbox": _checkbox,
    "date_picker": _fixed({"type": _nullable("string"), "format": "date"}),
    # Local wall-clock times without an offset, as WordPress's own REST `date` fields.
    "date_time_picker": _fixed({"type": _nullable("string"), "format": "date-time"}),
    "time_picker": _fixed({"type": _nullable("string"), "pattern": r"^\d{2}:\d{2}:\d{2}$"}),
    "image": _id,
    "file": _id,
    "post_object": _post_or_user,
    "page_link": _post_or_user,
    "user": _post_or_user,
    "taxonomy": _taxonomy,
    "relationship": _ids,
    "gallery": _ids,
    "link": _fixed(_LINK),
    "google_map": _fixed(_MAP),
    "group": lambda field_def: _object(field_def.sub_fields),
    "repeater": _repeater,
    "flexible_content": _flexible,
}


# Location rule params that place a group on a post's edit screen without naming the post type.
_PAGE_PARAMS = frozenset({"page_template", "page_type", "page", "page_parent"})
_POST_PARAMS = frozenset({"post_category", "post_format"})
_ANY_POST_PARAMS = frozenset({"post", "post_status", "post_taxonomy", "post_template"})
_USER_PARAMS = frozenset({"user_form", "user_role"})


def targets_object(location: Iterable[Iterable[dict[str, Any]]], kind: str, name: str = "") -> bool:
    """Whether a group's location rules show it for objects of ``kind`` (``post_type``, ``taxonomy``,
    ``user``) named ``name``: one OR-group of AND-rules must hold, each rule about that object.

    Rules about the editing context (``current_user``, ``current_user_role``) hold for any object.
    """
    return any(
        all(_rule_allows(rule, kind, name) for rule in rules) and any(_rule_names_object(rule, kind) for rule in rules)
        for rules in (list(group) for group in location)
    )


def _rule_names_object(rule: dict[str, Any], kind: str) -> bool:
    param = str(rule.get("param", ""))
    if kind == "post_type":
        return param == "post_type" or param in _PAGE_PARAMS | _POST_PARAMS | _ANY_POST_PARAMS
    if kind == "taxonomy":
        return param == "taxonomy"
    return kind == "user" and param in _USER_PARAMS


def _rule_allows(rule: dict[str, Any], kind: str, name: str) -> bool:
    param, value = str(rule.get("param", "")), str(rule.get("value", ""))
    equal = str(rule.get("operator", "==")) == "=="
    if param in ("current_user", "current_user_role"):
        return True
    if kind == "post_type":
        if param == "post_type":
            return (value == name) == equal
        if param in _PAGE_PARAMS:
            return name == "page"
        if param in _POST_PARAMS:
            return name == "post"
        return param in _ANY_POST_PARAMS
    if kind == "taxonomy":
        return param == "taxonomy" and (value in ("all", name)) == equal
    return kind == "user" and param in _USER_PARAMS
