"""Users: create, read, update, delete, and the batch form the importer uses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.core.collation import sort_keys
from app.core.errors import InvalidInput, NotFound
from app.core.rows import RowWrite, save_rows_with_meta
from app.users.models import USER_SORT_KEYS, User, UserMeta

USER_TABLE: Table = User.__table__  # type: ignore[attr-defined]
USER_META_TABLE: Table = UserMeta.__table__  # type: ignore[attr-defined]
USER_COLUMNS = frozenset(USER_TABLE.columns.keys())


# Kept under its own name for callers; the shape is shared by every row-with-meta service.
UserWrite = RowWrite


def save_users(session: Session, writes: Sequence[RowWrite]) -> None:
    """Insert or replace users whole (columns and meta); new ones without an ID get the next free one."""
    for write in writes:
        write.fields.update(sort_keys(write.fields, USER_SORT_KEYS))
    save_rows_with_meta(
        session,
        writes,
        table=USER_TABLE,
        meta_table=USER_META_TABLE,
        owner_column="user_id",
        noun="user",
        required=("login",),
        defaults={"extra": {}, "roles": []},
    )


def create_user(session: Session, *, write: UserWrite) -> User:
    if find_user_by_login(session, str(write.fields.get("login", ""))) is not None:
        raise InvalidInput("Sorry, that username already exists!", code="existing_user_login")
    save_users(session, [write])
    return get_user(session, int(write.fields["id"]))


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id, populate_existing=True)
    if user is None:
        raise NotFound("Invalid user ID.", code="rest_user_invalid_id")
    return user


def find_user_by_login(session: Session, login: str) -> User | None:
    return session.scalars(select(User).where(col(User.login) == login)).first()


def get_user_meta(session: Session, user_id: int) -> list[UserMeta]:
    query = select(UserMeta).where(col(UserMeta.user_id) == user_id).order_by(col(UserMeta.position))
    return list(session.scalars(query))


def update_user(
    session: Session, user_id: int, *, fields: dict[str, Any], meta: list[tuple[str, str]] | None = None
) -> User:
    user = get_user(session, user_id)
    current = {name: getattr(user, name) for name in USER_COLUMNS}
    kept_meta = meta if meta is not None else [(row.key, row.value_raw) for row in get_user_meta(session, user_id)]
    save_users(session, [UserWrite(fields={**current, **fields, "id": user_id}, meta=kept_meta)])
    return get_user(session, user_id)


def delete_user(session: Session, user_id: int) -> None:
    session.delete(get_user(session, user_id))
    session.flush()
