"""Per-item collections a link embeds (``wp:term``, ``replies``, ``children``), loaded for a whole page at once.

WordPress dispatches ``/wp/v2/tags?post=7`` or ``/wp/v2/comments?post=7`` once per item; answering
each the same way here would cost queries per item. These loaders answer every such link of a
response together, in a fixed number of statements, with the checks and defaults of those
collections: the first page of ten, terms by name, comments newest first.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.api.wp_v2.comment_serializer import CommentPage, serialize_comment
from app.api.wp_v2.permalinks import Site
from app.api.wp_v2.post_types import POST
from app.api.wp_v2.term_serializer import TaxonomySpec, serialize_term
from app.auth.permissions import Caller, can_read, can_see_content
from app.comments.models import Comment
from app.comments.queries import CommentFilter, CommentOrder, list_comments, with_children
from app.content.models import Entry
from app.content.queries import load_relations
from app.taxonomy.models import Term, TermRelationship
from app.taxonomy.queries import ancestor_slugs

# The collections' default per_page: an embedded collection is their first page.
FIRST_PAGE = 10
# No limit: every match is read, the first page of each post or parent is picked afterwards.
_ALL_ROWS = 2**62


def rest_error(code: str, message: str, status: int) -> dict[str, Any]:
    """An error as ``response_to_data`` embeds it."""
    return {"code": code, "message": message, "data": {"status": status}}


def load_entries(session: Session, ids: set[int]) -> dict[int, Entry]:
    """The posts the collections are asked about, by ID."""
    if not ids:
        return {}
    return {int(entry.id or 0): entry for entry in session.scalars(select(Entry).where(col(Entry.id).in_(ids)))}


def terms_by_post(
    session: Session, specs: dict[str, TaxonomySpec], post_ids: set[int], site: Site
) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """``/wp/v2/{rest_base}?post=ID`` in ``embed`` context for every taxonomy and post, keyed so."""
    by_name = {spec.name: spec for spec in specs.values()}
    query = (
        select(col(TermRelationship.entry_id), Term)
        .join(Term, col(Term.id) == col(TermRelationship.term_id))
        .where(col(TermRelationship.entry_id).in_(post_ids), col(Term.taxonomy).in_(list(by_name)))
        # The terms controller's default order: by name (the ID settles ties the same way on every engine).
        .order_by(col(Term.name_sort_key), col(Term.id))
    )
    found: dict[tuple[str, int], list[Term]] = defaultdict(list)
    for entry_id, term in session.execute(query):
        key = (by_name[term.taxonomy].rest_base, int(entry_id))
        if len(found[key]) < FIRST_PAGE:
            found[key].append(term)
    ancestors = ancestor_slugs(session, [term for terms in found.values() for term in terms])
    return {
        key: [serialize_term(term, 0, by_name[term.taxonomy], site, ancestors, "embed") for term in terms]
        for key, terms in found.items()
    }


def post_terms_error(entry: Entry | None, caller: Caller) -> dict[str, Any] | None:
    """The terms controller's check on ``post``: it must exist and be readable."""
    if entry is None:
        return rest_error("rest_post_invalid_id", "Invalid post ID.", 400)
    if not can_read(entry, caller):
        return rest_error("rest_forbidden_context", "Sorry, you are not allowed to view terms for this post.", 401)
    return None


def post_comments_error(entry: Entry | None, caller: Caller) -> dict[str, Any] | None:
    """``check_read_post_permission`` for ``?post=ID``: readable, and not password-protected from the caller."""
    if entry is not None and not (can_read(entry, caller) and can_see_content(entry, caller)):
        message = "Sorry, you are not allowed to read the post for this comment."
        return rest_error("rest_cannot_read_post", message, 401)
    return None


def comments_by(
    session: Session, caller: Caller, site: Site, *, posts: set[int], parents: set[int]
) -> tuple[dict[int, list[dict[str, Any]]], dict[int, list[dict[str, Any]]]]:
    """Approved comments of each post, and replies to each comment, newest first, in ``embed`` context."""
    order = CommentOrder("date_gmt", "desc", [])
    by_post = _comments(session, CommentFilter(posts=sorted(posts)), order) if posts else []
    by_parent = _comments(session, CommentFilter(parents=sorted(parents)), order) if parents else []
    loaded = _comment_page(session, by_post + by_parent)
    readable = {
        int(comment.id or 0)
        for comment in by_post + by_parent
        if comment.entry_id in loaded.entries and can_read(loaded.entries[comment.entry_id], caller)
    }
    posts_found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    parents_found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for comments, key, found in ((by_post, "entry_id", posts_found), (by_parent, "parent_id", parents_found)):
        for comment in comments:
            group = found[int(getattr(comment, key))]
            if comment.id in readable and len(group) < FIRST_PAGE:
                group.append(serialize_comment(comment, loaded, site, "embed"))
    return posts_found, parents_found


def _comment_page(session: Session, comments: list[Comment]) -> CommentPage:
    """The comments' posts with their permalink data, and which comments have replies: four queries."""
    entries = load_entries(session, {comment.entry_id for comment in comments})
    return CommentPage(
        entries=entries,
        relations=load_relations(session, list(entries.values()), POST.all_taxonomies),
        parents_with_replies=with_children(session, [int(comment.id or 0) for comment in comments]),
    )


def _comments(session: Session, comment_filter: CommentFilter, order: CommentOrder) -> list[Comment]:
    return list_comments(session, comment_filter, order, limit=_ALL_ROWS, offset=0)
