"""Comments: create, read, update, delete, and the batch form the importer uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.comments.models import Comment, CommentMeta
from app.core.errors import InvalidInput, NotFound
from app.core.rows import replace_meta, upsert_by_id

COMMENT_TABLE: Table = Comment.__table__  # type: ignore[attr-defined]
COMMENT_META_TABLE: Table = CommentMeta.__table__  # type: ignore[attr-defined]
COMMENT_COLUMNS = frozenset(COMMENT_TABLE.columns.keys())


@dataclass(slots=True)
class CommentWrite:
    fields: dict[str, Any]
    meta: list[tuple[str, str]] = field(default_factory=list)


def save_comments(session: Session, writes: Sequence[CommentWrite]) -> None:
    """Insert or replace comments whole (columns and meta)."""
    for write in writes:
        unknown = set(write.fields) - COMMENT_COLUMNS
        if unknown:
            raise InvalidInput(f"unknown comment field(s): {', '.join(sorted(unknown))}")
        if not write.fields.get("entry_id"):
            raise InvalidInput("a comment needs the entry it belongs to")
    rows = [{"extra": {}, **write.fields} for write in writes]
    existing = upsert_by_id(session, COMMENT_TABLE, rows)
    for write, row in zip(writes, rows, strict=True):
        write.fields["id"] = row["id"]
    owned = [(int(write.fields["id"]), write.meta) for write in writes]
    replace_meta(session, COMMENT_META_TABLE, "comment_id", owned, existing)
    session.flush()


def create_comment(session: Session, *, write: CommentWrite) -> Comment:
    save_comments(session, [write])
    return get_comment(session, int(write.fields["id"]))


def get_comment(session: Session, comment_id: int) -> Comment:
    comment = session.get(Comment, comment_id, populate_existing=True)
    if comment is None:
        raise NotFound("Invalid comment ID.", code="rest_comment_invalid_id")
    return comment


def get_comment_meta(session: Session, comment_id: int) -> list[CommentMeta]:
    query = select(CommentMeta).where(col(CommentMeta.comment_id) == comment_id).order_by(col(CommentMeta.position))
    return list(session.scalars(query))


def update_comment(
    session: Session, comment_id: int, *, fields: dict[str, Any], meta: list[tuple[str, str]] | None = None
) -> Comment:
    comment = get_comment(session, comment_id)
    current = {name: getattr(comment, name) for name in COMMENT_COLUMNS}
    rows = get_comment_meta(session, comment_id)
    kept_meta = meta if meta is not None else [(row.key, row.value_raw) for row in rows]
    save_comments(session, [CommentWrite(fields={**current, **fields, "id": comment_id}, meta=kept_meta)])
    return get_comment(session, comment_id)


def delete_comment(session: Session, comment_id: int) -> None:
    session.delete(get_comment(session, comment_id))
    session.flush()
