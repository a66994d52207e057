"""Test databases: which engine the suite runs on, and scratch databases made and dropped for it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy import make_url

ENGINE = os.environ.get("VELLUM_TEST_DATABASE", "sqlite")
POSTGRES_URL = os.environ.get("VELLUM_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def scratch_database(tmp_dir: Path) -> Iterator[str]:
    """A new, empty database on the engine under test; dropped afterwards."""
    if ENGINE == "sqlite":
        yield f"sqlite:///{tmp_dir / f'vellum-{uuid.uuid4().hex[:8]}.db'}"
        return
    if ENGINE != "postgresql":
        raise RuntimeError(f"VELLUM_TEST_DATABASE must be sqlite or postgresql, not {ENGINE!r}")
    url = make_url(POSTGRES_URL)
    name = f"vellum_test_{uuid.uuid4().hex[:12]}"
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
