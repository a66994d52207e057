"""The in-process response cache over the wire: identical bytes, dropped by any write anywhere, never personal."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import anyio
import httpx
import psycopg
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, make_url
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.api.response_cache import AnswerStore, CachedAnswer, ResponseCache
from app.core import settings as core_settings
from app.main import create_app
from tests.builders import make_post
from tests.importers.wxr.cli import import_wxr

POSTS = "/wp-json/wp/v2/posts"
REPO = Path(__file__).resolve().parents[2]
WXR = REPO / "tests" / "importers" / "wxr" / "data" / "wxr-1.0.xml"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _serving(app: FastAPI) -> Iterator[httpx.Client]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _app(monkeypatch: pytest.MonkeyPatch, cache_bytes: int) -> FastAPI:
    monkeypatch.setenv("VELLUM_RESPONSE_CACHE_BYTES", str(cache_bytes))
    core_settings.get_settings.cache_clear()
    return create_app(prepare=False)


def _store(app: FastAPI) -> AnswerStore:
    layer = app.middleware_stack
    while not isinstance(layer, ResponseCache):
        layer = layer.app  # type: ignore[union-attr]
    return layer.store


def _sneak_title(database_url: str, title: str) -> None:
    """Change every title behind the application's back: no content version change, as if a cache were stale."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        lite = sqlite3.connect(str(url.database))
        with lite:
            lite.execute("UPDATE entries SET title_rendered = ?", (title,))
        lite.close()
        return
    plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as connection:
        connection.execute("UPDATE entries SET title_rendered = %s", (title,))


def _titles(response: httpx.Response) -> list[str]:
    return [post["title"]["rendered"] for post in response.json()]


def _wire(response: httpx.Response) -> tuple[int, list[tuple[str, str]], bytes]:
    headers = [(name, value) for name, value in response.headers.multi_items() if name != "date"]
    return response.status_code, headers, response.content


@pytest.fixture
def cached(clean_db: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[httpx.Client, AnswerStore]]:
    """A real server with the response cache on, and its store."""
    app = _app(monkeypatch, 1024 * 1024)
    with _serving(app) as base:
        yield base, _store_after_first_request(app, base)


def _store_after_first_request(app: FastAPI, base: httpx.Client) -> AnswerStore:
    base.get("/healthz").raise_for_status()  # Starlette builds its middleware on the first request
    return _store(app)


def test_kept_answers_are_byte_identical_to_fresh_ones(
    session: Session, clean_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_post(session, slug="first", title="First")
    session.commit()
    requests = [
        ("GET", POSTS + "?per_page=10", {}),
        ("GET", POSTS + "?per_page=10&_embed", {}),
        ("GET", POSTS + "/999999", {}),
        ("GET", "/?rest_route=/wp/v2/posts&per_page=5", {}),
        ("HEAD", POSTS, {}),
        ("GET", POSTS, {"If-None-Match": "*"}),
        ("GET", "/wp-json/", {"Origin": "https://front.example"}),
    ]
    uncached_app, cached_app = _app(monkeypatch, 0), _app(monkeypatch, 1024 * 1024)
    with _serving(uncached_app) as plain, _serving(cached_app) as caching:
        for method, path, headers in requests:
            fresh = _wire(plain.request(method, path, headers=headers))
            first = _wire(caching.request(method, path, headers=headers))
            again = _wire(caching.request(method, path, headers=headers))
            assert first == fresh, (method, path)
            assert again == fresh, (method, path)
        assert len(_store(cached_app)) == len(requests) - 1  # HEAD and If-None-Match share the plain GET's answer
        assert len(_store(uncached_app)) == 0


def test_answers_come_from_memory_until_a_write_changes_the_version(
    cached: tuple[httpx.Client, AnswerStore], session: Session, database_url: str
) -> None:
    base, _store_ = cached
    make_post(session, slug="first", title="First")
    session.commit()
    assert _titles(base.get(POSTS)) == ["First"]

    _sneak_title(database_url, "Sneaked")
    kept = base.get(POSTS)
    make_post(session, slug="second", title="Second")
    session.commit()
    fresh = base.get(POSTS)

    assert _titles(kept) == ["First"]
    assert sorted(_titles(fresh)) == ["Second", "Sneaked"]
    assert fresh.headers["etag"] != kept.headers["etag"]


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        (POSTS, {"Authorization": "Basic YWRtaW46cGFzcw=="}),
        (POSTS, {"Cookie": "wordpress_logged_in=1"}),
        (POSTS, {"X-WP-Nonce": "abc"}),
        (POSTS + "?password=secret", {}),
        (POSTS + "?pass%77ord=secret", {}),
    ],
)
def test_credentials_and_passwords_never_touch_the_cache(
    cached: tuple[httpx.Client, AnswerStore], session: Session, database_url: str, path: str, headers: dict[str, str]
) -> None:
    base, store = cached
    make_post(session, slug="first", title="First")
    session.commit()
    base.get(path)  # the same request without credentials (kept, unless it names a password)
    base.get(POSTS)

    _sneak_title(database_url, "Sneaked")
    personal = base.get(path, headers=headers)
    anonymous = base.get(POSTS)

    assert _titles(personal) == ["Sneaked"]  # made afresh ...
    assert _titles(anonymous) == ["First"]  # ... and not kept in place of the anonymous answer
    assert len(store) == 1


