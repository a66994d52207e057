"""The content version changes with every committed write, by any code path, and with nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from app.content.models import Entry
from app.core.content_version import SiteState, VersionProbe, statement_kind
from app.core.db import make_engine
from app.options.service import set_option
from tests.builders import make_post
from tests.database import scratch_database


def _version(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(SiteState.content_version)).one()


def test_a_committed_service_write_changes_the_version(session: Session, clean_db: Engine) -> None:
    before = _version(clean_db)

    make_post(session, slug="fresh")
    session.commit()

    assert _version(clean_db) != before


def test_reads_and_rolled_back_writes_leave_the_version_alone(session: Session, clean_db: Engine) -> None:
    make_post(session, slug="kept")
    session.commit()
    before = _version(clean_db)

    session.exec(select(Entry)).all()
    session.commit()
    make_post(session, slug="dropped")
    session.flush()
    session.rollback()

    assert _version(clean_db) == before


def test_core_and_driver_level_writes_change_it_too(session: Session, clean_db: Engine) -> None:
    make_post(session, slug="first")
    session.commit()
    versions = {_version(clean_db)}

    with clean_db.begin() as connection:
        connection.execute(text("UPDATE entries SET title = 'renamed'"))
    versions.add(_version(clean_db))
    with clean_db.begin() as connection:
        connection.exec_driver_sql("DELETE FROM entries")
    versions.add(_version(clean_db))
    set_option(session, "blogname", "Renamed")
    session.commit()
    versions.add(_version(clean_db))

    assert len(versions) == 4


def test_the_probe_sees_another_connection_s_commit(session: Session, clean_db: Engine) -> None:
    probe = VersionProbe(clean_db)
    try:
        before = probe.read()
        make_post(session, slug="seen")
        session.commit()
        after = probe.read()
    finally:
        probe.close()

    assert before is not None
    assert after == _version(clean_db) != before


def test_the_probe_answers_none_without_the_table(tmp_path: Path) -> None:
    with scratch_database(tmp_path) as url:
        engine = make_engine(url)
        probe = VersionProbe(engine)
        assert probe.read() is None
        probe.close()
        engine.dispose()


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("SELECT 1", "read"),
        ("  select id FROM entries", "read"),
        ("PRAGMA foreign_keys=ON", "read"),
        ("WITH RECURSIVE t(n) AS (SELECT 1) SELECT n FROM t", "read"),
        ("WITH gone AS (DELETE FROM entries RETURNING id) SELECT count(*) FROM gone", "data"),
        ("INSERT INTO entries (id) VALUES (1)", "data"),
        ("update entries set title = ''", "data"),
        ("TRUNCATE entries", "data"),
        ("CREATE TABLE t (id int)", "schema"),
        ("/* a comment first */ SELECT 1", "data"),
    ],
)
def test_statements_are_told_apart_erring_towards_writes(statement: str, kind: str) -> None:
    assert statement_kind(statement) == kind
