"""``/wp-json/wp/v2/users`` and its items: authors of published content, never their e-mail addresses."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from app.api.deps import CallerDep, PathId, SessionDep
from app.api.wp_v2 import schema_values as sv
from app.api.wp_v2.collection import pagination_headers
from app.api.wp_v2.extensions import hidden_acf_names, visible_acf
from app.api.wp_v2.item_schemas import user_item_schema
from app.api.wp_v2.params import Parser, sanitize_slug, validate_args
from app.api.wp_v2.query_string import group_query
from app.api.wp_v2.registry import (
    Arg,
    RestRoute,
    context_arg,
    id_arg,
    id_list_arg,
    item_pattern,
    order_arg,
    page_args,
    parsers_of,
    register,
    register_site_routes,
)
from app.api.wp_v2.rest_errors import RestError
from app.api.wp_v2.rest_response import RestResult, answer
from app.api.wp_v2.user_serializer import serialize_user
from app.auth.permissions import Caller
from app.content.permalinks import Site, load_site
from app.content.registry_config.model import SiteConfig
from app.content.registry_config.registry import Registry, build_registry, site_registry
from app.core.numbers import page_offset
from app.users.queries import UserFilter, UserOrder, count_users, find_author, list_users

router = APIRouter()

ALLOWED_METHODS = ["GET"]
ORDERBY = ("id", "include", "name", "registered_date", "slug", "include_slugs", "email", "url")
# Orderings that would reveal private data: list_users capability only.
_PRIVATE_ORDERBY = frozenset({"email", "registered_date"})


def _described(description: str, schema: dict[str, Any], parser: Parser | None = None) -> Arg:
    return Arg({"description": description, **schema}, parser)


def rest_post_types(registry: Registry) -> list[str]:
    """``get_post_types( array( 'show_in_rest' => true ) )``: every post type the REST API knows."""
    return [registration.name for registration in registry.post_types if registration.show_in_rest]


def _published_in(types: tuple[str, ...]) -> Parser:
    """``has_published_posts``: a boolean, else (``rest_get_best_type_for_value``) a list of post types."""

    def parse(name: str, value: Any) -> bool | list[str]:
        if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
            return sv.as_boolean(name, value)
        return sv.as_enum_list(name, value, types)

    return parse


def collection_args(registry: Registry) -> dict[str, Arg]:
    """``WP_REST_Users_Controller::get_collection_params`` in registration order."""
    strings = {"type": "array", "items": {"type": "string"}}
    types = rest_post_types(registry)
    # The enum is keyed by name in PHP, so WordPress sends an object.
    published = {"type": ["boolean", "array"], "items": {"type": "string", "enum": {name: name for name in types}}}
    return page_args() | {
        "exclude": id_list_arg("Ensure result set excludes specific IDs."),
        "include": id_list_arg("Limit result set to specific IDs."),
        "offset": _described("Offset the result set by a specific number of items.", {"type": "integer"}),
        "order": Arg({"default": "asc", **order_arg("asc").schema}),
        "orderby": _described(
            "Sort collection by user attribute.", {"default": "name", "enum": list(ORDERBY), "type": "string"}
        ),
        "slug": _described("Limit result set to users with one or more specific slugs.", strings),
        "roles": _described(
            "Limit result set to users matching at least one specific role provided. Accepts csv list or single role.",
            strings,
        ),
        "capabilities": _described(
            "Limit result set to users matching at least one specific capability provided. "
            "Accepts csv list or single capability.",
            strings,
        ),
        "who": _described(
            "Limit result set to users who are considered authors.", {"type": "string", "enum": ["authors"]}
        ),
        "has_published_posts": _described(
            "Limit result set to users who have published posts.", published, _published_in(tuple(types))
        ),
    }


def collection_parsers(registry: Registry) -> dict[str, Parser]:
    """The checks of :func:`collection_args`, the arguments the index publishes."""
    return parsers_of(collection_args(registry))


def item_args() -> dict[str, Arg]:
    """``GET /wp/v2/users/{id}``: the URL's ``id`` and ``context``."""
    return {"id": id_arg("Unique identifier for the user."), "context": context_arg()}


def _can_list_users(caller: Caller) -> bool:
    return caller.can("list_users")


