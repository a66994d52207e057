"""``/wp/v2/categories`` and ``/wp/v2/tags``: parameters, counts, query cost (WordPress's answers: tests/golden)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from tests.api.wp_v2.test_posts_queries import counted_statements
from tests.builders import make_post, make_term


@pytest.fixture
def site(session: Session) -> dict[str, int]:
    parent = make_term(session, slug="places", name="Places")
    child = make_term(session, slug="harbour", name="Harbour", parent_id=parent.id)
    empty = make_term(session, slug="empty", name="Empty")
    tag = make_term(session, taxonomy="post_tag", slug="boats", name="Boats")
    region = make_term(session, taxonomy="region", slug="north", name="North")
    post = make_post(session, slug="sailing", term_ids=[child.id, tag.id, region.id])
    make_post(session, slug="draft-sailing", status="draft", term_ids=[child.id, parent.id])
    session.commit()
    ids = {"parent": parent.id, "child": child.id, "empty": empty.id, "tag": tag.id, "region": region.id}
    return {name: int(value or 0) for name, value in ids.items()} | {"post": int(post.id or 0)}


def _slugs(response: Any) -> list[str]:
    assert response.status_code == 200, response.json()
    return [term["slug"] for term in response.json()]


def test_count_is_published_posts_only_and_hide_empty_drops_unused_terms(
    client: TestClient, site: dict[str, int]
) -> None:
    counts = {term["slug"]: term["count"] for term in client.get("/wp-json/wp/v2/categories").json()}
    assert counts == {"empty": 0, "harbour": 1, "places": 0}
    assert _slugs(client.get("/wp-json/wp/v2/categories?hide_empty=true")) == ["harbour"]


def test_parent_post_slug_search_and_orderby_filter_like_get_terms(client: TestClient, site: dict[str, int]) -> None:
    assert _slugs(client.get(f"/wp-json/wp/v2/categories?parent={site['parent']}")) == ["harbour"]
    assert _slugs(client.get("/wp-json/wp/v2/categories?parent=0")) == ["empty", "places"]
    assert _slugs(client.get(f"/wp-json/wp/v2/categories?post={site['post']}")) == ["harbour"]
    assert _slugs(client.get("/wp-json/wp/v2/categories?slug=places,empty&orderby=include_slugs")) == [
        "places",
        "empty",
    ]
    assert _slugs(client.get("/wp-json/wp/v2/categories?search=arb")) == ["harbour"]
    assert _slugs(client.get("/wp-json/wp/v2/categories?orderby=count&order=desc"))[0] == "harbour"
    assert _slugs(client.get(f"/wp-json/wp/v2/categories?exclude={site['empty']}")) == ["harbour", "places"]


def test_nested_category_link_spells_out_its_ancestors(client: TestClient, site: dict[str, int]) -> None:
    term = client.get(f"/wp-json/wp/v2/categories/{site['child']}").json()
    assert term["link"].endswith("/category/places/harbour/")
    assert term["_links"]["up"][0]["href"].endswith(f"/wp/v2/categories/{site['parent']}")


def test_invalid_parameters_are_reported_together(client: TestClient, site: dict[str, int]) -> None:
    answer = client.get("/wp-json/wp/v2/categories?per_page=0&orderby=nope&hide_empty=maybe&offset=2")
    assert answer.status_code == 400
    # offset is registered for tags only (non-hierarchical taxonomies), so it is ignored here.
    assert list(answer.json()["data"]["params"]) == ["per_page", "orderby", "hide_empty"]
    assert client.get("/wp-json/wp/v2/tags?offset=x").json()["data"]["params"] == {
        "offset": "offset is not of type integer."
    }


def test_anonymous_callers_cannot_use_edit_context_or_read_terms_of_hidden_posts(
    client: TestClient, session: Session, site: dict[str, int]
) -> None:
    assert client.get("/wp-json/wp/v2/tags?context=edit").json()["code"] == "rest_forbidden_context"
    draft = make_post(session, slug="secret", status="draft")
    session.commit()
    assert client.get(f"/wp-json/wp/v2/tags?post={draft.id}").status_code == 401
    assert client.get("/wp-json/wp/v2/tags?post=999999").json()["code"] == "rest_post_invalid_id"


def test_items_of_another_taxonomy_or_unknown_ids_do_not_exist(client: TestClient, site: dict[str, int]) -> None:
    assert client.get(f"/wp-json/wp/v2/tags/{site['child']}").json()["code"] == "rest_term_invalid"
    assert client.get(f"/wp-json/wp/v2/tags/{site['tag']}").json()["taxonomy"] == "post_tag"
    assert "parent" not in client.get(f"/wp-json/wp/v2/tags/{site['tag']}").json()


def test_custom_taxonomies_are_served_under_their_name(client: TestClient, site: dict[str, int]) -> None:
    assert _slugs(client.get("/wp-json/wp/v2/region")) == ["north"]
    assert client.get(f"/wp-json/wp/v2/region/{site['region']}").json()["link"].endswith("/region/north/")
    assert client.get("/wp-json/wp/v2/nav_menu").json()["code"] == "rest_no_route"
    assert client.get("/wp-json/wp/v2/nothing-here").status_code == 404


def test_term_list_statements_do_not_grow_with_page_size(client: TestClient, session: Session, engine: Engine) -> None:
    parent = make_term(session, slug="root")
    for number in range(120):
        make_term(session, slug=f"topic-{number}", parent_id=parent.id)
    session.commit()
    counts = {}
    for per_page in (10, 100):
        with counted_statements(engine) as statements:
            response = client.get(f"/wp-json/wp/v2/categories?per_page={per_page}")
        assert len(response.json()) == per_page
        counts[per_page] = len(statements)
    assert counts[10] == counts[100] <= 6


def test_head_fields_and_envelope_apply_to_term_routes(client: TestClient, site: dict[str, int]) -> None:
    head = client.head("/wp-json/wp/v2/categories?per_page=1")
    assert (head.status_code, head.content, head.headers["X-WP-TotalPages"]) == (200, b"", "3")
    assert 'rel="next"' in head.headers["Link"]
    assert client.get("/wp-json/wp/v2/tags?_fields=id,name").json() == [{"id": site["tag"], "name": "Boats"}]
    wrapped = client.get("/wp-json/wp/v2/tags/999999?_envelope").json()
    assert (wrapped["status"], wrapped["body"]["code"]) == (404, "rest_term_invalid")