def test_only_public_api_reads_are_kept(cached: tuple[httpx.Client, AnswerStore]) -> None:
    base, store = cached

    base.post(POSTS)
    base.get("/healthz")
    base.get("/openapi.json")
    base.get(POSTS + "?per_page=1000")  # 400: not kept
    base.get(POSTS + "/1")  # 404: kept

    assert len(store) == 1


def test_a_write_in_another_process_drops_kept_answers(
    session: Session, clean_db: Engine, database_url: str, tmp_path: Path
) -> None:
    make_post(session, slug="first", title="First")
    session.commit()
    port = _free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith("VELLUM_")}
    environment.update(
        VELLUM_DATABASE_URL=database_url,
        VELLUM_MEDIA_ROOT=str(tmp_path),
        VELLUM_AUTO_MIGRATE="never",
        PYTHONPATH=str(REPO),
    )
    command = [sys.executable, "-c", "from app.cli.main import main; main()", "serve", "--port", str(port)]
    server = subprocess.Popen(command, cwd=tmp_path, env=environment, stderr=subprocess.PIPE, text=True)
    base = httpx.Client(base_url=f"http://127.0.0.1:{port}")
    try:
        _wait_for(base, server)
        before = base.get(POSTS)
        _sneak_title(database_url, "Sneaked")
        kept = base.get(POSTS)
        import_wxr(WXR, report=tmp_path / "report.json")
        after = base.get(POSTS)
    finally:
        server.terminate()
        server.communicate(timeout=15)
        base.close()

    assert _titles(before) == _titles(kept) == ["First"]
    assert sorted(_titles(after)) == ["Moving house", "Sneaked"]


def _wait_for(base: httpx.Client, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.communicate()[1]}")
        try:
            base.get("/healthz", timeout=2).raise_for_status()
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("server did not answer in 30 s")


