"""Collection and item parameters of the posts controller, validated with WordPress's errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

from app.api.wp_v2 import schema_values as sv
from app.api.wp_v2.post_types import PostTypeSpec
from app.api.wp_v2.query_string import group_query
from app.api.wp_v2.rest_errors import ParamProblem, RestError, invalid_params
from app.auth.permissions import Caller, forbidden_statuses
from app.content.queries import TaxonomyFilter

CONTEXTS = ("view", "embed", "edit")
# get_post_stati() in registration order, then 'any': the items enum of ``status``.
STATUSES = (
    "publish", "future", "draft", "pending", "private", "trash", "auto-draft", "inherit",
    "request-pending", "request-confirmed", "request-failed", "request-completed", "any",
)  # fmt: skip
ORDERBY = ("author", "date", "id", "include", "modified", "parent", "relevance", "slug", "include_slugs", "title")

Parser = Callable[[str, Any], Any]


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


def _bounded(minimum: int | None, maximum: int | None) -> Parser:
    return lambda name, value: sv.as_bounded_integer(name, value, minimum, maximum)


def collection_parsers(spec: PostTypeSpec) -> dict[str, Parser]:
    """The registered arguments in ``get_collection_params`` order (which orders error lists)."""
    orderby = (*ORDERBY, "menu_order") if spec.has_menu_order else ORDERBY
    parsers: dict[str, Parser] = {
        "context": _enum(CONTEXTS),
        "page": _bounded(1, None),
        "per_page": _bounded(1, 100),
        "search": sv.as_string,
        "after": sv.as_date,
        "modified_after": sv.as_date,
        "author": sv.as_integer_list,
        "author_exclude": sv.as_integer_list,
        "before": sv.as_date,
        "modified_before": sv.as_date,
        "exclude": sv.as_integer_list,
        "include": sv.as_integer_list,
    }
    if spec.has_menu_order:
        parsers["menu_order"] = sv.as_integer
    parsers |= {"offset": sv.as_integer, "order": _enum(("asc", "desc")), "orderby": _enum(orderby)}
    if spec.is_hierarchical:
        parsers |= {"parent": sv.as_integer_list, "parent_exclude": sv.as_integer_list}
    parsers |= {"slug": sv.as_string_list, "status": lambda name, value: sv.as_enum_list(name, value, STATUSES)}
    if spec.taxonomies:
        parsers["tax_relation"] = _enum(("AND", "OR"))
    for route in spec.taxonomies:
        parsers[route.rest_base] = _term_query(route.is_hierarchical, exclude=False)
        parsers[f"{route.rest_base}_exclude"] = _term_query(route.is_hierarchical, exclude=True)
    if spec.has_sticky:
        parsers["sticky"] = sv.as_boolean
    return parsers


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
        values["slug"] = [sanitize_slug(slug) for slug in values["slug"]]
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
    """``sanitize_title`` for lookups: trimmed, lower-case, non-ASCII as lower-case percent escapes."""
    text = slug.strip().lower()
    return quote(text, safe="%-_.~!*'()").lower() if not text.isascii() else text


def parse_item_args(items: Iterable[tuple[str, str]]) -> ItemArgs:
    """``context`` and ``password`` of ``GET /wp/v2/{type}/{id}``."""
    raw = group_query(items)
    values = _validate(raw, {"context": _enum(CONTEXTS), "password": sv.as_string})
    return ItemArgs(context=values.get("context", "view"), password=values.get("password") or None)
