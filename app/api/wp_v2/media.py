"""``/wp-json/wp/v2/media`` and its items: attachments as ``WP_REST_Attachments_Controller`` serves them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fastapi import APIRouter, Request, Response
from sqlalchemy import ColumnElement, and_, select, true
from sqlalchemy.orm import Session
from sqlmodel import col

from app.api.deps import CallerDep, PathId, SessionDep
from app.api.wp_v2.collection import check_page, pagination_headers
from app.api.wp_v2.embed import with_embedded
from app.api.wp_v2.item_schemas import attachment_item_schema
from app.api.wp_v2.media_serializer import serialize_attachment
from app.api.wp_v2.params import (
    CollectionArgs,
    Parser,
    collection_args,
    item_args,
    parse_collection_args,
    parse_item_args,
    validate_args,
)
from app.api.wp_v2.post_types import PostTypeSpec
from app.api.wp_v2.query_string import group_query
from app.api.wp_v2.registry import Arg, RestRoute, item_pattern, parsers_of, register
from app.api.wp_v2.rest_errors import RestError, forbidden, invalid_post_id
from app.api.wp_v2.rest_response import RestResult, answer
from app.auth.permissions import Caller, can_edit, can_read, readable_filter, searchable_filter
from app.content.models import Entry
from app.content.permalinks import MediaPage, Site, attachment_parent_link, load_site
from app.content.queries import EntryFilter, EntryOrder, count_entries, list_entries, load_relations
from app.core.numbers import page_offset
from app.core.settings import get_settings
from app.media.models import Attachment

router = APIRouter()

ALLOWED_METHODS = ["GET"]
# The attachments controller registers parent and parent_exclude although attachments are not hierarchical.
_PARAMS_SPEC = PostTypeSpec("attachment", "media", is_hierarchical=True, has_excerpt=False)
# What the posts controller's schema keeps for attachments: supports title, author, comments, custom-fields.
ATTACHMENT = PostTypeSpec("attachment", "media", has_content=False, has_excerpt=False, has_featured_media=False)
# get_media_types(): the allowed MIME types grouped by what comes before the slash.
MEDIA_TYPES = ("image", "video", "text", "application", "audio")
ATTACHMENT_STATUSES = ("inherit", "private", "trash")


@dataclass(slots=True)
class MediaArgs:
    """A media list request: the posts controller's arguments plus the MIME filters."""

    collection: CollectionArgs
    media_type: str | None = None
    mime_type: str | None = None


def media_args() -> dict[str, Arg]:
    """``get_collection_params`` of the attachments controller, in its order: the posts controller's,
    attachment statuses, then the MIME filters."""
    args = collection_args(_PARAMS_SPEC)
    statuses = {"type": "array", "items": {"enum": list(ATTACHMENT_STATUSES), "type": "string"}}
    args["status"] = Arg({"default": "inherit", "description": args["status"].schema["description"], **statuses})
    media_type = "Limit result set to attachments of a particular media type."
    args["media_type"] = Arg({"default": None, "description": media_type, "type": "string", "enum": list(MEDIA_TYPES)})
    mime_type = "Limit result set to attachments of a particular MIME type."
    args["mime_type"] = Arg({"default": None, "description": mime_type, "type": "string"})
    return args


def media_parsers() -> dict[str, Parser]:
    """The checks of :func:`media_args`, the arguments the index publishes."""
    return parsers_of(media_args())


def parse_media_args(items: Sequence[tuple[str, str]], caller: Caller) -> MediaArgs:
    """Validate every argument (all failures together), then sanitise as the posts controller does."""
    values = validate_args(group_query(items), media_parsers())
    collection = parse_collection_args(items, _PARAMS_SPEC, caller)
    if "status" not in values:
        collection.status = ["inherit"]
    return MediaArgs(collection, values.get("media_type"), values.get("mime_type"))


def mime_condition(args: MediaArgs) -> ColumnElement[bool]:
    """``prepare_items_query``: a known ``mime_type`` wins over ``media_type``; others are ignored."""
    mime = col(Attachment.mime_type)
    if args.mime_type and args.mime_type.split("/", 1)[0] in MEDIA_TYPES:
        condition = mime == args.mime_type
    elif args.media_type:
        condition = mime.like(f"{args.media_type}/%")
    else:
        return true()
    return col(Entry.id).in_(select(col(Attachment.entry_id)).where(condition))


def _entry_filter(args: MediaArgs, caller: Caller) -> EntryFilter:
    given = args.collection
    return EntryFilter(
        visible=and_(readable_filter(caller, "attachment"), mime_condition(args)),
        statuses=given.status,
        search=given.search,
        searchable=searchable_filter(caller),
        after=given.after,
        before=given.before,
        modified_after=given.modified_after,
        modified_before=given.modified_before,
        authors=given.author,
        authors_excluded=given.author_exclude,
        include=given.include,
        exclude=given.exclude,
        parents=given.parent,
        parents_excluded=given.parent_exclude,
        slugs=given.slug,
    )


