"""Comments: create, read, update, delete, and the batch form the importer uses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.comments.models import Comment, CommentMeta
from app.content.site_changes import changed
from app.core.errors import NotFound
from app.core.rows import RowWrite, save_rows_with_meta

COMMENT_TABLE: Table = Comment.__table__  # type: ignore[attr-defined]
COMMENT_META_TABLE: Table = CommentMeta.__table__  # type: ignore[attr-defined]
COMMENT_COLUMNS = frozenset(COMMENT_TABLE.columns.keys())


# Kept under its own name for callers; the shape is shared by every row-with-meta service.
CommentWrite = RowWrite


def save_comments(session: Session, writes: Sequence[RowWrite]) -> None:
    """Insert or replace comments whole (columns and meta); new ones without an ID get the next free one."""
    save_rows_with_meta(
        session,
        writes,
        table=COMMENT_TABLE,
        meta_table=COMMENT_META_TABLE,
        owner_column="comment_id",
        noun="comment",
        required=("entry_id",),
        defaults={"extra": {}},
    )
    changed(session, "comments")


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
    changed(session, "comments")
