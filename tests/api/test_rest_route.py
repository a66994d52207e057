"""``?rest_route=``: the plain-permalink form of every REST path, its other parameters passed on intact."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.builders import make_post


def test_other_parameters_keep_their_encoded_characters(client: TestClient, session: Session) -> None:
    make_post(session, slug="salt-pepper", title="Salt & pepper")
    make_post(session, slug="salt", title="Salt")
    session.commit()

    pretty = client.get("/wp-json/wp/v2/posts", params={"search": "salt & pepper", "_fields": "slug"})
    plain = client.get("/", params={"rest_route": "/wp/v2/posts", "search": "salt & pepper", "_fields": "slug"})

    assert pretty.json() == [{"slug": "salt-pepper"}]
    assert plain.json() == pretty.json()


def test_the_last_of_repeated_routes_wins_like_php(client: TestClient) -> None:
    response = client.get("/index.php?rest_route=/wp/v2/nothing&rest_route=wp/v2/types")

    assert response.status_code == 200
    assert "post" in response.json()