def test_two_servers_on_one_database_both_see_a_write(
    session: Session, clean_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_post(session, slug="first", title="First")
    session.commit()
    with _serving(_app(monkeypatch, 1024 * 1024)) as one, _serving(_app(monkeypatch, 1024 * 1024)) as two:
        warm = [_titles(base.get(POSTS)) for base in (one, two)]
        make_post(session, slug="second", title="Second")
        session.commit()
        after = [sorted(_titles(base.get(POSTS))) for base in (one, two)]

    assert warm == [["First"], ["First"]]
    assert after == [["First", "Second"], ["First", "Second"]]


def test_the_memory_budget_holds_dropping_the_least_recently_used(
    session: Session, clean_db: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_post(session, slug="first", title="First", content="x" * 500)
    session.commit()
    app = _app(monkeypatch, 40_000)
    with _serving(app) as base:
        store = _store_after_first_request(app, base)
        for page in range(2, 40):
            base.get(POSTS + f"?per_page={page}").raise_for_status()
            base.get(POSTS + "?per_page=1").raise_for_status()  # always in use: never the one dropped
            assert store.size <= store.max_bytes
        _sneak_title(database_url, "Sneaked")
        recent, oldest = base.get(POSTS + "?per_page=1"), base.get(POSTS + "?per_page=2")

    assert 1 < len(store) < 39
    assert (_titles(recent), _titles(oldest)) == (["First"], ["Sneaked"])


def _answer(size: int) -> CachedAnswer:
    return CachedAnswer(200, [], b"x" * size, size)


def test_the_store_drops_oldest_first_and_everything_on_a_new_version() -> None:
    store = AnswerStore(max_bytes=1000)
    assert store.get(_key("a"), 1) is None
    store.put(_key("a"), 1, _answer(100))
    store.put(_key("b"), 1, _answer(100))
    store.put(_key("huge"), 1, _answer(200))  # over an eighth of the budget: never kept
    for name in "cdefghijk":
        assert store.get(_key("a"), 1) is not None
        store.put(_key(name), 1, _answer(100))
    store.put(_key("late"), 2, _answer(100))  # made at a version the store has not seen: not kept

    assert store.size == 1000
    assert store.get(_key("b"), 1) is None
    assert store.get(_key("huge"), 1) is None
    assert store.get(_key("a"), 1) is not None
    assert store.get(_key("a"), 2) is None
    assert (len(store), store.size) == (0, 0)


def _key(name: str) -> tuple[str, str, bytes, bytes, bytes, bytes]:
    return ("http", "/" + name, b"", b"", b"", b"")


class _FixedVersion:
    async def read(self) -> int:
        return 1

    def close(self) -> None:
        pass


def test_identical_requests_arriving_while_one_is_made_wait_for_it() -> None:
    calls: list[str] = []
    gate = anyio.Event()

    async def slow_list(_request: Request) -> Response:
        calls.append("made")
        await gate.wait()
        return Response(b'[{"id":1}]', media_type="application/json")

    cache = ResponseCache(Starlette(routes=[Route(POSTS, slow_list)]), max_bytes=1 << 20, versions=_FixedVersion)

    async def scenario() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cache), base_url="http://test") as client:
            responses: list[httpx.Response] = []

            async def fetch() -> None:
                responses.append(await client.get(POSTS))

            async with anyio.create_task_group() as group:
                for _ in range(5):
                    group.start_soon(fetch)
                for _ in range(200):  # every request reaches the cache long before this
                    await anyio.sleep(0)
                gate.set()
            return responses

    responses = anyio.run(scenario)

    assert calls == ["made"]
    assert [(response.status_code, response.content) for response in responses] == [(200, b'[{"id":1}]')] * 5


def test_answers_varying_on_a_header_outside_the_key_are_not_kept() -> None:
    async def by_encoding(_request: Request) -> Response:
        return Response(b"[]", headers={"Vary": "Origin, Accept-Encoding"})

    async def by_origin(_request: Request) -> Response:
        return Response(b"[]", headers={"Vary": "Origin, Authorization"})

    routes = [Route("/wp-json/by-encoding", by_encoding), Route("/wp-json/by-origin", by_origin)]
    cache = ResponseCache(Starlette(routes=routes), max_bytes=1 << 20, versions=_FixedVersion)
    client = TestClient(cache)

    client.get("/wp-json/by-encoding")
    client.get("/wp-json/by-origin", headers={"Origin": "https://a.example"})
    client.get("/wp-json/by-origin", headers={"Origin": "https://b.example"})

    assert len(cache.store) == 2  # one per Origin, none for the answer that varies on Accept-Encoding
