"""``/wp-json/wp/v2/posts``, ``/pages`` and their items: one controller for every post type it serves."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy import and_
from sqlalchemy.orm import Session

from app.api.deps import CallerDep, PathId, SessionDep
from app.api.wp_v2.collection import check_page, pagination_headers
from app.api.wp_v2.embed import with_embedded
from app.api.wp_v2.extensions import event_window_condition, load_post_extras, wants_blocks
from app.api.wp_v2.item_schemas import listed_statuses, post_item_schema
from app.api.wp_v2.params import CollectionArgs, collection_args, item_args, parse_collection_args, parse_item_args
from app.api.wp_v2.post_serializer import RenderRequest, serialize_post
from app.api.wp_v2.post_types import BLOCK, POST_TYPES, PostTypeSpec, served_post_type
from app.api.wp_v2.registry import RestRoute, item_pattern, register, register_site_routes
from app.api.wp_v2.rest_errors import RestError, forbidden, invalid_post_id
from app.api.wp_v2.rest_response import RestResult, answer
from app.auth.permissions import (
    Caller,
    can_edit,
    can_read,
    is_password_correct,
    readable_filter,
    searchable_filter,
)
from app.content.models import Entry
from app.content.permalinks import Site, load_site
from app.content.queries import EntryFilter, EntryOrder, count_entries, list_entries, load_relations
from app.content.registry_config.registry import site_registry
from app.content.render_listing import listed_contents
from app.core.numbers import page_offset

router = APIRouter()

ALLOWED_METHODS = ["GET"]


def _forbidden_context(message: str) -> RestError:
    return RestError("rest_forbidden_context", message, 401, is_permission=True)


def _entry_filter(args: CollectionArgs, spec: PostTypeSpec, caller: Caller) -> EntryFilter:
    return EntryFilter(
        visible=readable_filter(caller, spec.name),
        statuses=args.status if "any" not in args.status else None,
        search=args.search,
        searchable=searchable_filter(caller),
        after=args.after,
        before=args.before,
        modified_after=args.modified_after,
        modified_before=args.modified_before,
        authors=args.author,
        authors_excluded=args.author_exclude,
        include=args.include,
        exclude=args.exclude,
        parents=args.parent,
        parents_excluded=args.parent_exclude,
        menu_order=args.menu_order,
        slugs=args.slug,
        taxonomies=args.taxonomies,
        tax_relation=args.tax_relation,
        sticky=args.sticky,
    )


def _list_result(session: Session, request: Request, spec: PostTypeSpec, caller: Caller, site: Site) -> RestResult:
    args = parse_collection_args(request.query_params.multi_items(), spec, caller)
    if args.context == "edit" and not can_edit(caller, spec.name):
        raise _forbidden_context("Sorry, you are not allowed to edit posts in this post type.")
    entry_filter = _entry_filter(args, spec, caller)
    if spec.name == "ai1ec_event":
        entry_filter.visible = and_(entry_filter.visible, event_window_condition(request.query_params, site))
    total = count_entries(session, entry_filter)
    check_page(args.page, total, args.per_page)
    order = EntryOrder(by=args.orderby, direction=args.order, include=args.include, slugs=args.slug)
    offset = page_offset(args.page, args.per_page, args.offset)
    entries = list_entries(session, entry_filter, order, limit=args.per_page, offset=offset)
    relations = load_relations(session, entries, spec.all_taxonomies)
    extras = load_post_extras(session, entries, caller, with_blocks=wants_blocks(request.query_params.multi_items()))
    render = RenderRequest(spec=spec, site=site, caller=caller, context=args.context, extra_fields=extras.fields)
    # check_read_permission again per item, as get_items does; X-WP-Total counts before it.
    data = [serialize_post(entry, relations, render) for entry in entries if can_read(entry, caller)]
    _as_listed(session, entries, data)
    data = with_embedded(request, session, caller, site, data)
    collection_url = f"{site.rest_root}wp/v2/{spec.rest_base}"
    headers = pagination_headers(collection_url, args.given, page=args.page, per_page=args.per_page, total=total)
    return RestResult(data=data, headers={**headers, "Allow": ", ".join(ALLOWED_METHODS)})


def _as_listed(session: Session, entries: list[Entry], data: list[dict[str, Any]]) -> None:
    """Contents as WordPress renders them one after another in one request (app.content.render_listing)."""
    shown = {int(item["id"]): item for item in data if item.get("content", {}).get("rendered")}
    raw = {int(entry.id or 0): entry.content for entry in entries}
    listed = [(entry_id, raw[entry_id], str(item["content"]["rendered"])) for entry_id, item in shown.items()]
    for entry_id, html in listed_contents(session, listed).items():
        shown[entry_id]["content"]["rendered"] = html


def _item_result(
    session: Session, request: Request, spec: PostTypeSpec, caller: Caller, site: Site, entry_id: int
) -> RestResult:
    args = parse_item_args(request.query_params.multi_items())
    entry = session.get(Entry, entry_id)
    if entry is None or entry.type != spec.name:
        raise invalid_post_id()
    if args.context == "edit" and not can_edit(caller, spec.name):
        raise _forbidden_context("Sorry, you are not allowed to edit this post.")
    if args.password is not None and not is_password_correct(entry, args.password):
        raise RestError("rest_post_incorrect_password", "Incorrect post password.", 403, is_permission=True)
    if not can_read(entry, caller):
        raise forbidden()
    relations = load_relations(session, [entry], spec.all_taxonomies)
    with_blocks = wants_blocks(request.query_params.multi_items())
    extras = load_post_extras(session, [entry], caller, with_blocks=with_blocks, password=args.password)
    render = RenderRequest(
        spec=spec, site=site, caller=caller, context=args.context, password=args.password, extra_fields=extras.fields
    )
    data = serialize_post(entry, relations, render)
    data = with_embedded(request, session, caller, site, data)
    headers = {"Link": f'<{data["link"]}>; rel="alternate"; type=text/html'}
    return RestResult(data=data, headers={**headers, "Allow": ", ".join(ALLOWED_METHODS)})


def list_response(spec: PostTypeSpec, request: Request, session: Session, caller: Caller) -> Response:
    """The collection of ``spec``'s items the caller may read (also for types registered by configuration)."""
    site = load_site(session)
    return answer(request, site.rest_root, lambda: _list_result(session, request, spec, caller, site), ALLOWED_METHODS)


