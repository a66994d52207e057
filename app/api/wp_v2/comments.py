"""``/wp-json/wp/v2/comments`` and its items: approved comments on posts the caller may read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.api.deps import CallerDep, PathId, SessionDep
from app.api.wp_v2 import schema_values as sv
from app.api.wp_v2.collection import pagination_headers
from app.api.wp_v2.comment_serializer import CommentPage, serialize_comment
from app.api.wp_v2.embed import with_embedded
from app.api.wp_v2.item_schemas import comment_item_schema
from app.api.wp_v2.params import Parser, validate_args
from app.api.wp_v2.post_types import POST
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
)
from app.api.wp_v2.rest_errors import RestError, invalid_post_id
from app.api.wp_v2.rest_response import RestResult, answer
from app.auth.permissions import Caller, can_read, can_see_content
from app.comments.models import Comment
from app.comments.queries import CommentFilter, CommentOrder, count_comments, list_comments, with_children
from app.content.models import Entry
from app.content.permalinks import Site, load_site
from app.content.queries import load_relations
from app.core.numbers import page_offset

router = APIRouter()

ALLOWED_METHODS = ["GET"]
ORDERBY = ("date", "date_gmt", "id", "include", "post", "parent", "type")
# Filters only callers who may edit posts can use (get_items_permissions_check's protected params).
_PROTECTED = ("author", "author_exclude", "author_email", "type", "status")


def _described(description: str, schema: dict[str, Any]) -> Arg:
    return Arg({"description": description, **schema})


def _authorized(default: str | None, what: str, **schema: Any) -> Arg:
    """A filter only moderators may use; WordPress says so in its description."""
    description = f"Limit result set to {what}. Requires authorization."
    return Arg({"default": default, "description": description, **schema, "type": "string"})


def _listed(description: str) -> Arg:
    return Arg({"default": [], "description": description, "type": "array", "items": {"type": "integer"}})


_FROM_EMAIL = "that from a specific author email"


def collection_args() -> dict[str, Arg]:
    """``WP_REST_Comments_Controller::get_collection_params`` in registration order."""
    date = {"type": "string", "format": "date-time"}
    ids = {"type": "array", "items": {"type": "integer"}}
    return page_args() | {
        "after": _described("Limit response to comments published after a given ISO8601 compliant date.", date),
        "author": _described(
            "Limit result set to comments assigned to specific user IDs. Requires authorization.", ids
        ),
        "author_exclude": _described(
            "Ensure result set excludes comments assigned to specific user IDs. Requires authorization.", ids
        ),
        # format email: WordPress checks the address; any text is accepted here and matches nothing.
        "author_email": Arg(
            _authorized(None, "that from a specific author email", format="email").schema, sv.as_string
        ),
        "before": _described("Limit response to comments published before a given ISO8601 compliant date.", date),
        "exclude": id_list_arg("Ensure result set excludes specific IDs."),
        "include": id_list_arg("Limit result set to specific IDs."),
        "offset": _described("Offset the result set by a specific number of items.", {"type": "integer"}),
        "order": order_arg("desc"),
        "orderby": _described(
            "Sort collection by comment attribute.", {"type": "string", "default": "date_gmt", "enum": list(ORDERBY)}
        ),
        "parent": Arg({"default": [], "description": "Limit result set to comments of specific parent IDs.", **ids}),
        "parent_exclude": Arg({"default": [], "description": "Ensure result set excludes specific parent IDs.", **ids}),
        "post": Arg(
            {"default": [], "description": "Limit result set to comments assigned to specific post IDs.", **ids}
        ),
        "status": _authorized("approve", "comments assigned a specific status"),
        "type": _authorized("comment", "comments assigned a specific type"),
        "password": _described("The password for the post if it is password protected.", {"type": "string"}),
    }


def collection_parsers() -> dict[str, Parser]:
    """The checks of :func:`collection_args`, the arguments the index publishes."""
    return parsers_of(collection_args())


def item_args() -> dict[str, Arg]:
    """``GET /wp/v2/comments/{id}``: the URL's ``id``, ``context`` and the parent post's ``password``."""
    about = "The password for the parent post of the comment (if the post is password protected)."
    return {
        "id": id_arg("Unique identifier for the comment."),
        "context": context_arg(),
        "password": _described(about, {"type": "string"}),
    }


def _may_moderate(caller: Caller) -> bool:
    return caller.can("moderate_comments")


def _check_permissions(session: Session, values: dict[str, Any], caller: Caller) -> None:
    """``get_items_permissions_check``: readable posts, no edit context, no protected filters."""
    posts = values.get("post", [])
    entries = {entry.id: entry for entry in session.scalars(select(Entry).where(col(Entry.id).in_(posts)))}
    for post_id in posts:
        entry = entries.get(post_id)
        if entry is not None and not _can_read_post(entry, caller, values, len(posts) == 1):
            message = "Sorry, you are not allowed to read the post for this comment."
            raise RestError("rest_cannot_read_post", message, 401, is_permission=True)
        if post_id == 0 and not _may_moderate(caller):
            message = "Sorry, you are not allowed to read comments without a post."
            raise RestError("rest_cannot_read", message, 401, is_permission=True)
    if values.get("context") == "edit" and not _may_moderate(caller):
        raise RestError(
            "rest_forbidden_context", "Sorry, you are not allowed to edit comments.", 401, is_permission=True
        )
    if not caller.can("edit_posts"):
        forbidden = [name for name in _PROTECTED if _is_protected_use(name, values)]
        if forbidden:
            message = f"Query parameter not permitted: {', '.join(forbidden)}"
            raise RestError("rest_forbidden_param", message, 401, is_permission=True)


def _is_protected_use(name: str, values: dict[str, Any]) -> bool:
    if name == "status":
        return bool(values.get("status", "approve") != "approve")
    if name == "type":
        return bool(values.get("type", "comment") != "comment")
    return bool(values.get(name))


def _can_read_post(entry: Entry, caller: Caller, values: dict[str, Any], is_single: bool) -> bool:
    """``check_read_post_permission``: a password opens a protected post only when one post is asked for."""
    password = values.get("password") if is_single else None
    return can_read(entry, caller) and can_see_content(entry, caller, password=password)


def _comment_filter(values: dict[str, Any]) -> CommentFilter:
    return CommentFilter(
        status=values.get("status", "approve"),
        type=values.get("type", "comment"),
        search=values.get("search") or None,
        after=values.get("after"),
        before=values.get("before"),
        authors=values.get("author", []),
        authors_excluded=values.get("author_exclude", []),
        author_email=values.get("author_email") or None,
        include=values.get("include", []),
        exclude=values.get("exclude", []),
        parents=values.get("parent", []),
        parents_excluded=values.get("parent_exclude", []),
        posts=values.get("post", []),
    )


def load_page(session: Session, comments: list[Comment]) -> CommentPage:
    """The comments' posts, their permalink data and which comments have replies, in fixed queries."""
    post_ids = sorted({comment.entry_id for comment in comments})
    entries = list(session.scalars(select(Entry).where(col(Entry.id).in_(post_ids)))) if post_ids else []
    return CommentPage(
        entries={int(entry.id or 0): entry for entry in entries},
        relations=load_relations(session, entries, POST.all_taxonomies),
        parents_with_replies=with_children(session, [int(comment.id or 0) for comment in comments]),
    )


