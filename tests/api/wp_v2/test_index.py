"""``GET /wp-json/`` and ``/wp-json/wp/v2`` list every route with the args its validation uses."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.wp_v2.golden import GOLDEN_HOST, load, require_golden

# Routes Vellum serves that WordPress 6.1 also had: their GET endpoint must read the same.
SHARED_ROUTES = (
    "/", "/wp/v2", "/wp/v2/posts", r"/wp/v2/posts/(?P<id>[\d]+)", "/wp/v2/pages", r"/wp/v2/pages/(?P<id>[\d]+)",
    "/wp/v2/categories", r"/wp/v2/categories/(?P<id>[\d]+)", "/wp/v2/tags", r"/wp/v2/tags/(?P<id>[\d]+)",
    "/wp/v2/users", r"/wp/v2/users/(?P<id>[\d]+)", "/wp/v2/comments", r"/wp/v2/comments/(?P<id>[\d]+)",
    "/wp/v2/types", r"/wp/v2/types/(?P<type>[\w-]+)", "/wp/v2/statuses", r"/wp/v2/statuses/(?P<status>[\w-]+)",
    "/wp/v2/taxonomies", r"/wp/v2/taxonomies/(?P<taxonomy>[\w-]+)", "/wp/v2/settings",
    "/wp/v2/menu-locations", r"/wp/v2/menu-locations/(?P<location>[\w-]+)",
)  # fmt: skip


def _comparable_args(route: dict[str, Any]) -> dict[str, Any]:
    """The GET args (has_published_posts lists the site's REST post types, the same on both)."""
    return dict(_get_endpoint(route)["args"])


def _get_endpoint(route: dict[str, Any]) -> dict[str, Any]:
    return next(endpoint for endpoint in route["endpoints"] if "GET" in endpoint["methods"])


def _our_host(client: TestClient) -> str:
    return str(client.get("/wp-json/").json()["home"])


def _links(route: dict[str, Any], host: str) -> Any:
    return [{"href": link["href"].replace(host, "HOST")} for link in route.get("_links", {}).get("self", [])]


@pytest.mark.parametrize("pattern", SHARED_ROUTES)
def test_route_reads_as_wordpress_6_1_lists_it(client: TestClient, pattern: str) -> None:
    require_golden()
    golden = load("index.json")["body"]["routes"][pattern]

    ours = client.get("/wp-json/").json()["routes"][pattern]

    assert ours["namespace"] == golden["namespace"]
    assert ours["methods"] == ["GET"]
    assert [endpoint["methods"] for endpoint in ours["endpoints"]] == [["GET"]]
    assert _comparable_args(ours) == _comparable_args(golden)
    assert list(_comparable_args(ours)) == list(_comparable_args(golden))
    assert _links(ours, _our_host(client)) == _links(golden, GOLDEN_HOST)


def test_index_names_the_namespaces_and_starts_with_the_root(client: TestClient) -> None:
    body = client.get("/wp-json/").json()

    assert body["namespaces"] == ["wp/v2", "vellum/v1"]
    assert list(body["routes"])[:3] == ["/", "/wp/v2", "/wp/v2/posts"]
    assert {route["namespace"] for route in body["routes"].values()} == {"", "wp/v2", "vellum/v1"}


def test_index_answers_with_the_rest_servers_headers(client: TestClient) -> None:
    response = client.get("/wp-json/")

    assert response.headers["Allow"] == "GET"
    assert response.headers["Link"].endswith('; rel="https://api.w.org/"')
    assert response.headers["X-Robots-Tag"] == "noindex"


def test_namespace_index_lists_only_its_own_routes(client: TestClient) -> None:
    body = client.get("/wp-json/wp/v2").json()

    assert body["namespace"] == "wp/v2"
    assert body["_links"]["up"] == [{"href": _our_host(client) + "/wp-json/"}]
    assert list(body["routes"])[0] == "/wp/v2"
    assert {route["namespace"] for route in body["routes"].values()} == {"wp/v2"}
    assert body["routes"] == {
        pattern: route
        for pattern, route in client.get("/wp-json/").json()["routes"].items()
        if pattern in body["routes"]
    }


def test_vellum_namespace_index_lists_resolve(client: TestClient) -> None:
    body = client.get("/wp-json/vellum/v1").json()

    assert "/vellum/v1/resolve" in body["routes"]
    assert body["routes"]["/vellum/v1/resolve"]["endpoints"][0]["args"]["path"]["required"] is True


def _fixed_collections(client: TestClient) -> list[tuple[str, dict[str, Any]]]:
    routes = client.get("/wp-json/").json()["routes"]
    return [
        (pattern, _get_endpoint(route)["args"] or {})  # PHP sends no args as []
        for pattern, route in routes.items()
        if pattern.startswith("/wp/v2/") and "(?P<" not in pattern
    ]


def test_every_published_enum_is_what_the_validation_accepts(client: TestClient) -> None:
    checked = 0
    for pattern, args in _fixed_collections(client):
        for name, schema in args.items():
            if schema.get("type") != "string" or "enum" not in schema:
                continue
            refused = client.get(f"/wp-json{pattern}", params={name: "not-a-choice"})
            assert refused.status_code == 400, (pattern, name)
            assert refused.json()["code"] == "rest_invalid_param"
            assert name in refused.json()["data"]["params"]
            if name != "context":  # edit needs a login; view and embed are tried by every other test
                accepted = client.get(f"/wp-json{pattern}", params={name: schema["enum"][-1]})
                assert accepted.status_code != 400 or accepted.json()["code"] != "rest_invalid_param", (pattern, name)
            checked += 1
    assert checked >= 10


def test_every_published_maximum_is_what_the_validation_enforces(client: TestClient) -> None:
    checked = 0
    for pattern, args in _fixed_collections(client):
        for name, schema in args.items():
            if schema.get("type") == "integer" and "maximum" in schema:
                over = client.get(f"/wp-json{pattern}", params={name: schema["maximum"] + 1})
                assert over.status_code == 400, (pattern, name)
                assert over.json()["data"]["details"][name]["code"] == "rest_out_of_bounds"
                at_limit = client.get(f"/wp-json{pattern}", params={name: schema["maximum"]})
                # Menus answer anonymous callers 401 once the arguments are valid.
                assert at_limit.status_code in (200, 401), (pattern, name)
                assert at_limit.status_code == 200 or at_limit.json()["code"] == "rest_cannot_view", (pattern, name)
                checked += 1
    assert checked >= 5