def item_response(spec: PostTypeSpec, entry_id: int, request: Request, session: Session, caller: Caller) -> Response:
    """One item of ``spec`` by ID (also for types registered by configuration)."""
    site = load_site(session)
    return answer(
        request, site.rest_root, lambda: _item_result(session, request, spec, caller, site, entry_id), ALLOWED_METHODS
    )


def _registered(session: Session, spec: PostTypeSpec) -> PostTypeSpec:
    # The site's registrations may add taxonomies to posts and pages (a plugin's register_taxonomy).
    return served_post_type(site_registry(session), spec.rest_base) or spec


def _add_routes(spec: PostTypeSpec) -> None:
    def list_items(request: Request, session: SessionDep, caller: CallerDep) -> Response:
        return list_response(_registered(session, spec), request, session, caller)

    def get_item(id: PathId, request: Request, session: SessionDep, caller: CallerDep) -> Response:
        return item_response(_registered(session, spec), id, request, session, caller)

    list_items.__doc__ = f"List {spec.rest_base} the caller may read, filtered, ordered and paginated like WordPress."
    get_item.__doc__ = f"One item of {spec.rest_base} by ID, as WordPress's REST API shapes it."
    base = f"/wp-json/wp/v2/{spec.rest_base}"
    item = base + "/{id:int}"
    router.add_api_route(base, list_items, methods=["GET"], name=f"list_{spec.rest_base}")
    router.add_api_route(item, get_item, methods=["GET"], name=f"get_{spec.name}")
    # HEAD answers with GET's status and headers; kept out of the OpenAPI document (one operation per route).
    collection, schema = f"/wp/v2/{spec.rest_base}", post_item_schema(spec)
    register(RestRoute(collection, collection_args(spec), schema=schema, allow_batch=True))
    register(RestRoute(item_pattern(collection), item_args(), schema=schema, allow_batch=True))


for _spec in POST_TYPES:
    _add_routes(_spec)

_CORE_TYPES = frozenset(spec.name for spec in POST_TYPES)
_BLOCKS_SCHEMA = post_item_schema(BLOCK)


@register_site_routes
def site_post_type_routes(session: Session) -> list[RestRoute]:
    """The routes of every post type the site serves, as its registrations shape them (taxonomies, statuses)."""
    registry = site_registry(session)
    routes = []
    for registration in registry.post_types:
        spec = served_post_type(registry, registration.rest_base) if registration.is_served else None
        if spec is None:
            continue
        collection, schema = f"/wp/v2/{spec.rest_base}", post_item_schema(spec)
        listed_with = None if spec.name in _CORE_TYPES else "events"
        args = collection_args(spec, listed_statuses(registry))
        item = item_pattern(collection)
        routes.append(RestRoute(collection, args, schema=schema, listed_with=listed_with, allow_batch=True))
        routes.append(RestRoute(item, item_args(), schema=schema, listed_with=listed_with, allow_batch=True))
    # Reusable blocks have their own controller (not a registration's route), with the site's statuses too.
    blocks = collection_args(BLOCK, listed_statuses(registry))
    routes.append(RestRoute("/wp/v2/blocks", blocks, schema=_BLOCKS_SCHEMA, allow_batch=True))
    return routes
