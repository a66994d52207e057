"""OpenAPI at /openapi.json and /docs describes every route with a summary and its answers."""

from __future__ import annotations

from fastapi.testclient import TestClient

EXPECTED_PATHS = {
    "/wp-json/",
    "/wp-json/wp/v2/posts",
    "/wp-json/wp/v2/pages",
    "/wp-json/wp/v2/media",
    # Categories, tags and every configured taxonomy or custom post type share one route, as in WordPress's
    # registration each taxonomy gets its own: the index (/wp-json/) lists them one by one.
    "/wp-json/wp/v2/{taxonomy}",
    "/wp-json/wp/v2/users",
    "/wp-json/wp/v2/comments",
    "/wp-json/wp/v2/search",
    "/wp-json/wp/v2/types",
    "/wp-json/wp/v2/taxonomies",
    "/wp-json/wp/v2/statuses",
    "/wp-json/wp/v2/menus",
    "/wp-json/wp/v2/menu-items",
    "/wp-json/wp/v2/menu-locations",
    "/wp-json/vellum/v1/resolve",
    "/wp-json/vellum/v1/menus",
    "/wp-json/vellum/v1/events.ics",
    "/healthz",
}


def test_openapi_lists_every_route_with_a_summary_and_a_success_answer(client: TestClient) -> None:
    response = client.get("/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    missing = {path for path in EXPECTED_PATHS if not any(p.rstrip("/") == path.rstrip("/") for p in paths)}
    assert not missing
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert operation.get("summary") or operation.get("description"), f"{method.upper()} {path} has no summary"
            assert any(code.startswith("2") for code in operation["responses"]), f"{method.upper()} {path}"


def test_docs_page_is_served(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert "swagger" in response.text.lower()
