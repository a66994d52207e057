"""``/openapi.json`` and ``/docs`` with the site's own item schemas, ACF field groups included.

FastAPI's generated document knows the routes but not what they answer: the wp/v2 answers follow the
site's registrations (its post types, taxonomies, statuses and ACF field groups). Each request for the
document therefore starts from FastAPI's cached one and adds, from the same route registry ``OPTIONS``
reads, a component per item schema and one per active ACF field group, which the ``acf`` property of
the items those groups are shown on references.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from app.acf.schema import JsonSchema
from app.api.deps import SessionDep
from app.api.responses import OrjsonResponse
from app.api.wp_v2.registry import RestRoute, link_template, registered_routes

OPENAPI_URL = "/openapi.json"
DOCS_URL = "/docs"
_REF_ROOT = "#/components/schemas/"
_ACF_GROUPS = "x-vellum-field-groups"
# WordPress's own schema keywords, as OpenAPI spells them (``context`` is a WordPress extension, ``links`` the
# JSON Hyper-Schema links of an item schema, which OpenAPI describes otherwise).
_KEYWORDS = {"readonly": "readOnly", "context": "x-wp-context", "links": "x-wp-links"}
# Collection routes that answer one object keyed by name (or the object itself), not a list of items.
_KEYED_COLLECTIONS = frozenset({"/wp/v2/types", "/wp/v2/taxonomies", "/wp/v2/statuses", "/wp/v2/menu-locations"})
# The terms router's catch-all paths answer for every wp/v2 route FastAPI has no path of its own for:
# collections, and items (routes with URL parameters).
_CATCH_ALL = ("/wp-json/wp/v2/{taxonomy}", "/wp-json/wp/v2/{taxonomy}/{id}")


def install(app: FastAPI) -> None:
    """Serve the site's OpenAPI document and Swagger UI; create the app with ``openapi_url=None``."""

    def openapi_document(session: SessionDep) -> OrjsonResponse:
        """The OpenAPI document, with the item schemas and ACF field groups of this site."""
        return OrjsonResponse(site_openapi(app, session))

    def docs() -> HTMLResponse:
        """Swagger UI over the OpenAPI document."""
        return get_swagger_ui_html(openapi_url=OPENAPI_URL, title=f"{app.title} - Swagger UI")

    app.add_api_route(OPENAPI_URL, openapi_document, methods=["GET"], include_in_schema=False)
    app.add_api_route(DOCS_URL, docs, methods=["GET"], include_in_schema=False)


def site_openapi(app: FastAPI, session: Session) -> dict[str, Any]:
    """FastAPI's document (built once, then cached by FastAPI) completed with the site's response schemas."""
    document = copy.deepcopy(app.openapi())
    components: dict[str, JsonSchema] = document.setdefault("components", {}).setdefault("schemas", {})
    routes = [route for route in registered_routes(session) if route.schema is not None]
    names = {route.pattern: _add_item_component(route, session, components) for route in routes}
    for path, route_group in _routes_by_path(document["paths"], routes):
        operation = document["paths"][path].get("get")
        if operation is not None:
            _describe_success(operation, [(route, names[route.pattern]) for route in route_group])
    return document


def _add_item_component(route: RestRoute, session: Session, components: dict[str, JsonSchema]) -> str:
    """Add the route's item schema (and the ACF groups it references) to the components; return its name."""
    assert route.schema is not None  # noqa: S101 - the caller keeps only routes with a schema
    schema = route.schema(session)
    name = f"{route.namespace.replace('/', '.')}.{schema.get('title', route.pattern)}"
    if name in components:
        return name
    properties = schema.get("properties")
    if isinstance(properties, dict) and isinstance(properties.get("acf"), dict):
        properties["acf"] = _acf_reference(properties["acf"], components)
    components[name] = openapi_schema(schema)
    return name


def _acf_reference(acf: JsonSchema, components: dict[str, JsonSchema]) -> JsonSchema:
    """The ``acf`` property as references to each targeting field group's own component."""
    groups: dict[str, JsonSchema] = acf.get(_ACF_GROUPS, {})
    for key, group in groups.items():
        components.setdefault(f"acf.{key}", openapi_schema(group))
    return {
        "description": acf.get("description", ""),
        "type": "object",
        "context": acf.get("context", []),
        "readonly": True,
        "allOf": [{"$ref": f"{_REF_ROOT}acf.{key}"} for key in groups],
    }


def openapi_schema(schema: Any) -> Any:
    """A WordPress REST schema as an OpenAPI 3.1 schema: ``readonly`` as ``readOnly``, ``context`` as
    ``x-wp-context``, PHP's empty ``properties`` array as an object, an enum keyed by name as its values,
    and the draft-03 ``required: true`` of a property (which only concerns writes) left out."""
    if isinstance(schema, list):
        return [openapi_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "$schema" or (key == "required" and isinstance(value, bool)):
            continue
        if key in ("properties", "patternProperties"):
            converted[key] = {name: openapi_schema(item) for name, item in dict(value or {}).items()}
        elif key == "enum" and isinstance(value, dict):
            converted[key] = list(value.values())
        else:
            converted[_KEYWORDS.get(str(key), str(key))] = openapi_schema(value)
    return converted


def _routes_by_path(paths: Iterable[str], routes: list[RestRoute]) -> Iterator[tuple[str, list[RestRoute]]]:
    """Each OpenAPI path with the registry routes it serves; the catch-all paths get every route left over."""
    known = set(paths)
    leftovers: dict[str, list[RestRoute]] = {path: [] for path in _CATCH_ALL}
    for route in routes:
        path = "/wp-json" + link_template(route.pattern)
        if path in known:
            yield path, [route]
        elif route.namespace == "wp/v2":
            leftovers[_CATCH_ALL[int(route.has_url_params)]].append(route)
    yield from ((path, group) for path, group in leftovers.items() if group and path in known)


def _describe_success(operation: dict[str, Any], routes: list[tuple[RestRoute, str]]) -> None:
    """Give the operation's 200 answer the schema of what its routes send."""
    answers = [_answer_schema(route, name) for route, name in routes]
    schema = answers[0] if len(answers) == 1 else {"oneOf": answers}
    success = operation.setdefault("responses", {}).setdefault("200", {"description": "Successful Response"})
    success["content"] = {"application/json": {"schema": schema}}


def _answer_schema(route: RestRoute, name: str) -> JsonSchema:
    item = {"$ref": _REF_ROOT + name}
    if route.has_url_params:
        return item
    if route.pattern in _KEYED_COLLECTIONS:
        return {"type": "object", "additionalProperties": item}
    return {"type": "array", "items": item}
