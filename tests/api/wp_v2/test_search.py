"""``/wp/v2/search``: WordPress 6.1's answers replayed, and what a visitor's search may find."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.options.service import get_option
from tests.api.wp_v2 import golden
from tests.builders import make_page, make_post, make_term

SEARCH = "/wp-json/wp/v2/search"


def _day(day: int) -> datetime:
    return datetime(2024, 1, day, 12, 0, 0)


@pytest.mark.parametrize("name", ["wp.v2.search~search=gallery.json", "wp.v2.search~search=gallery~type=term.json"])
def test_search_answers_exactly_like_wordpress_61(
    client: TestClient, session: Session, engine: Engine, name: str
) -> None:
    golden.require_golden()
    golden.import_theme_unit_test()
    ids = golden.build_id_map(engine)
    host = str(get_option(session, "home")).rstrip("/")
    expected = golden.load(name)
    parts = urlsplit(golden.map_url(expected["request"], ids, host))
    response = client.get(f"{parts.path}?{parts.query}")
    body = golden.map_body(expected["body"], ids, host)
    if "type=term" in name:
        body = [{**item, "id": ids.terms[item["id"]]} for item in expected["body"]]
        body = golden.map_body(body, ids, host, "term")
    _checked, differences = golden.compare(
        expected, response.status_code, response.headers, response.json(), body, host
    )
    assert differences == []


def test_visitors_find_only_published_unprotected_posts_and_pages(client: TestClient, session: Session) -> None:
    make_post(session, title="Gallery one", slug="one")
    make_page(session, title="Gallery page", slug="page")
    make_post(session, title="Gallery draft", slug="draft", status="draft")
    make_post(session, title="Gallery private", slug="private", status="private")
    make_post(session, title="Gallery locked", slug="locked", password="secret")
    session.commit()
    body = client.get(SEARCH, params={"search": "gallery"}).json()
    assert sorted((item["title"], item["subtype"]) for item in body) == [
        ("Gallery one", "post"),
        ("Gallery page", "page"),
    ]


def test_titles_matching_rank_before_content_matches(client: TestClient, session: Session) -> None:
    make_post(session, title="Other", slug="other", content="about a gallery", date=_day(2))
    make_post(session, title="A gallery", slug="titled", date=_day(1))
    session.commit()
    body = client.get(SEARCH, params={"search": "gallery"}).json()
    assert [item["title"] for item in body] == ["A gallery", "Other"]


def test_subtype_narrows_to_pages(client: TestClient, session: Session) -> None:
    make_post(session, title="Gallery post", slug="post")
    make_page(session, title="Gallery page", slug="page")
    session.commit()
    body = client.get(SEARCH, params={"search": "gallery", "subtype": "page"}).json()
    assert [item["subtype"] for item in body] == ["page"]


def test_term_search_matches_name_or_slug_and_includes_empty_terms(client: TestClient, session: Session) -> None:
    make_term(session, slug="zeta", name="Photo gallery")
    make_term(session, taxonomy="post_tag", slug="galleries", name="Albums")
    make_term(session, slug="other", name="Other")
    session.commit()
    body = client.get(SEARCH, params={"search": "galler", "type": "term"}).json()
    assert [(item["title"], item["type"]) for item in body] == [("Albums", "post_tag"), ("Photo gallery", "category")]
    assert "subtype" not in body[0]
    assert body[0]["_links"]["self"][0]["href"].endswith(f"/wp/v2/tags/{body[0]['id']}")


def test_post_formats_with_a_term_are_found_by_label(client: TestClient, session: Session) -> None:
    make_term(session, taxonomy="post_format", slug="post-format-gallery", name="Gallery")
    session.commit()
    body = client.get(SEARCH, params={"search": "GALL", "type": "post-format"}).json()
    assert [(item["id"], item["title"], item["type"]) for item in body] == [("gallery", "Gallery", "post-format")]
    assert list(body[0]["_links"]) == ["collection"]


def test_page_past_the_last_is_refused(client: TestClient, session: Session) -> None:
    make_post(session, title="Gallery", slug="g")
    session.commit()
    response = client.get(SEARCH, params={"search": "gallery", "page": 2})
    assert response.status_code == 400
    assert response.json()["code"] == "rest_search_invalid_page_number"


def test_pagination_headers_link_the_next_page(client: TestClient, session: Session) -> None:
    for day in (1, 2, 3):
        make_post(session, title=f"Gallery {day}", slug=f"g{day}", date=_day(day))
    session.commit()
    response = client.get(SEARCH, params={"search": "gallery", "per_page": 2})
    assert (response.headers["X-WP-Total"], response.headers["X-WP-TotalPages"]) == ("3", "2")
    assert 'page=2>; rel="next"' in response.headers["Link"]


@pytest.mark.parametrize(
    ("params", "code"),
    [({"type": "user"}, "rest_invalid_param"), ({"per_page": 101}, "rest_invalid_param"),
     ({"subtype": "nothing"}, "rest_invalid_param"), ({"context": "edit"}, "rest_invalid_param")],
)  # fmt: skip
def test_invalid_parameters_are_refused(client: TestClient, params: dict[str, object], code: str) -> None:
    response = client.get(SEARCH, params=params)
    assert response.status_code == 400
    assert response.json()["code"] == code