def _check_permissions(values: dict[str, Any], caller: Caller) -> None:
    """``get_items_permissions_check``: filters that expose private data need ``list_users``."""
    if _can_list_users(caller):
        return
    refusals = [
        (values.get("context") == "edit", "rest_forbidden_context", "Sorry, you are not allowed to list users."),
        (values.get("orderby") in _PRIVATE_ORDERBY, "rest_forbidden_orderby",
         "Sorry, you are not allowed to order users by this parameter."),
        ("who" in values, "rest_forbidden_who", "Sorry, you are not allowed to query users by this parameter."),
        (bool(values.get("roles") or values.get("capabilities")), "rest_user_cannot_view",
         "Sorry, you are not allowed to filter users by role."),
    ]  # fmt: skip
    for refused, code, message in refusals:
        if refused:
            raise RestError(code, message, 401, is_permission=True)


def _list_result(session: Session, request: Request, caller: Caller, site: Site) -> RestResult:
    raw = group_query(request.query_params.multi_items())
    registry = site_registry(session)
    values = validate_args(raw, collection_parsers(registry))
    _check_permissions(values, caller)
    published = values.get("has_published_posts")
    slugs = [sanitize_slug(slug) for slug in values.get("slug", [])]
    user_filter = UserFilter(
        authors_only=not _can_list_users(caller) or bool(published),
        # get_items: authors of published entries of every type shown in REST (menu items and reusable blocks
        # too), or of the types listed.
        published_types=published if isinstance(published, list) else rest_post_types(registry),
        search=values.get("search") or None,
        search_emails=_can_list_users(caller),
        include=values.get("include", []),
        exclude=values.get("exclude", []),
        slugs=slugs,
    )
    page, per_page = values.get("page", 1), values.get("per_page", 10)
    order = UserOrder(values.get("orderby", "name"), values.get("order", "asc"), user_filter.include, slugs)
    offset = page_offset(page, per_page, values.get("offset"))
    total = count_users(session, user_filter)
    users = list_users(session, user_filter, order, limit=per_page, offset=offset)
    hidden = hidden_acf_names(session, users)
    context = values.get("context", "view")
    data = [serialize_user(user, site, context, {"acf": visible_acf(user.acf, hidden)}) for user in users]
    url = f"{site.rest_root}wp/v2/users"
    headers = pagination_headers(url, raw, page=page, per_page=per_page, total=total)
    return RestResult(data=data, headers={**headers, "Allow": ", ".join(ALLOWED_METHODS)})


def _item_result(session: Session, request: Request, caller: Caller, site: Site, user_id: int) -> RestResult:
    raw = group_query(request.query_params.multi_items())
    values = validate_args(raw, parsers_of({"context": item_args()["context"]}))
    # get_item_permissions_check: count_user_posts over every type shown in REST.
    types = rest_post_types(site_registry(session))
    user, visible = find_author(session, user_id, authors_only=not _can_list_users(caller), post_types=types)
    if user is None:
        raise RestError("rest_user_invalid_id", "Invalid user ID.", 404, is_permission=True)
    if values.get("context") == "edit" and not _can_list_users(caller):
        raise RestError("rest_user_cannot_view", "Sorry, you are not allowed to list users.", 401, is_permission=True)
    if not visible:
        raise RestError("rest_user_cannot_view", "Sorry, you are not allowed to list users.", 401, is_permission=True)
    extra = {"acf": visible_acf(user.acf, hidden_acf_names(session, [user]))}
    data = serialize_user(user, site, values.get("context", "view"), extra)
    return RestResult(data=data, headers={"Allow": ", ".join(ALLOWED_METHODS)})


def list_users_route(request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """List users the caller may see, filtered, ordered and paginated like WordPress."""
    site = load_site(session)
    return answer(request, site.rest_root, lambda: _list_result(session, request, caller, site), ALLOWED_METHODS)


def get_user_route(id: PathId, request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """One user by ID, if the caller may see them."""
    site = load_site(session)
    return answer(request, site.rest_root, lambda: _item_result(session, request, caller, site, id), ALLOWED_METHODS)


router.add_api_route("/wp-json/wp/v2/users", list_users_route, methods=["GET"], name="list_users")
router.add_api_route("/wp-json/wp/v2/users/{id:int}", get_user_route, methods=["GET"], name="get_user")


@register_site_routes
def site_user_routes(session: Session) -> list[RestRoute]:
    """The users' routes: ``has_published_posts`` names the post types the site shows in REST."""
    collection = RestRoute("/wp/v2/users", collection_args(site_registry(session)), schema=user_item_schema)
    return [collection, RestRoute(item_pattern("/wp/v2/users"), item_args(), schema=user_item_schema)]


register(RestRoute("/wp/v2/users", collection_args(build_registry(SiteConfig())), schema=user_item_schema))
register(RestRoute(item_pattern("/wp/v2/users"), item_args(), schema=user_item_schema))
