"""The site's content version: one token in the database that changes with every committed write.

Every engine made by :func:`app.core.db.make_engine` notes whether a transaction wrote (INSERT, UPDATE,
DELETE, DDL, whatever the code path: ORM, Core, ``exec_driver_sql``) and, just before it commits, stores
a fresh random token in the single row of ``site_state``, inside that same transaction. The new token
becomes visible exactly when the write does, in every process on the database. A process that keeps
answers in memory (the response cache) reads the token with one cheap query and drops what it kept as
soon as the token differs. Random tokens, not a counter: a token never comes back after the row was
emptied (tests truncate every table), so an old answer can never look current again.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from typing import Any

from sqlalchemy import BigInteger, Column, Integer, PrimaryKeyConstraint, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.interfaces import DBAPIConnection, DBAPICursor, ExecutionContext
from sqlalchemy.pool import PoolProxiedConnection
from sqlmodel import Field, SQLModel

logger = logging.getLogger(__name__)

SITE_STATE = "site_state"
# Keys in the DBAPI connection's ``info``: what the open transaction has done so far.
_WROTE = "vellum_content_written"
_CHANGED_SCHEMA = "vellum_schema_changed"

_FIRST_WORD = re.compile(r"\s*(\w+)")
_READS = frozenset(
    {"SELECT", "PRAGMA", "SHOW", "SET", "EXPLAIN", "BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT", "VALUES"}
)
_SCHEMA_CHANGES = frozenset({"CREATE", "ALTER", "DROP"})
# A ``WITH`` statement writes when one of its parts does (``WITH gone AS (DELETE ...) SELECT ...``).
_WRITE_IN_CTE = re.compile(r"\b(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


class SiteState(SQLModel, table=True):
    """The one row of site-wide state every process shares; ``content_version`` changes with every write."""

    __tablename__ = SITE_STATE
    # Named here, not only by the metadata's convention: this module may be imported before that is set.
    __table_args__ = (PrimaryKeyConstraint("id", name="pk_site_state"),)

    id: int = Field(default=1, sa_column=Column(Integer, autoincrement=False))
    content_version: int = Field(sa_column=Column(BigInteger, nullable=False))


def track_content_writes(engine: Engine) -> None:
    """Make every transaction on ``engine`` that writes also change the content version when it commits."""
    event.listen(engine, "begin", _forget)
    event.listen(engine, "rollback", _forget)
    event.listen(engine, "before_cursor_execute", _note_statement)
    event.listen(engine, "commit", _bump_before_commit)


def _forget(connection: Connection) -> None:
    connection.info.pop(_WROTE, None)
    connection.info.pop(_CHANGED_SCHEMA, None)


def _note_statement(
    connection: Connection,
    _cursor: DBAPICursor,
    statement: str,
    _parameters: Any,
    _context: ExecutionContext | None,
    _executemany: bool,
) -> None:
    if statement[:6].upper() == "SELECT":
        return
    info = connection.info
    if info.get(_CHANGED_SCHEMA):
        return
    kind = statement_kind(statement)
    if kind != "read":
        info[_WROTE] = True
    if kind == "schema":
        info[_CHANGED_SCHEMA] = True


def statement_kind(statement: str) -> str:
    """``read``, ``data`` (a write to rows) or ``schema`` (DDL); anything unrecognised counts as a write."""
    match = _FIRST_WORD.match(statement)
    word = match.group(1).upper() if match else ""
    if word in _READS or (word == "WITH" and not _WRITE_IN_CTE.search(statement)):
        return "read"
    return "schema" if word in _SCHEMA_CHANGES else "data"


def _bump_before_commit(connection: Connection) -> None:
    # The ``commit`` event runs before the DBAPI commit: the new token commits with the write it stands for.
    info = connection.info
    wrote, changed_schema = info.pop(_WROTE, False), info.pop(_CHANGED_SCHEMA, False)
    if not wrote:
        return
    cursor = connection.connection.cursor()
    try:
        # Migrations create (or, going down, drop) the table itself; without it there is nothing to bump.
        if changed_schema and not _has_site_state(cursor, connection.dialect.name):
            return
        cursor.execute(
            f"INSERT INTO {SITE_STATE} (id, content_version) VALUES (1, {new_token()}) "  # noqa: S608 - an int we made
            "ON CONFLICT (id) DO UPDATE SET content_version = excluded.content_version"
        )
    finally:
        cursor.close()


def _has_site_state(cursor: DBAPICursor, dialect: str) -> bool:
    if dialect == "postgresql":
        cursor.execute(f"SELECT to_regclass('{SITE_STATE}') IS NOT NULL")
    else:
        cursor.execute(f"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{SITE_STATE}'")  # noqa: S608
    row = cursor.fetchone()
    return bool(row and row[0])


def new_token() -> int:
    """A positive 63-bit random number: fits BIGINT, and never repeats in practice."""
    return secrets.randbits(63) or 1


class VersionProbe:
    """Reads the content version on a connection of its own, kept open: one small query per call.

    The connection leaves the engine's pool (its connect-time settings stay) and runs in autocommit, so
    each read sees the latest commit and no transaction stays open between calls. ``read`` returns None
    when the version cannot be known (no table yet, database unreachable); callers then must not trust
    anything they kept.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: PoolProxiedConnection | None = None
        self._pid = 0
        self._is_failing = False

    def read(self) -> int | None:
        """The current content version, or None when it cannot be read."""
        try:
            cursor = self._dbapi().cursor()
            try:
                cursor.execute(f"SELECT content_version FROM {SITE_STATE} WHERE id = 1")  # noqa: S608
                # fetchall ends the statement, and with it SQLite's read snapshot.
                rows = cursor.fetchall()
            finally:
                cursor.close()
        except Exception as exc:  # any driver's error: answer without the cache rather than fail
            if not self._is_failing:
                logger.warning("content version unavailable (%s); answering without the response cache", exc)
            self._is_failing = True
            self.close()
            return None
        self._is_failing = False
        return int(rows[0][0]) if rows else None

    def close(self) -> None:
        """Close the probe's connection (it reconnects on the next read)."""
        connection, self._connection = self._connection, None
        if connection is not None and self._pid == os.getpid():
            try:
                connection.close()
            except Exception:  # already broken; nothing left to release
                logger.debug("closing the content version connection failed", exc_info=True)

    def _dbapi(self) -> DBAPIConnection:
        if self._connection is None or self._pid != os.getpid():
            # A connection inherited through fork belongs to the parent: never use or close it here.
            self._connection, self._pid = None, os.getpid()
            self._connection = _own_connection(self._engine)
        dbapi = self._connection.dbapi_connection
        assert dbapi is not None
        return dbapi


def _own_connection(engine: Engine) -> PoolProxiedConnection:
    connection = engine.raw_connection()
    try:
        connection.detach()
        if engine.dialect.name == "postgresql":
            connection.rollback()
            connection.dbapi_connection.autocommit = True  # type: ignore[union-attr]
        # sqlite3 (legacy transaction control) opens no transaction for a SELECT: each read is current.
    except BaseException:
        connection.close()
        raise
    return connection
