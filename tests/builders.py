"""Plain builder functions for test data, all going through the services (the one write path)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.comments.models import Comment
from app.comments.service import CommentWrite, create_comment
from app.content.models import Entry
from app.content.service import EntryWrite, create_entry
from app.taxonomy.models import Term
from app.taxonomy.service import TermWrite, create_term
from app.users.models import User
from app.users.service import UserWrite, create_user

DEFAULT_DATE = datetime(2024, 3, 1, 13, 0, 0)
DEFAULT_DATE_GMT = datetime(2024, 3, 1, 12, 0, 0)


def make_entry(
    session: Session,
    *,
    type: str = "post",
    details: dict[str, Any] | None = None,
    meta: list[tuple[str, str]] | None = None,
    term_ids: list[int] | None = None,
    **fields: Any,
) -> Entry:
    """An entry of any post type, with sensible WordPress-like defaults."""
    values: dict[str, Any] = {
        "type": type,
        "status": "publish",
        "title": f"A {type}",
        "slug": fields.get("slug", f"a-{type}"),
        "date": DEFAULT_DATE,
        "date_gmt": DEFAULT_DATE_GMT,
        "modified": DEFAULT_DATE,
        "modified_gmt": DEFAULT_DATE_GMT,
        **fields,
    }
    write = EntryWrite(fields=values, details=details, meta=meta or [], term_ids=term_ids or [])
    return create_entry(session, write=write)


def make_post(session: Session, **fields: Any) -> Entry:
    return make_entry(session, type="post", **fields)


def make_page(session: Session, **fields: Any) -> Entry:
    return make_entry(session, type="page", **fields)


def make_term(session: Session, *, taxonomy: str = "category", slug: str = "news", **fields: Any) -> Term:
    values = {"taxonomy": taxonomy, "slug": slug, "name": fields.pop("name", slug.title()), **fields}
    meta = values.pop("meta", [])
    return create_term(session, write=TermWrite(fields=values, meta=meta))


def make_user(session: Session, *, login: str = "editor", **fields: Any) -> User:
    values = {"login": login, "display_name": login.title(), "email": f"{login}@example.org", **fields}
    meta = values.pop("meta", [])
    return create_user(session, write=UserWrite(fields=values, meta=meta))


def make_comment(session: Session, *, entry_id: int, **fields: Any) -> Comment:
    values = {
        "entry_id": entry_id,
        "author_name": "A commenter",
        "content": "Hello.",
        "date": DEFAULT_DATE,
        "date_gmt": DEFAULT_DATE_GMT,
        **fields,
    }
    meta = values.pop("meta", [])
    return create_comment(session, write=CommentWrite(fields=values, meta=meta))
