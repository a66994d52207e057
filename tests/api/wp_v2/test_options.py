"""``OPTIONS`` on a wp/v2 route: the route's description with its item schema, as WordPress 6.1 answers."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.wp_v2.golden import GOLDEN_HOST, import_theme_unit_test, load, require_golden


def _without_write_actions(schema: dict[str, Any]) -> dict[str, Any]:
    """WordPress's schema ``links`` describe write actions, which a read-only API does not offer."""
    return {key: value for key, value in schema.items() if key != "links"}


def test_options_on_posts_answers_as_wordpress_6_1(client: TestClient) -> None:
    require_golden()
    golden = load("OPTIONS.wp.v2.posts.json")

    response = client.options("/wp-json/wp/v2/posts")

    assert response.status_code == 200
    assert response.headers["Allow"] == golden["headers"]["Allow"]
    body = response.json()
    assert list(body) == list(golden["body"])
    assert body["namespace"] == golden["body"]["namespace"]
    # allow_batch left out: there is no /batch/v1 route here.
    golden_get = {key: value for key, value in golden["body"]["endpoints"][0].items() if key != "allow_batch"}
    assert body["endpoints"] == [golden_get]
    assert body["schema"] == _without_write_actions(golden["body"]["schema"])
    host = client.get("/wp-json/").json()["home"]
    assert body["_links"]["self"][0]["href"].replace(host, GOLDEN_HOST) == golden["body"]["_links"]["self"][0]["href"]


def test_options_on_an_item_route_describes_the_item_without_a_self_link(client: TestClient) -> None:
    body = client.options("/wp-json/wp/v2/pages/2").json()

    assert body["namespace"] == "wp/v2"
    assert body["schema"]["title"] == "page"
    assert {"parent", "menu_order"} <= set(body["schema"]["properties"])
    assert "sticky" not in body["schema"]["properties"]
    assert list(body["endpoints"][0]["args"]) == ["id", "context", "password"]
    assert "_links" not in body


@pytest.mark.parametrize(
    ("path", "title"),
    [("/wp-json/wp/v2/categories", "category"), ("/wp-json/wp/v2/tags/7", "tag"),
     ("/wp-json/wp/v2/users", "user"), ("/wp-json/wp/v2/comments/3", "comment")],
)  # fmt: skip
def test_options_gives_each_route_owner_its_item_schema(client: TestClient, path: str, title: str) -> None:
    response = client.options(path)

    assert response.status_code == 200
    assert response.headers["Allow"] == "GET"
    assert response.json()["schema"]["title"] == title


def test_options_on_an_unknown_route_is_wordpress_no_route(client: TestClient) -> None:
    response = client.options("/wp-json/wp/v2/nothing-here/5")

    assert response.status_code == 404
    assert response.json()["code"] == "rest_no_route"


def _view_properties(schema: dict[str, Any]) -> set[str]:
    return {name for name, prop in schema["properties"].items() if "view" in prop["context"]}


# Fields WordPress adds beside the schema: hypermedia, and register_rest_field additions (ACF).
_OUTSIDE_SCHEMA = {"_links", "_embedded", "acf"}


@pytest.mark.parametrize("collection", ["posts", "pages", "categories", "tags", "users", "comments"])
def test_items_show_in_view_only_what_their_schema_lists_for_view(client: TestClient, collection: str) -> None:
    require_golden()
    import_theme_unit_test()
    schema = client.options(f"/wp-json/wp/v2/{collection}").json()["schema"]

    items = client.get(f"/wp-json/wp/v2/{collection}", params={"per_page": 100}).json()

    assert items
    for item in items:
        assert set(item) - _OUTSIDE_SCHEMA <= _view_properties(schema), item["id"]
