"""The REST routes Vellum serves, as ``register_rest_route`` records them: pattern, methods, args, schema.

Route modules declare their routes here; the API index (``GET /wp-json/``), ``OPTIONS`` and the
parameter validation all read the same declarations, so an argument is described and checked from
one definition (WordPress validates a request against the very ``args`` its index publishes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.api.wp_v2 import schema_values as sv
from app.auth.permissions import Caller

Parser = Callable[[str, Any], Any]
Schema = dict[str, Any]
# An item schema may depend on the site: its registered statuses, its ACF field groups.
SchemaBuilder = Callable[[Session], Schema]
# A GET endpoint's permission callback as rest_send_allow_header runs it: with the caller and the query.
Permission = Callable[[Caller, Mapping[str, Any]], bool]

CONTEXTS = ("view", "embed", "edit")


def fixed_schema(build: Callable[[], Schema]) -> SchemaBuilder:
    """An item schema that does not depend on the site."""
    return lambda _session: build()


# WordPress's regex for a numeric URL segment, and the one rest_url_path turns into {name} for links.
NUMERIC_ID = r"[\d]+"
_URL_PARAM = re.compile(r"\(\?P<(\w+)>.*?\)(?=/|$)")


@dataclass(frozen=True, slots=True)
class Arg:
    """One endpoint argument: its JSON Schema as the index shows it, and the check a value passes."""

    schema: Schema
    parser: Parser | None = field(default=None, compare=False)
    required: bool = False

    def parse(self, name: str, value: Any) -> Any:
        """Validate and sanitise ``value`` as ``rest_validate_request_arg`` would."""
        return (self.parser or parser_for(self.schema))(name, value)


def parser_for(schema: Schema) -> Parser:
    """The value check a plain argument schema implies (``rest_validate_value_from_schema``)."""
    kind = schema.get("type")
    if kind == "array":
        return _list_parser(schema.get("items", {}))
    if kind == "integer":
        minimum, maximum = schema.get("minimum"), schema.get("maximum")
        if minimum is None and maximum is None:
            return sv.as_integer
        return lambda name, value: sv.as_bounded_integer(name, value, minimum, maximum)
    if kind == "boolean":
        return sv.as_boolean
    if kind == "string" and "enum" in schema:
        choices = tuple(schema["enum"])
        return lambda name, value: sv.as_enum(name, value, choices)
    if kind == "string":
        return sv.as_date if schema.get("format") == "date-time" else sv.as_string
    raise ValueError(f"no parser for schema type {kind!r}; give the Arg a parser")


def _list_parser(items: Schema) -> Parser:
    if items.get("type") == "integer":
        return sv.as_integer_list
    if "enum" in items:
        choices = tuple(items["enum"])
        return lambda name, value: sv.as_enum_list(name, value, choices)
    return sv.as_string_list


def parsers_of(args: Mapping[str, Arg]) -> dict[str, Parser]:
    """Each argument's check, in declaration order (which orders WordPress's error lists)."""
    return {name: arg.parse for name, arg in args.items()}


def context_arg() -> Arg:
    """``get_context_param``: every read endpoint's ``context``."""
    description = "Scope under which the request is made; determines fields present in response."
    return Arg({"description": description, "type": "string", "enum": list(CONTEXTS), "default": "view"})


def id_arg(description: str) -> Arg:
    """The ``id`` of an item route: taken from the URL, so never required in the query."""
    return Arg({"description": description, "type": "integer"})


def page_args() -> dict[str, Arg]:
    """``WP_REST_Controller::get_collection_params``: context, page, per_page, search."""
    return {
        "context": context_arg(),
        "page": Arg({"description": "Current page of the collection.", "type": "integer", "default": 1, "minimum": 1}),
        "per_page": Arg(
            {
                "description": "Maximum number of items to be returned in result set.",
                "type": "integer",
                "default": 10,
                "minimum": 1,
                "maximum": 100,
            }
        ),
        "search": Arg({"description": "Limit results to those matching a string.", "type": "string"}),
    }


