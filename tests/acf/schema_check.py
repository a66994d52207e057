"""A checker for the part of JSON Schema that the ACF group schemas use (no validator library installed)."""

from __future__ import annotations

import re
from typing import Any

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def violations(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    """Where ``value`` breaks ``schema``: one message per broken keyword, empty when it conforms."""
    problems = _type_problems(value, schema, path)
    if problems:
        return problems
    if "const" in schema and value != schema["const"]:
        problems.append(f"{path}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{path}: {value!r} not in {schema['enum']!r}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        problems.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if "oneOf" in schema:
        matching = [option for option in schema["oneOf"] if not violations(value, option, path)]
        if len(matching) != 1:
            problems.append(f"{path}: matches {len(matching)} of the oneOf schemas")
    if isinstance(value, dict):
        problems += _object_problems(value, schema, path)
    if isinstance(value, list):
        problems += _array_problems(value, schema, path)
    return problems


def _type_problems(value: Any, schema: dict[str, Any], path: str) -> list[str]:
    if "type" not in schema:
        return []
    names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    is_bool = isinstance(value, bool)
    for name in names:
        if isinstance(value, _TYPES[name]) and (name == "boolean" or not is_bool):
            return []
    return [f"{path}: {value!r} is not of type {names}"]


def _object_problems(value: dict[str, Any], schema: dict[str, Any], path: str) -> list[str]:
    properties = schema.get("properties", {})
    problems = [f"{path}: missing {name}" for name in schema.get("required", []) if name not in value]
    for name, item in value.items():
        if name in properties:
            problems += violations(item, properties[name], f"{path}.{name}")
        elif schema.get("additionalProperties", True) is False:
            problems.append(f"{path}: unexpected property {name}")
    return problems


def _array_problems(value: list[Any], schema: dict[str, Any], path: str) -> list[str]:
    problems = []
    if len(value) < schema.get("minItems", 0):
        problems.append(f"{path}: fewer than {schema['minItems']} items")
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        problems.append(f"{path}: more than {schema['maxItems']} items")
    for position, item in enumerate(value):
        problems += violations(item, schema.get("items", {}), f"{path}[{position}]")
    return problems
