"""``/wp-json/wp/v2/search``: WordPress 6.1's search controller over posts, terms and post formats."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from app.api.deps import CallerDep, SessionDep
from app.api.wp_v2.collection import pagination_headers, total_pages
from app.api.wp_v2.embed import with_embedded
from app.api.wp_v2.params import Parser, validate_args
from app.api.wp_v2.query_string import group_query
from app.api.wp_v2.registry import Arg, RestRoute, id_list_arg, page_args, parsers_of, register_site_routes
from app.api.wp_v2.rest_errors import RestError
from app.api.wp_v2.rest_response import RestResult, answer
from app.api.wp_v2.schemas import DRAFT_04
from app.api.wp_v2.search_handlers import (
    SearchPage,
    SearchQuery,
    post_subtypes,
    search_post_formats,
    search_posts,
    search_terms,
    term_subtypes,
)
from app.auth.permissions import Caller
from app.content.permalinks import Site, load_site
from app.content.registry_config.registry import Registry, site_registry

router = APIRouter()

ALLOWED_METHODS = ["GET"]
# The handlers in registration order: the ``type`` enum.
TYPES = ("post", "term", "post-format")


def collection_args(subtypes: list[str]) -> dict[str, Arg]:
    """``WP_REST_Search_Controller::get_collection_params`` in registration order (which orders errors)."""
    args = page_args()
    args["context"] = Arg({**args["context"].schema, "enum": ["view", "embed"]})
    kind = {"default": "post", "description": "Limit results to items of an object type.", "type": "string"}
    subtype = {"default": "any", "description": "Limit results to items of one or more object subtypes."}
    items = {"enum": [*subtypes, "any"], "type": "string"}
    return args | {
        "type": Arg({**kind, "enum": list(TYPES)}),
        "subtype": Arg({**subtype, "type": "array", "items": items}),
        "exclude": id_list_arg("Ensure result set excludes specific IDs."),
        "include": id_list_arg("Limit result set to specific IDs."),
    }


def collection_parsers(subtypes: list[str]) -> dict[str, Parser]:
    """The checks of :func:`collection_args`, the arguments the index publishes."""
    return parsers_of(collection_args(subtypes))


def _result_schema(session: Session) -> dict[str, Any]:
    """``WP_REST_Search_Controller::get_item_schema``: one search result."""
    registry = site_registry(session)
    context = ["view", "embed"]
    properties: dict[str, Any] = {
        "id": {"description": "Unique identifier for the object.", "type": ["integer", "string"]},
        "title": {"description": "The title for the object.", "type": "string"},
        "url": {"description": "URL to the object.", "type": "string", "format": "uri"},
        "type": {"description": "Object type.", "type": "string", "enum": list(TYPES)},
        "subtype": {
            "description": "Object subtype.",
            "type": "string",
            "enum": [*post_subtypes(registry), *term_subtypes(registry)],
        },
    }
    for prop in properties.values():
        prop |= {"context": context, "readonly": True}
    return {"$schema": DRAFT_04, "title": "search-result", "type": "object", "properties": properties}


@register_site_routes
def site_search_route(session: Session) -> list[RestRoute]:
    """The search route, whose subtypes are the site's searchable post types and taxonomies."""
    registry = site_registry(session)
    every = post_subtypes(registry) + term_subtypes(registry)
    return [RestRoute("/wp/v2/search", collection_args(every), schema=_result_schema)]


def _handler_subtypes(registry: Registry, search_type: str) -> list[str]:
    if search_type == "post":
        return post_subtypes(registry)
    return term_subtypes(registry) if search_type == "term" else []


def _subtypes(requested: list[str], handled: list[str]) -> list[str]:
    """``sanitize_subtypes``: 'any' stands for all the handler's subtypes; others must be the handler's."""
    if not requested or "any" in requested:
        return handled
    return [subtype for subtype in requested if subtype in handled]


def _search(
    session: Session, search_type: str, query: SearchQuery, caller: Caller, site: Site, registry: Registry
) -> SearchPage:
    if search_type == "post":
        return search_posts(session, query, caller, site, registry)
    if search_type == "term":
        return search_terms(session, query, site, registry)
    return search_post_formats(session, query, site)


def _list_result(session: Session, request: Request, caller: Caller, site: Site) -> RestResult:
    raw = group_query(request.query_params.multi_items())
    registry = site_registry(session)
    every_subtype = [*post_subtypes(registry), *term_subtypes(registry)]
    values = validate_args(raw, collection_parsers(every_subtype))
    search_type = values.get("type", "post")
    query = SearchQuery(
        search=values.get("search", ""),
        page=values.get("page", 1),
        per_page=values.get("per_page", 10),
        subtypes=_subtypes(values.get("subtype", ["any"]), _handler_subtypes(registry, search_type)),
        include=values.get("include", []),
        exclude=values.get("exclude", []),
    )
    found = _search(session, search_type, query, caller, site, registry)
    if found.total > 0 and query.page > total_pages(found.total, query.per_page):
        raise RestError(
            "rest_search_invalid_page_number",
            "The page number requested is larger than the number of pages available.",
            400,
        )
    collection = f"{site.rest_root}wp/v2/search"
    data = [_with_collection_link(item, collection) for item in found.items]
    data = with_embedded(request, session, caller, site, data)
    headers = pagination_headers(collection, raw, page=query.page, per_page=query.per_page, total=found.total)
    return RestResult(data=data, headers={**headers, "Allow": ", ".join(ALLOWED_METHODS)})


def _with_collection_link(item: dict[str, Any], collection: str) -> dict[str, Any]:
    # prepare_item_for_response adds the search collection after the handler's own links.
    links = {**item.get("_links", {}), "collection": [{"href": collection}]}
    return {**item, "_links": links}


def search_route(request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """Search published posts (by relevance), terms or post formats, paginated like WordPress."""
    site = load_site(session)
    return answer(request, site.rest_root, lambda: _list_result(session, request, caller, site), ALLOWED_METHODS)


router.add_api_route("/wp-json/wp/v2/search", search_route, methods=["GET"], name="search")