def id_list_arg(description: str, *, default: bool = True) -> Arg:
    """An array of IDs (``include``, ``exclude``, ``author`` ...), ``[]`` by default where WordPress says so."""
    schema: Schema = {"description": description, "type": "array", "items": {"type": "integer"}}
    return Arg({**schema, "default": []} if default else schema)


def order_arg(default: str) -> Arg:
    """``order``: ascending or descending."""
    description = "Order sort attribute ascending or descending."
    return Arg({"description": description, "type": "string", "default": default, "enum": ["asc", "desc"]})


@dataclass(frozen=True, slots=True)
class RestRoute:
    """A route as ``register_rest_route`` keeps it; ``schema`` builds the item schema ``OPTIONS`` shows.

    ``listed_with`` names the core route base WordPress registers it beside (``events`` for a plugin's
    post type, ``menus`` for its taxonomy), which places it in the index. ``allow_batch``: the controller
    registers the route for ``/batch/v1`` (posts, terms, menus, menu items), which WordPress shows on every
    endpoint, GET included; a batch takes only writes, so for a read-only route it promises no batch route.
    ``may_get``: whether the GET's permission check passes, for the ``Allow`` header of ``OPTIONS``; None
    where it always does.
    """

    pattern: str
    args: Mapping[str, Arg]
    methods: tuple[str, ...] = ("GET",)
    schema: SchemaBuilder | None = None
    listed_with: str | None = None
    allow_batch: bool = False
    may_get: Permission | None = field(default=None, compare=False)

    @property
    def namespace(self) -> str:
        parts = self.pattern.strip("/").split("/")
        return "/".join(parts[:2]) if len(parts) >= 2 else ""

    @property
    def has_url_params(self) -> bool:
        return "(?P<" in self.pattern

    def matches(self, path: str) -> bool:
        """Whether a path (without ``/wp-json``) is this route, as ``WP_REST_Server::match_request_to_handler``."""
        return re.fullmatch(self.pattern, path.rstrip("/") or "/", flags=re.IGNORECASE) is not None

    def allows_get(self, caller: Caller, query: Mapping[str, Any]) -> bool:
        """Whether ``rest_send_allow_header`` lists GET for this caller (an OPTIONS request carries no defaults)."""
        return self.may_get is None or self.may_get(caller, query)

    def described_args(self) -> dict[str, Schema]:
        """The args as the index and ``OPTIONS`` publish them: the schema plus ``required``."""
        return {name: {**arg.schema, "required": arg.required} for name, arg in self.args.items()}


_ROUTES: dict[str, RestRoute] = {}
# Routes that follow the site's registrations (vellum.toml, imported plugins' types), found per request.
SiteRoutes = Callable[[Session], Iterable[RestRoute]]
_SITE_ROUTES: list[SiteRoutes] = []


def register(route: RestRoute) -> RestRoute:
    """Declare a route; a later declaration of the same pattern replaces the earlier one."""
    _ROUTES[route.pattern] = route
    return route


def register_site_routes(provider: SiteRoutes) -> SiteRoutes:
    """Declare routes the site's registrations decide; they replace fixed routes of the same pattern."""
    _SITE_ROUTES.append(provider)
    return provider


def registered_routes(session: Session | None = None) -> Iterator[RestRoute]:
    """Every declared route in declaration order, with the site's own routes when a session is given."""
    routes = dict(_ROUTES)
    if session is not None:
        for provider in _SITE_ROUTES:
            routes.update((route.pattern, route) for route in provider(session))
    return iter(list(routes.values()))


def route_for(path: str, session: Session | None = None) -> RestRoute | None:
    """The declared route a request path (without ``/wp-json``) belongs to, if any."""
    return next((route for route in registered_routes(session) if route.matches(path)), None)


def item_pattern(collection: str) -> str:
    """The item route under a collection: ``/wp/v2/posts`` -> ``/wp/v2/posts/(?P<id>[\\d]+)``."""
    return f"{collection}/(?P<id>{NUMERIC_ID})"


def link_template(pattern: str) -> str:
    """``/wp/v2/posts/(?P<id>[\\d]+)`` as a URI template: ``/wp/v2/posts/{id}``."""
    return _URL_PARAM.sub(lambda match: "{" + match.group(1) + "}", pattern)
