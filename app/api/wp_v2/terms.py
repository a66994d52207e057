"""``/wp-json/wp/v2/categories``, ``/tags``, custom taxonomies under their name, and their items."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from sqlalchemy.orm import Session

from app.api.deps import CallerDep, PathId, SessionDep
from app.api.wp_v2 import posts
from app.api.wp_v2.collection import pagination_headers
from app.api.wp_v2.embed import with_embedded
from app.api.wp_v2.extensions import hidden_acf_names, visible_acf
from app.api.wp_v2.item_schemas import term_item_schema
from app.api.wp_v2.params import Parser, validate_args
from app.api.wp_v2.post_types import served_post_type
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
from app.api.wp_v2.term_serializer import TaxonomySpec, serialize_term
from app.auth.permissions import ANONYMOUS, Caller, can_read
from app.content.models import Entry
from app.content.permalinks import Site, load_site
from app.content.registry_config.registry import site_registry
from app.core.numbers import page_offset
from app.core.slugs import slug_lookups
from app.taxonomy.queries import (
    INTERNAL_TAXONOMIES,
    TermFilter,
    TermOrder,
    ancestor_slugs,
    count_terms,
    list_terms,
    term_with_count,
)

router = APIRouter()

ALLOWED_METHODS = ["GET"]
ORDERBY = ("id", "include", "name", "slug", "include_slugs", "term_group", "description", "count")
BUILT_IN = {
    "categories": TaxonomySpec("category", "categories", is_hierarchical=True),
    "tags": TaxonomySpec("post_tag", "tags", is_hierarchical=False),
}


def collection_args(spec: TaxonomySpec) -> dict[str, Arg]:
    """``WP_REST_Terms_Controller::get_collection_params`` in registration order."""
    args = page_args() | {
        "exclude": id_list_arg("Ensure result set excludes specific IDs."),
        "include": id_list_arg("Limit result set to specific IDs."),
    }
    if not spec.is_hierarchical:
        args["offset"] = Arg({"description": "Offset the result set by a specific number of items.", "type": "integer"})
    orderby = {"type": "string", "default": "name", "enum": list(ORDERBY)}
    hide_empty = {"type": "boolean", "default": False}
    args |= {
        "order": order_arg("asc"),
        "orderby": Arg({"description": "Sort collection by term attribute.", **orderby}),
        "hide_empty": Arg({"description": "Whether to hide terms not assigned to any posts.", **hide_empty}),
    }
    if spec.is_hierarchical:
        parent = "Limit result set to terms assigned to a specific parent."
        args["parent"] = Arg({"description": parent, "type": "integer"})
    post = {"description": "Limit result set to terms assigned to a specific post.", "type": "integer", "default": None}
    slug = "Limit result set to terms with one or more specific slugs."
    return args | {"post": Arg(post), "slug": Arg({"description": slug, "type": "array", "items": {"type": "string"}})}


def collection_parsers(spec: TaxonomySpec) -> dict[str, Parser]:
    """The checks of :func:`collection_args`, the arguments the index publishes."""
    return parsers_of(collection_args(spec))


def item_args() -> dict[str, Arg]:
    """``GET /wp/v2/{taxonomy}/{id}``: the URL's ``id`` and ``context``."""
    return {"id": id_arg("Unique identifier for the term."), "context": context_arg()}


def _forbidden_context() -> RestError:
    return RestError(
        "rest_forbidden_context", "Sorry, you are not allowed to edit terms in this taxonomy.", 401, is_permission=True
    )


def _check_post(session: Session, entry_id: int, caller: Caller) -> None:
    """``get_items_permissions_check``: the post must exist and be readable."""
    entry = session.get(Entry, entry_id)
    if entry is None:
        raise RestError("rest_post_invalid_id", "Invalid post ID.", 400, is_permission=True)
    if not can_read(entry, caller):
        message = "Sorry, you are not allowed to view terms for this post."
        raise RestError("rest_forbidden_context", message, 401, is_permission=True)


def _term_filter(values: dict[str, Any], spec: TaxonomySpec) -> TermFilter:
    return TermFilter(
        taxonomy=spec.name,
        search=values.get("search") or None,
        include=values.get("include", []),
        exclude=values.get("exclude", []),
        slugs=[stored for slug in values.get("slug", []) for stored in slug_lookups(slug)],
        parent=values.get("parent"),
        hide_empty=values.get("hide_empty", False),
        entry_id=values.get("post") or None,
        object_types=spec.object_types,
    )


