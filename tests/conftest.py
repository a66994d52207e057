"""Fixtures: one migrated database per test session on the engine under test, emptied after each test."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session

from app.core import db as core_db
from app.core import settings as core_settings
from app.core.migrate import upgrade
from app.main import create_app
from tests.database import ENGINE, scratch_database

REPO_ROOT = Path(__file__).resolve().parents[1]


def pytest_report_header() -> str:
    return f"vellum test database engine: {ENGINE}"


def _reset_caches() -> None:
    core_settings.get_settings.cache_clear()
    core_db.get_engine.cache_clear()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The suite's database, built by running the migrations, used through VELLUM_DATABASE_URL."""
    media = tmp_path_factory.mktemp("media")
    with scratch_database(tmp_path_factory.mktemp("db")) as url:
        saved = {key: os.environ.get(key) for key in ("VELLUM_DATABASE_URL", "VELLUM_MEDIA_ROOT")}
        os.environ["VELLUM_DATABASE_URL"] = url
        os.environ["VELLUM_MEDIA_ROOT"] = str(media)
        _reset_caches()
        upgrade(core_db.get_engine())
        yield url
        core_db.get_engine().dispose()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        _reset_caches()


@pytest.fixture(scope="session")
def engine(database_url: str) -> Engine:
    return core_db.get_engine()


@pytest.fixture(autouse=True)
def media_root(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test stores media files in a directory of its own, so no test sees another's files."""
    root = tmp_path_factory.mktemp("media")
    monkeypatch.setenv("VELLUM_MEDIA_ROOT", str(root))
    core_settings.get_settings.cache_clear()
    yield root
    core_settings.get_settings.cache_clear()


def _empty_tables(engine: Engine) -> None:
    tables = [table.name for table in reversed(core_db.metadata.sorted_tables)]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(text(f"DELETE FROM {table}"))  # noqa: S608 - table names from metadata


@pytest.fixture
def clean_db(engine: Engine) -> Iterator[Engine]:
    """The suite's database, emptied after the test whatever the test committed."""
    yield engine
    _empty_tables(engine)


@pytest.fixture
def session(clean_db: Engine) -> Iterator[Session]:
    """A session on the test database; the test commits when it means to, everything is emptied after."""
    with Session(clean_db, expire_on_commit=False) as session:
        yield session


@pytest.fixture
def client(clean_db: Engine) -> Iterator[TestClient]:
    """The application in-process, on the test database."""
    with TestClient(create_app(prepare=False)) as test_client:
        yield test_client


@pytest.fixture
def live_server(clean_db: Engine) -> Iterator[str]:
    """A real uvicorn server on a free loopback port, for tests where the wire matters."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(prepare=False), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    httpx.get(base + "/healthz").raise_for_status()
    yield base
    server.should_exit = True
    thread.join(timeout=10)
