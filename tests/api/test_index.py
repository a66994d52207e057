"""The /wp-json/ index, the health check, ?rest_route= and WordPress-shaped errors."""

from __future__ import annotations

import httpx
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.options.service import set_option


def test_index_describes_the_site_like_wordpress(client: TestClient, session: Session) -> None:
    set_option(session, "blogname", "Ending Forced Labour Hub")
    set_option(session, "timezone_string", "Europe/Geneva")
    session.commit()

    response = client.get("/wp-json/")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=UTF-8"
    body = response.json()
    assert body["name"] == "Ending Forced Labour Hub"
    assert body["timezone_string"] == "Europe/Geneva"
    assert body["gmt_offset"] == "0"
    assert set(body) >= {"description", "url", "home", "namespaces", "authentication", "routes", "_links"}
    assert "/" in body["routes"]
    assert body["routes"]["/"]["methods"] == ["GET"]


def test_rest_route_query_answers_like_the_pretty_path(client: TestClient) -> None:
    pretty = client.get("/wp-json/")
    plain = client.get("/?rest_route=/")
    assert plain.status_code == 200
    assert plain.json() == pretty.json()


def test_unknown_route_is_a_wordpress_error(client: TestClient) -> None:
    response = client.get("/wp-json/wp/v2/nothing-here")
    assert response.status_code == 404
    assert response.json() == {
        "code": "rest_no_route",
        "message": "No route was found matching the URL and request method.",
        "data": {"status": 404},
    }


def test_health_checks_the_database_over_the_wire(live_server: str) -> None:
    response = httpx.get(f"{live_server}/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