def _list_result(session: Session, request: Request, spec: TaxonomySpec, caller: Caller, site: Site) -> RestResult:
    raw = group_query(request.query_params.multi_items())
    values = validate_args(raw, collection_parsers(spec))
    if values.get("context") == "edit":
        raise _forbidden_context()
    if values.get("post"):
        _check_post(session, values["post"], caller)
    term_filter = _term_filter(values, spec)
    page, per_page = values.get("page", 1), values.get("per_page", 10)
    order = TermOrder(
        by=values.get("orderby", "name"),
        direction=values.get("order", "asc"),
        include=term_filter.include,
        slugs=term_filter.slugs,
    )
    offset = page_offset(page, per_page, values.get("offset"))
    total = count_terms(session, term_filter)
    rows = list_terms(session, term_filter, order, limit=per_page, offset=offset)
    ancestors = ancestor_slugs(session, [term for term, _ in rows]) if spec.is_hierarchical else {}
    context = values.get("context", "view")
    hidden = hidden_acf_names(session, [term for term, _ in rows])
    data = [
        serialize_term(term, count, spec, site, ancestors, context, {"acf": visible_acf(term.acf, hidden)})
        for term, count in rows
    ]
    data = with_embedded(request, session, caller, site, data)
    given = {**raw, **({"slug": term_filter.slugs} if "slug" in raw else {})}
    url = f"{site.rest_root}wp/v2/{spec.rest_base}"
    headers = pagination_headers(url, given, page=page, per_page=per_page, total=total)
    return RestResult(data=data, headers={**headers, "Allow": ", ".join(ALLOWED_METHODS)})


def _item_result(session: Session, request: Request, spec: TaxonomySpec, site: Site, term_id: int) -> RestResult:
    raw = group_query(request.query_params.multi_items())
    values = validate_args(raw, parsers_of({"context": item_args()["context"]}))
    found = term_with_count(session, term_id, spec.object_types)
    if found is None or found[0].taxonomy != spec.name:
        raise RestError("rest_term_invalid", "Term does not exist.", 404, is_permission=True)
    if values.get("context") == "edit":
        raise _forbidden_context()
    term, count = found
    ancestors = ancestor_slugs(session, [term]) if spec.is_hierarchical else {}
    extra = {"acf": visible_acf(term.acf, hidden_acf_names(session, [term]))}
    data = serialize_term(term, count, spec, site, ancestors, values.get("context", "view"), extra)
    # A term's only embeddable link is its parent term, which every caller may read.
    data = with_embedded(request, session, ANONYMOUS, site, data)
    return RestResult(data=data, headers={"Allow": ", ".join(ALLOWED_METHODS)})


def taxonomy_for(session: Session, rest_base: str) -> TaxonomySpec:
    """The registered ``show_in_rest`` taxonomy served under ``rest_base``; any other has no route."""
    registry = site_registry(session)
    registration = registry.taxonomy_at(rest_base)
    # nav_menu has its own controller (/wp/v2/menus); the terms controller never serves it.
    if registration is None or registration.name in INTERNAL_TAXONOMIES:
        raise HTTPException(404)
    served = (registry.post_type(name) for name in registration.object_types)
    object_bases = tuple(item.rest_base for item in served if item is not None and item.show_in_rest)
    return TaxonomySpec(
        registration.name,
        rest_base,
        registration.hierarchical,
        object_bases=object_bases,
        object_types=registration.object_types,
    )


def list_terms_route(taxonomy: str, request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """List a taxonomy's terms (or a configured post type's items) like WordPress."""
    post_type = served_post_type(site_registry(session), taxonomy)
    if post_type is not None:
        return posts.list_response(post_type, request, session, caller)
    spec = taxonomy_for(session, taxonomy)
    site = load_site(session)
    return answer(request, site.rest_root, lambda: _list_result(session, request, spec, caller, site), ALLOWED_METHODS)


def get_term_route(taxonomy: str, id: PathId, request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """One term (or one item of a configured post type) by ID, as WordPress's REST API shapes it."""
    post_type = served_post_type(site_registry(session), taxonomy)
    if post_type is not None:
        return posts.item_response(post_type, id, request, session, caller)
    spec = taxonomy_for(session, taxonomy)
    site = load_site(session)
    return answer(request, site.rest_root, lambda: _item_result(session, request, spec, site, id), ALLOWED_METHODS)


_BASE = "/wp-json/wp/v2/{taxonomy}"
router.add_api_route(_BASE, list_terms_route, methods=["GET"], name="list_terms")
router.add_api_route(_BASE + "/{id:int}", get_term_route, methods=["GET"], name="get_term")

for _spec in BUILT_IN.values():
    _collection, _schema = f"/wp/v2/{_spec.rest_base}", term_item_schema(_spec)
    register(RestRoute(_collection, collection_args(_spec), schema=_schema, allow_batch=True))
    register(RestRoute(item_pattern(_collection), item_args(), schema=_schema, allow_batch=True))


@register_site_routes
def site_taxonomy_routes(session: Session) -> list[RestRoute]:
    """The routes of every taxonomy the site serves; a plugin's are listed after core's menus."""
    routes = []
    for registration in site_registry(session).taxonomies:
        if not registration.show_in_rest or registration.name in INTERNAL_TAXONOMIES:
            continue
        spec = taxonomy_for(session, registration.rest_base)
        collection, schema = f"/wp/v2/{spec.rest_base}", term_item_schema(spec)
        listed_with = None if spec.rest_base in BUILT_IN else "menus"
        item, args = item_pattern(collection), collection_args(spec)
        routes.append(RestRoute(collection, args, schema=schema, listed_with=listed_with, allow_batch=True))
        routes.append(RestRoute(item, item_args(), schema=schema, listed_with=listed_with, allow_batch=True))
    return routes
