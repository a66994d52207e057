"""Collection and item parameters of the posts controller, validated with WordPress's errors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

from app.api.wp_v2 import schema_values as sv
from app.api.wp_v2.post_types import PostTypeSpec, TaxonomyRoute
from app.api.wp_v2.query_string import group_query
from app.api.wp_v2.registry import CONTEXTS as CONTEXTS  # re-exported: route modules import it from here
from app.api.wp_v2.registry import (
    Arg,
    context_arg,
    id_arg,
    id_list_arg,
    order_arg,
    page_args,
    parsers_of,
)
from app.api.wp_v2.registry import Parser as Parser
from app.api.wp_v2.rest_errors import ParamProblem, RestError, invalid_params
from app.auth.permissions import Caller, forbidden_statuses
from app.content.queries import TaxonomyFilter
from app.core.slugs import slug_lookups

# get_post_stati() in registration order, then 'any': the items enum of ``status``.
STATUSES = (
    "publish", "future", "draft", "pending", "private", "trash", "auto-draft", "inherit",
    "request-pending", "request-confirmed", "request-failed", "request-completed", "any",
)  # fmt: skip
ORDERBY = ("author", "date", "id", "include", "modified", "parent", "relevance", "slug", "include_slugs", "title")


@dataclass(slots=True)
class CollectionArgs:
    """A list request, validated and sanitised; ``given`` keeps the query for pagination links."""

    context: str = "view"
    page: int = 1
    per_page: int = 10
    offset: int | None = None
    search: str | None = None
    after: datetime | None = None
    before: datetime | None = None
    modified_after: datetime | None = None
    modified_before: datetime | None = None
    author: list[int] = field(default_factory=list)
    author_exclude: list[int] = field(default_factory=list)
    include: list[int] = field(default_factory=list)
    exclude: list[int] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    parent_exclude: list[int] = field(default_factory=list)
    menu_order: int | None = None
    order: str = "desc"
    orderby: str = "date"
    slug: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=lambda: ["publish"])
    tax_relation: str = "AND"
    taxonomies: list[TaxonomyFilter] = field(default_factory=list)
    sticky: bool | None = None
    given: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ItemArgs:
    """A single-item request: its context and the post password, if one was sent."""

    context: str = "view"
    password: str | None = None


def _enum(choices: tuple[str, ...]) -> Parser:
    return lambda name, value: sv.as_enum(name, value, choices)


def _described(description: str, schema: dict[str, Any]) -> Arg:
    return Arg({"description": description, **schema})


def _date_arg(when: str, what: str) -> Arg:
    return _described(f"Limit response to posts {what} {when} a given ISO8601 compliant date.", _DATE)


_DATE = {"type": "string", "format": "date-time"}
_INTEGER: dict[str, Any] = {"type": "integer"}
_STATUS_DESCRIPTION = "Limit result set to posts assigned one or more statuses."


def collection_args(spec: PostTypeSpec, statuses: Sequence[str] = STATUSES) -> dict[str, Arg]:
    """``WP_REST_Posts_Controller::get_collection_params`` in registration order (which orders error lists).

    ``statuses``: ``get_post_stati()`` and ``any``, which a site's plugins may extend.
    """
    orderby = (*ORDERBY, "menu_order") if spec.has_menu_order else ORDERBY
    args = page_args() | {
        "after": _date_arg("after", "published"),
        "modified_after": _date_arg("after", "modified"),
    }
    if spec.has_author:
        args |= {
            "author": id_list_arg("Limit result set to posts assigned to specific authors."),
            "author_exclude": id_list_arg("Ensure result set excludes posts assigned to specific authors."),
        }
    args |= {
        "before": _date_arg("before", "published"),
        "modified_before": _date_arg("before", "modified"),
        "exclude": id_list_arg("Ensure result set excludes specific IDs."),
        "include": id_list_arg("Limit result set to specific IDs."),
    }
    if spec.has_menu_order:
        args["menu_order"] = _described("Limit result set to posts with a specific menu_order value.", _INTEGER)
    args |= {
        "offset": _described("Offset the result set by a specific number of items.", _INTEGER),
        "order": order_arg("desc"),
        "orderby": _described(
            "Sort collection by post attribute.", {"type": "string", "default": "date", "enum": list(orderby)}
        ),
    }
    if spec.is_hierarchical:
        args["parent"] = id_list_arg("Limit result set to items with particular parent IDs.")
        args["parent_exclude"] = id_list_arg("Limit result set to all items except those of a particular parent ID.")
    return args | _filter_args(spec, statuses)


def _filter_args(spec: PostTypeSpec, listed: Sequence[str]) -> dict[str, Arg]:
    statuses = {"type": "array", "items": {"enum": list(listed), "type": "string"}}
    args = {
        "slug": _described(
            "Limit result set to posts with one or more specific slugs.", {"type": "array", "items": {"type": "string"}}
        ),
        "status": Arg(
            {
                "default": "publish",
                "description": "Limit result set to posts assigned one or more statuses.",
                **statuses,
            }
        ),
    }
    if spec.taxonomies:
        args["tax_relation"] = _described(
            "Limit result set based on relationship between multiple taxonomies.",
            {"type": "string", "enum": ["AND", "OR"]},
        )
    for route in spec.taxonomies:
        args[route.rest_base] = term_query_arg(route, exclude=False)
        args[f"{route.rest_base}_exclude"] = term_query_arg(route, exclude=True)
    if spec.has_sticky:
        args["sticky"] = _described("Limit result set to items that are sticky.", {"type": "boolean"})
    return args


def collection_parsers(spec: PostTypeSpec) -> dict[str, Parser]:
    """The checks of :func:`collection_args`, the arguments the index publishes."""
    return parsers_of(collection_args(spec))


def item_args(*, has_password: bool = True) -> dict[str, Arg]:
    """``GET /wp/v2/{type}/{id}``: the URL's ``id``, ``context`` and, where the schema has one (not for
    attachments or menu items), the post ``password``."""
    args = {"id": id_arg("Unique identifier for the post."), "context": context_arg()}
    if has_password:
        args["password"] = _described("The password for the post if it is password protected.", {"type": "string"})
    return args


def term_query_arg(route: TaxonomyRoute, *, exclude: bool) -> Arg:
    """``prepare_taxonomy_limit_schema``: a term ID list or an advanced term query."""
    properties: dict[str, Any] = {
        "terms": {"description": "Term IDs.", "type": "array", "items": {"type": "integer"}, "default": []}
    }
    if route.is_hierarchical:
        properties["include_children"] = {
            "description": "Whether to include child terms in the terms limiting the result set.",
            "type": "boolean",
            "default": False,
        }
    if not exclude:
        properties["operator"] = {
            "description": "Whether items must be assigned all or any of the specified terms.",
            "type": "string",
            "enum": ["AND", "OR"],
            "default": "OR",
        }
    which = "except those with" if exclude else "with"
    schema = {
        "description": f"Limit result set to items {which} specific terms assigned in the {route.rest_base} taxonomy.",
        "type": ["object", "array"],
        "oneOf": [
            {"title": "Term ID List", "description": "Match terms with the listed IDs.", "type": "array",
             "items": {"type": "integer"}},
            {"title": "Term ID Taxonomy Query", "description": "Perform an advanced term query.", "type": "object",
             "properties": properties, "additionalProperties": False},
        ],
    }  # fmt: skip
    return Arg(schema, _term_query(route.is_hierarchical, exclude=exclude))


def _term_query(is_hierarchical: bool, *, exclude: bool) -> Parser:
    """A term ID list, or ``{terms, include_children, operator}`` (``prepare_taxonomy_limit_schema``)."""

    def parse(name: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict) or "terms" not in value:
            return {"terms": sv.as_integer_list(name, value), "include_children": False, "operator": "OR"}
        query: dict[str, Any] = {"terms": sv.as_integer_list(f"{name}[terms]", value["terms"])}
        if is_hierarchical:
            query["include_children"] = sv.as_boolean(f"{name}[include_children]", value.get("include_children", "0"))
        if not exclude:
            query["operator"] = sv.as_enum(f"{name}[operator]", value.get("operator", "OR"), ("AND", "OR"))
        return query

    return parse


def _validate(raw: dict[str, Any], parsers: dict[str, Parser]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    problems: dict[str, ParamProblem] = {}
    for name, parse in parsers.items():
        if name not in raw:
            continue
        try:
            values[name] = parse(name, raw[name])
        except sv.InvalidValue as invalid:
            problems[name] = invalid.problem
    if problems:
        raise invalid_params(problems)
    return values


def validate_args(raw: dict[str, Any], parsers: dict[str, Parser]) -> dict[str, Any]:
    """Every given argument through its parser; all failures reported together as ``rest_invalid_param``."""
    return _validate(raw, parsers)


def parse_collection_args(items: Iterable[tuple[str, str]], spec: PostTypeSpec, caller: Caller) -> CollectionArgs:
    """Validate every given argument, then sanitise (statuses the caller may not list are refused)."""
    raw = group_query(items)
    values = _validate(raw, collection_parsers(spec))
    if "status" in values:
        _check_statuses(values["status"], spec, caller)
    if "slug" in values:
        # wp_parse_slug_list(): each slug as sanitize_title() stores it.
        values["slug"] = [stored for slug in values["slug"] for stored in slug_lookups(slug)]
    args = CollectionArgs(given=_as_sanitized(raw, values))
    for name, value in values.items():
        if name in CollectionArgs.__dataclass_fields__:
            setattr(args, name, value)
    args.taxonomies = _taxonomy_filters(values, spec)
    _check_orderby(args)
    return args


def _as_sanitized(raw: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The request's query after sanitising, as ``add_query_arg`` rebuilds it for pagination links."""
    given: dict[str, Any] = {}
    for name, value in raw.items():
        sanitized = values.get(name, value)
        if isinstance(sanitized, datetime):
            sanitized = value  # dates are validated, not rewritten
        elif isinstance(sanitized, dict) and not isinstance(value, dict):
            sanitized = sanitized["terms"]  # a plain term list stays a list
        given[name] = sanitized
    return given


