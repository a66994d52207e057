"""Parameter validation, pagination links, ``_fields`` and ``_envelope`` on the posts routes."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.api.wp_v2.query_string import build_query, group_query
from app.options.service import get_option
from tests.builders import make_post


def test_php_style_query_strings_become_lists_and_maps() -> None:
    grouped = group_query([("include[]", "3"), ("include[]", "4"), ("categories[terms]", "7"), ("a", "1"), ("a", "2")])
    assert grouped == {"include": ["3", "4"], "categories": {"terms": "7"}, "a": "2"}


def test_rebuilt_queries_encode_like_add_query_arg() -> None:
    query = build_query({"_embed": "", "after": "2010-01-01T00:00:00", "categories": [16], "page": 2})
    assert query == "_embed&after=2010-01-01T00%3A00%3A00&categories%5B0%5D=16&page=2"


def test_every_invalid_parameter_is_reported_in_registration_order(client: TestClient) -> None:
    response = client.get("/wp-json/wp/v2/posts?include=1,a&per_page=0&after=yesterday")
    body = response.json()
    assert response.status_code == 400
    assert body["message"] == "Invalid parameter(s): per_page, after, include"
    assert body["data"]["params"] == {
        "per_page": "per_page must be between 1 (inclusive) and 100 (inclusive)",
        "after": "Invalid date.",
        "include": "include[1] is not of type integer.",
    }
    assert body["data"]["details"]["after"] == {"code": "rest_invalid_date", "message": "Invalid date.", "data": None}


def test_pages_accept_menu_order_and_posts_do_not_order_by_it(client: TestClient) -> None:
    assert client.get("/wp-json/wp/v2/pages?orderby=menu_order").status_code == 200
    assert client.get("/wp-json/wp/v2/posts?orderby=menu_order").status_code == 400


def test_pagination_headers_link_previous_and_next_pages(client: TestClient, session: Session) -> None:
    for number in range(5):
        make_post(session, slug=f"post-{number}")
    session.commit()
    collection = f"{get_option(session, 'home')}/wp-json/wp/v2/posts"
    response = client.get("/wp-json/wp/v2/posts?per_page=2&page=2&search=post")
    assert response.headers["X-WP-Total"] == "5"
    assert response.headers["X-WP-TotalPages"] == "3"
    assert response.headers["Link"] == (
        f'<{collection}?per_page=2&page=1&search=post>; rel="prev", '
        f'<{collection}?per_page=2&page=3&search=post>; rel="next"'
    )


def test_fields_keep_nested_paths_in_item_order(client: TestClient, session: Session) -> None:
    make_post(session, slug="only")
    session.commit()
    body = client.get("/wp-json/wp/v2/posts?_fields=title.rendered,id").json()
    assert list(body[0]) == ["id", "title"]
    assert list(body[0]["title"]) == ["rendered"]


def test_envelope_wraps_errors_in_a_200(client: TestClient) -> None:
    response = client.get("/wp-json/wp/v2/posts/12345?_envelope")
    assert response.status_code == 200
    assert response.json()["status"] == 404
    assert response.json()["body"]["code"] == "rest_post_invalid_id"


def test_head_answers_with_headers_only(client: TestClient, session: Session) -> None:
    make_post(session, slug="only")
    session.commit()
    response = client.head("/wp-json/wp/v2/posts")
    assert response.status_code == 200
    assert response.headers["X-WP-Total"] == "1"
    assert response.content == b""


HUGE = "99999999999999999999"  # more than a 64-bit integer holds


def test_numbers_beyond_64_bits_answer_as_wordpress_does_not_with_a_server_error(
    client: TestClient, session: Session
) -> None:
    # PHP's (int) saturates such numbers; the databases refused them, and every one of these answered 500.
    make_post(session, id=5, title="Only post")
    session.commit()
    assert client.get(f"/wp-json/wp/v2/posts/{HUGE}").json()["code"] == "rest_post_invalid_id"
    assert client.get(f"/?rest_route=/wp/v2/posts/{HUGE}").status_code == 404
    for route, code in [("pages", "rest_post_invalid_id"), ("media", "rest_post_invalid_id")]:
        assert client.get(f"/wp-json/wp/v2/{route}/{HUGE}").json()["code"] == code
    for route in ("categories", "tags", "users", "comments", "menus", "menu-items"):
        assert client.get(f"/wp-json/wp/v2/{route}/{HUGE}").status_code in (401, 404), route
    assert client.get(f"/wp-json/vellum/v1/events/{HUGE}.ics").status_code == 404

    excluded = client.get(f"/wp-json/wp/v2/posts?exclude={HUGE}&include=5,{HUGE}")
    assert [post["id"] for post in excluded.json()] == [5]
    beyond = client.get(f"/wp-json/wp/v2/posts?offset={HUGE}")
    assert (beyond.status_code, beyond.json(), beyond.headers["X-WP-Total"]) == (200, [], "1")
    assert client.get(f"/wp-json/wp/v2/posts?page={HUGE}").json()["code"] == "rest_post_invalid_page_number"
    for route in ("categories", "tags", "users", "comments", "search"):
        assert client.get(f"/wp-json/wp/v2/{route}?exclude={HUGE}&offset={HUGE}").status_code == 200, route


def test_negative_offsets_count_from_the_start_as_absint_makes_them(client: TestClient, session: Session) -> None:
    for number in range(3):
        make_post(session, slug=f"post-{number}")
    session.commit()
    newest_first = [post["id"] for post in client.get("/wp-json/wp/v2/posts").json()]
    assert [post["id"] for post in client.get("/wp-json/wp/v2/posts?offset=-1").json()] == newest_first[1:]
    for route in ("media", "pages", "categories", "tags", "users", "comments"):
        assert client.get(f"/wp-json/wp/v2/{route}?offset=-1").status_code == 200, route
    for route in ("categories", "tags", "users", "comments", "search"):
        assert client.get(f"/wp-json/wp/v2/{route}?page={HUGE}").status_code in (200, 400), route


def test_parameters_with_a_nul_character_match_nothing_on_every_engine(client: TestClient, session: Session) -> None:
    # PostgreSQL cannot bind text with a NUL: these answered 500 there. No stored text holds one, so nothing matches.
    make_post(session, slug="only")
    session.commit()
    for query in ("posts?search=%00", "posts?slug=%00", "?rest_route=/wp/v2/posts&search=a%00"):
        path = query if query.startswith("?") else f"/wp-json/wp/v2/{query}"
        response = client.get(path if path.startswith("/") else f"/{path}")
        assert (response.status_code, response.json()) == (200, []), query
    for route in ("categories", "tags", "users", "comments", "search"):
        response = client.get(f"/wp-json/wp/v2/{route}?search=%00&slug=%00")
        assert (response.status_code, response.json()) == (200, []), route
    assert client.get("/wp-json/vellum/v1/resolve?path=/only%00").status_code == 404