def _readable(comment: Comment, page: CommentPage, caller: Caller, password: str | None) -> bool:
    """``check_read_permission``: an approved comment on a post the caller may read."""
    entry = page.entries.get(comment.entry_id)
    if entry is None or not (can_read(entry, caller) and can_see_content(entry, caller, password=password)):
        return _may_moderate(caller)
    return comment.status == "1" or _may_moderate(caller)


def _list_result(session: Session, request: Request, caller: Caller, site: Site) -> RestResult:
    raw = group_query(request.query_params.multi_items())
    values = validate_args(raw, collection_parsers())
    _check_permissions(session, values, caller)
    comment_filter = _comment_filter(values)
    page, per_page = values.get("page", 1), values.get("per_page", 10)
    order = CommentOrder(values.get("orderby", "date_gmt"), values.get("order", "desc"), comment_filter.include)
    offset = page_offset(page, per_page, values.get("offset"))
    total = count_comments(session, comment_filter)
    comments = list_comments(session, comment_filter, order, limit=per_page, offset=offset)
    loaded = load_page(session, comments)
    password = values.get("password") if len(comment_filter.posts) == 1 else None
    context = values.get("context", "view")
    # X-WP-Total counts before the per-comment read check, as get_items does.
    data = [
        serialize_comment(comment, loaded, site, context)
        for comment in comments
        if _readable(comment, loaded, caller, password)
    ]
    data = with_embedded(request, session, caller, site, data)
    url = f"{site.rest_root}wp/v2/comments"
    headers = pagination_headers(url, raw, page=page, per_page=per_page, total=total)
    return RestResult(data=data, headers={**headers, "Allow": ", ".join(ALLOWED_METHODS)})


