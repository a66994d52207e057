"""``/wp/v2/users``: anonymous callers see authors only, never e-mails (WordPress's answers: tests/golden)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from tests.api.wp_v2.test_posts_queries import counted_statements
from tests.builders import make_entry, make_page, make_post, make_user


@pytest.fixture
def people(session: Session) -> dict[str, int]:
    author = make_user(session, login="author", nicename="author", email="author@example.org")
    drafter = make_user(session, login="drafter", nicename="drafter", email="drafter@example.org")
    make_post(session, slug="published", author_id=author.id)
    make_post(session, slug="unfinished", status="draft", author_id=drafter.id)
    session.commit()
    return {"author": int(author.id or 0), "drafter": int(drafter.id or 0)}


def test_anonymous_callers_see_only_authors_of_published_posts(client: TestClient, people: dict[str, int]) -> None:
    listed = client.get("/wp-json/wp/v2/users")
    assert [user["slug"] for user in listed.json()] == ["author"]
    assert listed.headers["X-WP-Total"] == "1"
    assert client.get(f"/wp-json/wp/v2/users/{people['drafter']}").json()["code"] == "rest_user_cannot_view"
    assert client.get("/wp-json/wp/v2/users/999999").json()["code"] == "rest_user_invalid_id"


def test_anonymous_callers_never_see_or_search_by_email(client: TestClient, people: dict[str, int]) -> None:
    listed = client.get("/wp-json/wp/v2/users").text + client.get(f"/wp-json/wp/v2/users/{people['author']}").text
    assert "@example.org" not in listed
    assert client.get("/wp-json/wp/v2/users?search=example.org").json() == []
    assert [user["slug"] for user in client.get("/wp-json/wp/v2/users?search=auth").json()] == ["author"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("context=edit", "rest_forbidden_context"),
        ("orderby=email", "rest_forbidden_orderby"),
        ("who=authors", "rest_forbidden_who"),
        ("roles=administrator", "rest_user_cannot_view"),
    ],
)
def test_private_filters_are_forbidden_for_anonymous_callers(
    client: TestClient, people: dict[str, int], query: str, code: str
) -> None:
    answer = client.get(f"/wp-json/wp/v2/users?{query}")
    assert (answer.status_code, answer.json()["code"]) == (401, code)
    assert "Allow" not in answer.headers


def test_invalid_user_parameters_are_reported_together(client: TestClient, people: dict[str, int]) -> None:
    answer = client.get("/wp-json/wp/v2/users?per_page=101&who=everyone&order=up")
    assert list(answer.json()["data"]["params"]) == ["per_page", "order", "who"]


def test_user_list_statements_do_not_grow_with_page_size(client: TestClient, session: Session, engine: Engine) -> None:
    for number in range(110):
        user = make_user(session, login=f"writer-{number}", nicename=f"writer-{number}")
        make_post(session, slug=f"post-{number}", author_id=user.id)
    session.commit()
    counts = {}
    for per_page in (10, 100):
        with counted_statements(engine) as statements:
            assert len(client.get(f"/wp-json/wp/v2/users?per_page={per_page}").json()) == per_page
        counts[per_page] = len(statements)
    assert counts[10] == counts[100] <= 4


def test_head_and_fields_apply_to_user_routes(client: TestClient, people: dict[str, int]) -> None:
    head = client.head(f"/wp-json/wp/v2/users/{people['author']}")
    assert (head.status_code, head.content, head.headers["Allow"]) == (200, b"", "GET")
    assert client.get("/wp-json/wp/v2/users?_fields=slug").json() == [{"slug": "author"}]


def test_has_published_posts_names_the_post_types_whose_authors_are_listed(
    client: TestClient, session: Session
) -> None:
    writer, editor = make_user(session, login="writer"), make_user(session, login="editor")
    make_post(session, author_id=writer.id, slug="a-post")
    make_page(session, author_id=editor.id, slug="a-page")
    session.commit()

    def listed(value: str) -> list[str]:
        response = client.get("/wp-json/wp/v2/users", params={"has_published_posts": value})
        assert response.status_code == 200, response.json()
        return sorted(user["name"] for user in response.json())

    assert listed("page") == ["Editor"]
    assert listed("post,page") == ["Editor", "Writer"]
    assert listed("true") == ["Editor", "Writer"]


def test_has_published_posts_refuses_a_type_the_rest_api_does_not_know(client: TestClient) -> None:
    response = client.get("/wp-json/wp/v2/users", params={"has_published_posts": "post,revision"})

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "rest_invalid_param"
    assert body["data"]["details"]["has_published_posts"]["code"] == "rest_not_in_enum"
    assert body["data"]["params"]["has_published_posts"].startswith("has_published_posts[1] is not one of post, page")


def test_has_published_posts_enum_lists_the_sites_rest_post_types(client: TestClient, session: Session) -> None:
    make_entry(session, type="ai1ec_event", slug="an-event")
    session.commit()

    args = client.options("/wp-json/wp/v2/users").json()["endpoints"][0]["args"]
    index_args = client.get("/wp-json/").json()["routes"]["/wp/v2/users"]["endpoints"][0]["args"]

    enum = args["has_published_posts"]["items"]["enum"]
    assert list(enum) == [
        "post", "page", "attachment", "nav_menu_item", "wp_block", "wp_template", "wp_template_part",
        "wp_navigation", "ai1ec_event",
    ]  # fmt: skip
    assert all(key == value for key, value in enum.items())
    assert index_args["has_published_posts"] == args["has_published_posts"]


def test_authors_of_any_post_type_shown_in_rest_are_readable(client: TestClient, session: Session) -> None:
    # get_item_permissions_check counts published posts of every type with show_in_rest (count_user_posts), and
    # get_items lists their authors: a user who only published a reusable block or a menu item is one.
    blocks = make_user(session, login="blocks", nicename="blocks")
    menus = make_user(session, login="menus", nicename="menus")
    nobody = make_user(session, login="nobody", nicename="nobody")
    make_entry(session, type="wp_block", slug="footer", author_id=blocks.id)
    make_entry(session, type="nav_menu_item", slug="1", author_id=menus.id)
    make_entry(session, type="wp_block", slug="draft-block", status="draft", author_id=nobody.id)
    session.commit()
    assert [user["slug"] for user in client.get("/wp-json/wp/v2/users").json()] == ["blocks", "menus"]
    assert client.get(f"/wp-json/wp/v2/users/{blocks.id}").status_code == 200
    assert client.get(f"/wp-json/wp/v2/users/{menus.id}").status_code == 200
    assert client.get(f"/wp-json/wp/v2/users/{nobody.id}").json()["code"] == "rest_user_cannot_view"


def test_names_are_shown_as_wordpress_stores_them(client: TestClient, session: Session) -> None:
    # pre_user_display_name ends with _wp_specialchars: & < > escaped, existing entities kept.
    names = {"amp": "Communications & Media", "kept": "Q&amp;A team", "tags": "<b>Bold</b> & co", "plain": "Zoë"}
    for login, name in names.items():
        user = make_user(session, login=login, nicename=login, display_name=name)
        make_post(session, slug=f"by-{login}", author_id=user.id)
    session.commit()
    shown = {user["slug"]: user["name"] for user in client.get("/wp-json/wp/v2/users").json()}
    assert shown == {
        "amp": "Communications &amp; Media", "kept": "Q&amp;A team", "tags": "&lt;b&gt;Bold&lt;/b&gt; &amp; co",
        "plain": "Zoë",
    }  # fmt: skip
