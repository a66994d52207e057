"""`vellum serve` starts a real server: the embedded database migrates itself, PostgreSQL must be migrated first."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.database import ENGINE, scratch_database

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(tmp_path: Path, port: int, **env: str) -> subprocess.Popen[str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("VELLUM_")}
    environment.update(env, PYTHONPATH=str(REPO))
    command = [sys.executable, "-c", "from app.cli.main import main; main()", "serve", "--port", str(port)]
    return subprocess.Popen(
        command, cwd=tmp_path, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for(url: str, process: subprocess.Popen[str]) -> httpx.Response:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.communicate()[1]}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("server did not answer in 30 s")


def test_serve_on_a_fresh_directory_migrates_sqlite_and_answers(tmp_path: Path) -> None:
    port = _free_port()
    process = _start(tmp_path, port)
    try:
        response = _wait_for(f"http://127.0.0.1:{port}/wp-json/", process)
        assert response.status_code == 200
        assert response.json()["name"] == "Vellum"
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
    finally:
        process.terminate()
        process.communicate(timeout=15)
    assert (tmp_path / "vellum.db").is_file()


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL refusal is checked on the PostgreSQL run")
def test_serve_refuses_a_postgresql_database_that_is_behind(tmp_path: Path) -> None:
    with scratch_database(tmp_path) as url:
        process = _start(tmp_path, _free_port(), VELLUM_DATABASE_URL=url)
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2
    assert stderr.strip().splitlines() == [
        "vellum: error: VELLUM_DATABASE_URL: the database schema is behind this version of Vellum; "
        "run `vellum db upgrade` first"
    ]