def _item_result(session: Session, request: Request, caller: Caller, site: Site, comment_id: int) -> RestResult:
    raw = group_query(request.query_params.multi_items())
    values = validate_args(raw, parsers_of({name: arg for name, arg in item_args().items() if name != "id"}))
    comment = session.get(Comment, comment_id)
    if comment is None:
        raise RestError("rest_comment_invalid_id", "Invalid comment ID.", 404, is_permission=True)
    loaded = load_page(session, [comment])
    if comment.entry_id and comment.entry_id not in loaded.entries:
        raise invalid_post_id()
    if values.get("context") == "edit" and not _may_moderate(caller):
        message = "Sorry, you are not allowed to edit comments."
        raise RestError("rest_forbidden_context", message, 401, is_permission=True)
    if not _readable(comment, loaded, caller, values.get("password")):
        raise RestError("rest_cannot_read", "Sorry, you are not allowed to read this comment.", 401, is_permission=True)
    data = serialize_comment(comment, loaded, site, values.get("context", "view"))
    data = with_embedded(request, session, caller, site, data)
    return RestResult(data=data, headers={"Allow": ", ".join(ALLOWED_METHODS)})


def list_comments_route(request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """List comments the caller may read, filtered, ordered and paginated like WordPress."""
    site = load_site(session)
    return answer(request, site.rest_root, lambda: _list_result(session, request, caller, site), ALLOWED_METHODS)


def get_comment_route(id: PathId, request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """One comment by ID, if the caller may read it."""
    site = load_site(session)
    return answer(request, site.rest_root, lambda: _item_result(session, request, caller, site, id), ALLOWED_METHODS)


_BASE = "/wp-json/wp/v2/comments"
router.add_api_route(_BASE, list_comments_route, methods=["GET"], name="list_comments")
router.add_api_route(_BASE + "/{id:int}", get_comment_route, methods=["GET"], name="get_comment")


def _may_list(caller: Caller, query: Mapping[str, Any]) -> bool:
    """``get_items_permissions_check`` for a caller who cannot edit posts: only approved comments, with no
    author filter. Run by ``rest_send_allow_header`` on an OPTIONS request, whose query has no defaults, it
    fails unless ``status=approve`` and ``type=comment`` are given."""
    if caller.can("edit_posts"):
        return True
    if query.get("status") != "approve" or query.get("type") != "comment":
        return False
    return not any(query.get(name) for name in ("author", "author_exclude", "author_email"))


register(RestRoute("/wp/v2/comments", collection_args(), schema=comment_item_schema, may_get=_may_list))
register(RestRoute(item_pattern("/wp/v2/comments"), item_args(), schema=comment_item_schema))
