"""HTTP caching over the wire: ETags, 304s, Cache-Control by caller, Vary, and the helpers behind them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from app.api import caching
from app.api.caching import HttpCaching, etag_matches, http_date, merged_vary, strong_etag, unmodified_since
from app.core import settings as core_settings
from app.main import create_app
from tests.builders import make_post

POSTS = "/wp-json/wp/v2/posts"


def _publish(session: Session, slug: str) -> None:
    make_post(session, slug=slug)
    session.commit()


def test_get_carries_a_strong_etag_of_its_body(live_server: str, session: Session) -> None:
    _publish(session, "first")

    response = httpx.get(live_server + POSTS)

    assert response.status_code == 200
    assert response.headers["etag"] == strong_etag(response.content)
    assert not response.headers["etag"].startswith("W/")


def test_matching_if_none_match_answers_304_without_a_body(live_server: str, session: Session) -> None:
    _publish(session, "first")
    etag = httpx.get(live_server + POSTS).headers["etag"]

    response = httpx.get(live_server + POSTS, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == etag
    assert response.headers["cache-control"] == "public, max-age=60"
    assert "content-type" not in response.headers


def test_weak_and_listed_validators_match_too(live_server: str, session: Session) -> None:
    _publish(session, "first")
    etag = httpx.get(live_server + POSTS).headers["etag"]

    listed = httpx.get(live_server + POSTS, headers={"If-None-Match": f'"other", W/{etag}'})
    star = httpx.get(live_server + POSTS, headers={"If-None-Match": "*"})

    assert (listed.status_code, star.status_code) == (304, 304)


def test_changed_content_gets_a_new_etag_and_a_full_answer(live_server: str, session: Session) -> None:
    _publish(session, "first")
    old = httpx.get(live_server + POSTS).headers["etag"]
    _publish(session, "second")

    response = httpx.get(live_server + POSTS, headers={"If-None-Match": old})

    assert response.status_code == 200
    assert response.headers["etag"] != old
    assert len(response.json()) == 2


def test_head_has_get_s_etag_and_no_body(live_server: str, session: Session) -> None:
    _publish(session, "first")
    get = httpx.get(live_server + POSTS)

    head = httpx.head(live_server + POSTS)
    revalidated = httpx.head(live_server + POSTS, headers={"If-None-Match": get.headers["etag"]})

    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["x-wp-total"] == "1"
    assert revalidated.status_code == 304


def test_anonymous_answers_are_public_and_vary_keeps_origin(live_server: str) -> None:
    response = httpx.get(live_server + POSTS)

    assert response.headers["cache-control"] == "public, max-age=60"
    assert response.headers["vary"] == "Origin"


@pytest.mark.parametrize("credentials", [{"Authorization": "Basic YWRtaW46cGFzcw=="}, {"Cookie": "wordpress=1"}])
def test_credentialed_requests_get_private_revalidated_answers(live_server: str, credentials: dict[str, str]) -> None:
    response = httpx.get(live_server + POSTS, headers=credentials)

    assert response.status_code == 200
    assert response.headers["cache-control"] == "private, no-cache"
    assert response.headers["vary"] == "Origin, Authorization"
    assert "etag" in response.headers


def test_errors_are_never_stored_and_carry_no_etag(live_server: str) -> None:
    response = httpx.get(live_server + POSTS + "/999999")

    assert response.status_code == 404
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers
    assert response.headers["vary"] == "Origin"


def test_other_methods_pass_untouched(live_server: str) -> None:
    response = httpx.post(live_server + POSTS)

    assert "etag" not in response.headers
    assert "cache-control" not in response.headers


@pytest.fixture
def short_max_age(clean_db: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("VELLUM_CACHE_MAX_AGE", "5")
    core_settings.get_settings.cache_clear()
    yield
    core_settings.get_settings.cache_clear()


@pytest.mark.usefixtures("short_max_age")
def test_max_age_comes_from_the_setting() -> None:
    with TestClient(create_app(prepare=False)) as client:
        response = client.get("/healthz")

    assert response.headers["cache-control"] == "public, max-age=5"


def _validated_app(last_modified: str) -> TestClient:
    async def page(_request: Request) -> Response:
        return Response("page", headers={"Last-Modified": last_modified, "Vary": "origin"})

    async def big(_request: Request) -> StreamingResponse:
        chunks = (b"x" * (caching.BUFFER_LIMIT // 2) for _ in range(3))
        return StreamingResponse(chunks, media_type="text/plain")

    app = Starlette(routes=[Route("/page", page), Route("/big", big)])
    return TestClient(HttpCaching(app, max_age=30))


def test_last_modified_is_kept_and_answers_if_modified_since() -> None:
    modified = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    client = _validated_app(http_date(modified))

    fresh = client.get("/page", headers={"If-Modified-Since": http_date(modified + timedelta(hours=1))})
    stale = client.get("/page", headers={"If-Modified-Since": http_date(modified - timedelta(hours=1))})
    tag_wins = client.get(
        "/page", headers={"If-Modified-Since": http_date(modified), "If-None-Match": '"something-else"'}
    )

    assert fresh.status_code == 304
    assert fresh.headers["last-modified"] == "Fri, 01 Mar 2024 12:00:00 GMT"
    assert (stale.status_code, stale.text) == (200, "page")
    assert tag_wins.status_code == 200
    assert tag_wins.headers["vary"] == "origin"


def test_bodies_too_large_to_hold_stream_without_an_etag() -> None:
    response = _validated_app("").get("/big")

    assert response.status_code == 200
    assert len(response.content) == 3 * (caching.BUFFER_LIMIT // 2)
    assert "etag" not in response.headers
    assert response.headers["cache-control"] == "public, max-age=30"


def test_helpers_compare_like_rfc_9110() -> None:
    assert http_date(datetime(2024, 3, 1, 12, 0)) == "Fri, 01 Mar 2024 12:00:00 GMT"
    assert not etag_matches('"a", "b"', '"c"')
    assert etag_matches('W/"c"', '"c"')
    assert not unmodified_since("not a date", "Fri, 01 Mar 2024 12:00:00 GMT")
    assert merged_vary("Origin, authorization", "Authorization") == "Origin, authorization"
    assert merged_vary(None, "Authorization") == "Authorization"
