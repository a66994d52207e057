"""Read queries over comments: filtered, ordered, paginated lists and what a page of them refers to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, not_, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.comments.models import Comment
from app.core.ordering import ordered_by

# WP_Comment_Query 'status' keywords and the comment_approved values they select.
STATUS_VALUES = {"approve": ["1"], "approved": ["1"], "hold": ["0"], "spam": ["spam"], "trash": ["trash"]}
ORDER_COLUMNS: dict[str, Any] = {
    "date": col(Comment.date),
    "date_gmt": col(Comment.date_gmt),
    "id": col(Comment.id),
    "post": col(Comment.entry_id),
    "parent": col(Comment.parent_id),
    "type": col(Comment.type),
}


@dataclass(slots=True)
class CommentFilter:
    """``WP_Comment_Query`` arguments; empty lists mean "no condition"."""

    status: str = "approve"
    type: str = "comment"
    search: str | None = None
    after: datetime | None = None
    before: datetime | None = None
    authors: list[int] = field(default_factory=list)
    authors_excluded: list[int] = field(default_factory=list)
    author_email: str | None = None
    include: list[int] = field(default_factory=list)
    exclude: list[int] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)
    parents_excluded: list[int] = field(default_factory=list)
    posts: list[int] = field(default_factory=list)


@dataclass(slots=True)
class CommentOrder:
    """``orderby``/``order``; ``include`` orders by the given IDs."""

    by: str = "date_gmt"
    direction: str = "desc"
    include: list[int] = field(default_factory=list)


def _search(text: str) -> ColumnElement[bool]:
    # WP_Comment_Query searches author, e-mail, URL, IP and content.
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    columns = (Comment.author_name, Comment.author_email, Comment.author_url, Comment.author_ip, Comment.content)
    return or_(*(col(column).ilike(pattern, escape="\\") for column in columns))


def _conditions(comment_filter: CommentFilter) -> list[ColumnElement[bool]]:
    f = comment_filter
    conditions: list[ColumnElement[bool]] = []
    if f.status != "all":
        conditions.append(col(Comment.status).in_(STATUS_VALUES.get(f.status, [f.status])))
    if f.type:
        # WP_Comment_Query: type 'comment' also matches the empty type older exports carry.
        types = ["", "comment"] if f.type == "comment" else [f.type]
        conditions.append(col(Comment.type).in_(types))
    if f.search:
        conditions.append(_search(f.search))
    if f.after:
        conditions.append(col(Comment.date) > f.after)
    if f.before:
        conditions.append(col(Comment.date) < f.before)
    if f.author_email:
        conditions.append(col(Comment.author_email) == f.author_email)
    lists = [
        (f.authors, Comment.user_id, True),
        (f.authors_excluded, Comment.user_id, False),
        (f.include, Comment.id, True),
        (f.exclude, Comment.id, False),
        (f.parents, Comment.parent_id, True),
        (f.parents_excluded, Comment.parent_id, False),
        (f.posts, Comment.entry_id, True),
    ]
    for values, column, is_in in lists:
        if values:
            condition = col(column).in_(values)
            conditions.append(condition if is_in else not_(condition))
    return conditions


def _order_by(order: CommentOrder) -> list[Any]:
    if order.by == "include" and order.include:
        return [case({value: index for index, value in enumerate(order.include)}, value=col(Comment.id), else_=-1)]
    column = ORDER_COLUMNS.get(order.by, col(Comment.date_gmt))
    descending = order.direction == "desc"
    # WP_Comment_Query adds comment_ID in the same direction as a tie-breaker.
    return ordered_by(column, col(Comment.id), descending=descending)


def count_comments(session: Session, comment_filter: CommentFilter) -> int:
    """How many comments match (``found_comments``)."""
    return int(session.scalar(select(func.count()).select_from(Comment).where(*_conditions(comment_filter))) or 0)


def list_comments(
    session: Session, comment_filter: CommentFilter, order: CommentOrder, *, limit: int, offset: int
) -> list[Comment]:
    """One page of matching comments in the requested order."""
    query = select(Comment).where(*_conditions(comment_filter)).order_by(*_order_by(order)).limit(limit).offset(offset)
    return list(session.scalars(query))


def with_children(session: Session, ids: list[int]) -> set[int]:
    """Which of ``ids`` have replies of any status (``WP_Comment::get_children`` for the ``children`` link)."""
    if not ids:
        return set()
    query = select(col(Comment.parent_id)).where(col(Comment.parent_id).in_(ids)).distinct()
    return {int(parent) for parent in session.scalars(query)}