def load_media_page(session: Session, entries: Sequence[Entry], site: Site) -> MediaPage:
    """Files, parents and parent permalinks of a page of attachments, in a fixed number of queries."""
    ids = [int(entry.id or 0) for entry in entries]
    files = {row.entry_id: row for row in session.scalars(select(Attachment).where(col(Attachment.entry_id).in_(ids)))}
    parent_ids = sorted({entry.parent_id for entry in entries} - {0})
    parents = {int(p.id or 0): p for p in session.scalars(select(Entry).where(col(Entry.id).in_(parent_ids)))}
    relations = load_relations(session, list(parents.values()), ("category",))
    links = {parent_id: attachment_parent_link(parent, site, relations) for parent_id, parent in parents.items()}
    return MediaPage(site, get_settings().site_url, files, parents, links)


def _readable(entries: Iterable[Entry], page: MediaPage, caller: Caller) -> list[Entry]:
    # check_read_permission: an 'inherit' attachment is readable when its parent, if it exists, is.
    return [entry for entry in entries if can_read(entry, caller, parent=page.parents.get(entry.parent_id))]


def _forbidden_context(message: str) -> RestError:
    return RestError("rest_forbidden_context", message, 401, is_permission=True)


def _list_result(session: Session, request: Request, caller: Caller, site: Site) -> RestResult:
    args = parse_media_args(request.query_params.multi_items(), caller)
    given = args.collection
    if given.context == "edit" and not can_edit(caller, "attachment"):
        raise _forbidden_context("Sorry, you are not allowed to edit posts in this post type.")
    entry_filter = _entry_filter(args, caller)
    total = count_entries(session, entry_filter)
    check_page(given.page, total, given.per_page)
    order = EntryOrder(by=given.orderby, direction=given.order, include=given.include, slugs=given.slug)
    offset = page_offset(given.page, given.per_page, given.offset)
    entries = list_entries(session, entry_filter, order, limit=given.per_page, offset=offset)
    page = load_media_page(session, entries, site)
    # X-WP-Total counts before the per-item permission check, as get_items does.
    data = [serialize_attachment(entry, page, given.context) for entry in _readable(entries, page, caller)]
    data = with_embedded(request, session, caller, site, data)
    collection_url = f"{site.rest_root}wp/v2/media"
    headers = pagination_headers(collection_url, given.given, page=given.page, per_page=given.per_page, total=total)
    return RestResult(data=data, headers={**headers, "Allow": ", ".join(ALLOWED_METHODS)})


def _item_result(session: Session, request: Request, caller: Caller, site: Site, entry_id: int) -> RestResult:
    args = parse_item_args(request.query_params.multi_items())
    entry = session.get(Entry, entry_id)
    if entry is None or entry.type != "attachment":
        raise invalid_post_id()
    if args.context == "edit" and not can_edit(caller, "attachment"):
        raise _forbidden_context("Sorry, you are not allowed to edit this post.")
    page = load_media_page(session, [entry], site)
    if not _readable([entry], page, caller):
        raise forbidden()
    data = with_embedded(request, session, caller, site, serialize_attachment(entry, page, args.context))
    headers = {"Link": f'<{data["link"]}>; rel="alternate"; type=text/html'}
    return RestResult(data=data, headers={**headers, "Allow": ", ".join(ALLOWED_METHODS)})


def list_media(request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """Attachments the caller may read, filtered by MIME type, ordered and paginated like WordPress."""
    site = load_site(session)
    return answer(request, site.rest_root, lambda: _list_result(session, request, caller, site), ALLOWED_METHODS)


def get_attachment(id: PathId, request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """One attachment by ID, as WordPress's REST API shapes it."""
    site = load_site(session)
    return answer(request, site.rest_root, lambda: _item_result(session, request, caller, site, id), ALLOWED_METHODS)


_BASE = "/wp-json/wp/v2/media"
_ITEM = _BASE + "/{id:int}"
router.add_api_route(_BASE, list_media, methods=["GET"], name="list_media")
router.add_api_route(_ITEM, get_attachment, methods=["GET"], name="get_attachment")
register(RestRoute("/wp/v2/media", media_args(), schema=attachment_item_schema(ATTACHMENT)))
register(
    RestRoute(item_pattern("/wp/v2/media"), item_args(has_password=False), schema=attachment_item_schema(ATTACHMENT))
)
# HEAD answers with GET's status and headers; kept out of the OpenAPI document (one operation per route).
