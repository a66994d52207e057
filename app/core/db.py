"""Engine, sessions and the connection rules each engine needs."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import BigInteger, Column, ForeignKey, Integer, MetaData, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, SQLModel, create_engine

from app.core.content_version import track_content_writes
from app.core.errors import ConfigurationError
from app.core.settings import get_settings
from app.core.trigram import register as register_trigram_contains

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata
metadata.naming_convention = NAMING_CONVENTION

# WordPress IDs are BIGINT; SQLite only treats a column named INTEGER as the rowid alias.
IdType = BigInteger().with_variant(Integer(), "sqlite")


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    # Checkpoint the WAL every 64 MB instead of every 4 MB: bulk imports commit a batch at a time and
    # the frequent checkpoints cost ~8% of their write time. Commits stay atomic whatever the interval.
    cursor.execute("PRAGMA wal_autocheckpoint=16384")
    cursor.close()
    register_trigram_contains(dbapi_connection)


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with WAL and foreign keys on SQLite, liveness checks on PostgreSQL, write tracking."""
    if url.startswith("sqlite"):
        _check_sqlite_path(url)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    # Every write changes the content version in its own transaction: caches in any process see it.
    track_content_writes(engine)
    return engine


def _check_sqlite_path(url: str) -> None:
    database = make_url(url).database
    if not database or database == ":memory:":
        return
    directory = Path(database).expanduser().resolve().parent
    if not directory.is_dir():
        raise ConfigurationError(f"VELLUM_DATABASE_URL: directory {directory} does not exist")
    try:
        # A probe file of its own: processes starting together (render workers) must not remove each other's.
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".vellum-write-probe-"):
            pass
    except OSError:
        raise ConfigurationError(f"VELLUM_DATABASE_URL: directory {directory} is not writable") from None


def check_connection(engine: Engine) -> None:
    """Fail with a one-line error naming the setting when the database cannot be reached."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise ConfigurationError(f"VELLUM_DATABASE_URL: cannot connect ({reason})") from None


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    """The process-wide engine for the configured database."""
    return make_engine(get_settings().database_url)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A unit of work: commit on success, roll back on any error (the CLI and batch boundary)."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def get_session() -> Iterator[Session]:
    """FastAPI dependency: one session per request, committed by the boundary on success."""
    with session_scope() as session:
        yield session


class PlannerStatistics:
    """Keeps PostgreSQL's statistics in step with a bulk write that grows the tables it looks rows up in.

    A bulk writer looks rows up by key between its writes. The driver prepares a statement it runs often, and
    PostgreSQL keeps the plan it made from the statistics of the moment: made while a table was empty, it
    scans a whole key range for each lookup, so every batch costs more than the one before (an import of 20,000
    items spent a fifth of its time there). The ``looked_up`` tables are analyzed each time the committed
    batches double, which also makes PostgreSQL plan the statements again; every table is analyzed at the end,
    for the readers that follow. SQLite plans without statistics unless asked to: nothing to do there.
    """

    def __init__(self, session: OrmSession, looked_up: tuple[str, ...]) -> None:
        self.session = session
        self.enabled = session.get_bind().dialect.name == "postgresql"
        self.looked_up = looked_up
        self.batches = 0
        self.next_refresh = 1

    def batch_committed(self) -> None:
        """Call after each committed batch."""
        self.batches += 1
        if self.batches >= self.next_refresh:
            self.next_refresh *= 2
            self._analyze(", ".join(self.looked_up))

    def finished(self) -> None:
        """Call once the bulk write is committed."""
        self._analyze("")

    def _analyze(self, tables: str) -> None:
        if self.enabled:
            self.session.execute(text(f"ANALYZE {tables}".rstrip()))
            self.session.commit()


def sync_id_sequence(session: OrmSession, table: str, column: str = "id") -> None:
    """After rows were written with explicit (WordPress) IDs, let new rows take the next free ID.

    SQLite's rowid already does this; PostgreSQL's sequence does not move by itself.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "  # noqa: S608 - fixed identifiers
            f"GREATEST((SELECT COALESCE(MAX({column}), 0) FROM {table}), 1))"
        )
    )


def detail_key() -> Column[Any]:
    """Primary key of a post type's detail table: the entry it types, deleted with it."""
    return Column(IdType, ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)


def owner_key(table: str) -> Column[Any]:
    """A row that belongs to a row of ``table`` (meta, comments) and is deleted with it."""
    return Column(IdType, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False)
