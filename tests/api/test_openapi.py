"""OpenAPI at /openapi.json and /docs describes every route with a summary and its answers."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.acf.builders import make_acf_group

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


def _rule(param: str, value: str) -> list[list[dict[str, str]]]:
    return [[{"param": param, "operator": "==", "value": value}]]


def _acf_refs(components: dict[str, Any], name: str) -> list[str]:
    return [ref["$ref"] for ref in components[name]["properties"]["acf"]["allOf"]]


def test_openapi_gives_each_acf_group_a_component_referenced_by_the_items_it_is_shown_on(
    client: TestClient, session: Session
) -> None:
    make_acf_group(
        session, key="group_post", status="publish", field_name="rating", location=_rule("post_type", "post")
    )
    make_acf_group(session, key="group_term", status="publish", field_name="colour", location=_rule("taxonomy", "all"))
    make_acf_group(
        session, key="group_user", status="publish", field_name="pronouns", location=_rule("user_form", "all")
    )
    make_acf_group(
        session, key="group_off", status="acf-disabled", field_name="secret", location=_rule("post_type", "post")
    )
    session.commit()

    components = client.get("/openapi.json").json()["components"]["schemas"]

    assert components["acf.group_post"]["properties"] == {"rating": {"type": ["string", "null"]}}
    assert "acf.group_off" not in components
    assert _acf_refs(components, "wp.v2.post") == ["#/components/schemas/acf.group_post"]
    assert _acf_refs(components, "wp.v2.page") == []
    assert _acf_refs(components, "wp.v2.ai1ec_event") == []
    assert (
        _acf_refs(components, "wp.v2.category")
        == _acf_refs(components, "wp.v2.tag")
        == ["#/components/schemas/acf.group_term"]
    )
    assert _acf_refs(components, "wp.v2.user") == ["#/components/schemas/acf.group_user"]


def test_openapi_follows_the_field_groups_as_they_change(client: TestClient, session: Session) -> None:
    before = client.get("/openapi.json").json()["components"]["schemas"]
    make_acf_group(session, key="group_new", status="publish", field_name="rating", location=_rule("post_type", "page"))
    session.commit()

    after = client.get("/openapi.json").json()["components"]["schemas"]

    assert "acf.group_new" not in before
    assert _acf_refs(after, "wp.v2.page") == ["#/components/schemas/acf.group_new"]


def test_openapi_answers_reference_the_item_schemas_options_shows(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    paths, components = document["paths"], document["components"]["schemas"]

    def success(path: str) -> dict[str, Any]:
        return dict(paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"])

    assert success("/wp-json/wp/v2/posts") == {"type": "array", "items": {"$ref": "#/components/schemas/wp.v2.post"}}
    assert success("/wp-json/wp/v2/users/{id}") == {"$ref": "#/components/schemas/wp.v2.user"}
    # Categories, tags and the site's other types share the terms router's catch-all route.
    shared = [variant["items"]["$ref"] for variant in success("/wp-json/wp/v2/{taxonomy}")["oneOf"]]
    assert {"#/components/schemas/wp.v2.category", "#/components/schemas/wp.v2.tag"} <= set(shared)
    post = components["wp.v2.post"]
    options = client.options("/wp-json/wp/v2/posts").json()["schema"]
    assert list(post["properties"]) == list(options["properties"])
    assert post["properties"]["id"] == {
        "description": "Unique identifier for the post.",
        "type": "integer",
        "x-wp-context": ["view", "edit", "embed"],
        "readOnly": True,
    }
    assert post["properties"]["meta"]["properties"] == {}


def test_openapi_describes_media_menus_and_discovery_answers_as_options_does(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    paths, components = document["paths"], document["components"]["schemas"]

    def success(path: str) -> Any:
        return paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]

    assert success("/wp-json/wp/v2/media/{id}") == {"$ref": "#/components/schemas/wp.v2.attachment"}
    assert success("/wp-json/wp/v2/menu-items") == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/wp.v2.nav_menu_item"},
    }
    assert success("/wp-json/wp/v2/types") == {
        "type": "object",
        "additionalProperties": {"$ref": "#/components/schemas/wp.v2.type"},
    }
    item = components["wp.v2.nav_menu_item"]
    options = client.options("/wp-json/wp/v2/menu-items").json()["schema"]
    assert list(item["properties"]) == list(options["properties"])
    assert [link["rel"] for link in item["x-wp-links"]] == ["https://api.w.org/menu-item-object"]
