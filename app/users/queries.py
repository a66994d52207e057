"""Read queries over users: who an anonymous caller may list, filtered, ordered and paginated."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, case, exists, func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.auth.permissions import PUBLIC_POST_TYPES
from app.content.models import Entry
from app.core.ordering import ordered_by
from app.users.models import User


def has_published_posts(post_types: Iterable[str] = ()) -> ColumnElement[bool]:
    """``has_published_posts``: the user authored a published entry of a public type (or of ``post_types``)."""
    return exists(
        select(1).where(
            col(Entry.author_id) == col(User.id),
            col(Entry.status) == "publish",
            col(Entry.type).in_(sorted(post_types or PUBLIC_POST_TYPES)),
        )
    )


@dataclass(slots=True)
class UserFilter:
    """What a user list can be narrowed by (``WP_User_Query`` arguments)."""

    authors_only: bool = True
    search: str | None = None
    search_emails: bool = False
    include: list[int] = field(default_factory=list)
    exclude: list[int] = field(default_factory=list)
    slugs: list[str] = field(default_factory=list)
    # Authors of published entries of these types only (``has_published_posts`` given as a list).
    published_types: list[str] = field(default_factory=list)


@dataclass(slots=True)
class UserOrder:
    """``orderby``/``order``; ``include`` and ``include_slugs`` order by the given lists."""

    by: str = "name"
    direction: str = "asc"
    include: list[int] = field(default_factory=list)
    slugs: list[str] = field(default_factory=list)


def _search(text: str, with_emails: bool) -> ColumnElement[bool]:
    # WP_User_Query wraps the REST search in '*' on both sides: a substring match.
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    columns = [col(User.login), col(User.url), col(User.nicename), col(User.display_name)]
    if with_emails:
        columns.append(col(User.email))
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))


def _conditions(user_filter: UserFilter) -> list[ColumnElement[bool]]:
    f = user_filter
    conditions: list[ColumnElement[bool]] = [has_published_posts(f.published_types)] if f.authors_only else []
    if f.search:
        conditions.append(_search(f.search, f.search_emails))
    if f.include:
        conditions.append(col(User.id).in_(f.include))
    if f.exclude:
        conditions.append(col(User.id).not_in(f.exclude))
    if f.slugs:
        conditions.append(col(User.nicename).in_(f.slugs))
    return conditions


def _order_by(order: UserOrder) -> list[Any]:
    if order.by == "include" and order.include:
        return [case({value: index for index, value in enumerate(order.include)}, value=col(User.id), else_=-1)]
    if order.by == "include_slugs" and order.slugs:
        return [case({value: index for index, value in enumerate(order.slugs)}, value=col(User.nicename), else_=-1)]
    columns: dict[str, Any] = {
        "id": col(User.id),
        # Text columns by their sort keys: the order of WordPress's database collation (app.core.collation).
        "slug": col(User.nicename_sort_key),
        "url": col(User.url_sort_key),
        "email": col(User.email_sort_key),
        "registered_date": col(User.registered_at),
    }
    # The REST 'name' orders by display_name.
    column = columns.get(order.by, col(User.display_name_sort_key))
    descending = order.direction == "desc"
    return ordered_by(column, col(User.id), descending=descending)


def count_users(session: Session, user_filter: UserFilter) -> int:
    """How many users match (``WP_User_Query::get_total``)."""
    return int(session.scalar(select(func.count()).select_from(User).where(*_conditions(user_filter))) or 0)


def list_users(session: Session, user_filter: UserFilter, order: UserOrder, *, limit: int, offset: int) -> list[User]:
    """One page of matching users in the requested order."""
    query = select(User).where(*_conditions(user_filter)).order_by(*_order_by(order)).limit(limit).offset(offset)
    return list(session.scalars(query))


def find_author(
    session: Session, user_id: int, *, authors_only: bool, post_types: Iterable[str] = ()
) -> tuple[User | None, bool]:
    """The user, and whether they published an entry of ``post_types`` (what anonymous callers may see)."""
    row = session.execute(select(User, has_published_posts(post_types)).where(col(User.id) == user_id)).first()
    if row is None:
        return None, False
    return row[0], bool(row[1]) or not authors_only