def _check_statuses(statuses: list[str], spec: PostTypeSpec, caller: Caller) -> None:
    if forbidden_statuses(caller, spec.name, statuses):
        # sanitize_post_statuses: the caller's status code is kept in the details.
        problem = ParamProblem("rest_forbidden_status", "Status is forbidden.", {"status": 401})
        raise invalid_params({"status": problem})


def _taxonomy_filters(values: dict[str, Any], spec: PostTypeSpec) -> list[TaxonomyFilter]:
    filters: list[TaxonomyFilter] = []
    for route in spec.taxonomies:
        for exclude, name in ((False, route.rest_base), (True, f"{route.rest_base}_exclude")):
            query = values.get(name)
            if query and query["terms"]:
                filters.append(
                    TaxonomyFilter(
                        taxonomy=route.taxonomy,
                        term_ids=query["terms"],
                        include_children=bool(query.get("include_children")),
                        operator=str(query.get("operator", "OR")),
                        exclude=exclude,
                    )
                )
    return filters


def _check_orderby(args: CollectionArgs) -> None:
    if args.orderby == "relevance" and not args.search:
        raise RestError("rest_no_search_term_defined", "You need to define a search term to order by relevance.", 400)
    if args.orderby == "include" and not args.include:
        raise RestError(
            "rest_orderby_include_missing_include", "You need to define an include parameter to order by include.", 400
        )


def sanitize_slug(slug: str) -> str:
    """A user's nicename as a request names it: trimmed, lower-case, non-ASCII as lower-case percent escapes
    (posts and terms go through app.core.slugs.slug_lookups, as wp_parse_slug_list() does)."""
    text = slug.strip().lower()
    return quote(text, safe="%-_.~!*'()").lower() if not text.isascii() else text


def parse_item_args(items: Iterable[tuple[str, str]]) -> ItemArgs:
    """``context`` and ``password`` of ``GET /wp/v2/{type}/{id}``."""
    raw = group_query(items)
    parsers = parsers_of({name: arg for name, arg in item_args().items() if name != "id"})
    values = _validate(raw, parsers)
    return ItemArgs(context=values.get("context", "view"), password=values.get("password") or None)
