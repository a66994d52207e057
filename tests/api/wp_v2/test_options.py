"""``OPTIONS`` on a wp/v2 route: the route's description with its item schema, as WordPress 6.1 answers."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core import settings as core_settings
from tests.api.wp_v2 import golden
from tests.api.wp_v2.golden import import_theme_unit_test, require_golden
from tests.clients.test_wpapi import SITE_A_EXPORT
from tests.golden.sites import SITE_A
from tests.importers.wxr.cli import vellum


@pytest.fixture
def site_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A ``vellum.toml`` the test may write, named by ``VELLUM_SITE_CONFIG``."""
    path = tmp_path / "vellum.toml"
    monkeypatch.setenv("VELLUM_SITE_CONFIG", str(path))
    core_settings.get_settings.cache_clear()
    yield path
    core_settings.get_settings.cache_clear()


# Vellum's fields beyond core's (app/api/wp_v2/extensions.py); the golden sites had no ACF REST integration.
_EXTENSIONS = ("acf", "blocks", "event")


# Schema links to actions only an editor may take (publish, assign terms, post unfiltered HTML...).
_WRITE_ACTION = "https://api.w.org/action-"


def _readable_part(body: dict[str, Any]) -> dict[str, Any]:
    """WordPress's answer less what a read-only API does not offer: its write endpoints and methods, and the
    schema ``links`` describing write actions. ``allow_batch`` stays: WordPress shows it on a route's GET
    endpoint too (a batch never carries a GET, so it promises nothing a read-only route breaks)."""
    body = dict(body)
    body["methods"] = [method for method in body["methods"] if method == "GET"]
    body["endpoints"] = [endpoint for endpoint in body["endpoints"] if endpoint["methods"] == ["GET"]]
    if "schema" in body:
        schema = dict(body["schema"])
        links = [link for link in schema.pop("links", []) if not link["rel"].startswith(_WRITE_ACTION)]
        body["schema"] = schema | ({"links": links} if links else {})
    return body


def _leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict) and value:
        for name, item in value.items():
            yield from _leaves(item, f"{path}.{name}")
    elif isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        for position, item in enumerate(value):
            yield from _leaves(item, f"{path}[{position}]")
    else:
        yield path, value


def _dump(name: str, wanted: dict[str, Any], got: dict[str, Any]) -> None:
    """Each differing value to the file ``VELLUM_OPTIONS_DUMP`` names, if set, to see what remains."""
    target = os.environ.get("VELLUM_OPTIONS_DUMP")
    if not target:
        return
    lines = [
        f"{name}: {path}: {wanted.get(path, '<absent>')!r} != {got.get(path, '<absent>')!r}"
        for path in sorted(set(wanted) | set(got))
        if wanted.get(path, "<absent>") != got.get(path, "<absent>")
    ]
    with Path(target).open("a") as dump:
        dump.writelines(line + "\n" for line in lines)


# Shares reached on SQLite and PostgreSQL, of WordPress's answers less what a read-only API does not offer.
FLOORS = {"wp61-themeunittest": 100.0, "wp61-site-a": 100.0}


@pytest.mark.parametrize("site", sorted(FLOORS))
def test_options_answer_field_by_field_as_wordpress_6_1(
    client: TestClient, site: str, site_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = golden.SHARED / "compat" / site
    names = sorted(path.name for path in folder.glob("OPTIONS.*.json"))
    if not names:
        pytest.skip("the shared WordPress golden files are not beside the repository")
    golden_host = json.loads((folder / "index.json").read_text())["body"]["home"]
    if site == "wp61-site-a":
        site_config.write_text(SITE_A.config)
        code, output = vellum("import", "wxr", SITE_A_EXPORT, "--report", site_config.parent / "report.json")
        assert code == 0, output
    host = client.get("/wp-json/").json()["home"]
    checked = equal = 0
    for name in names:
        expected = json.loads((folder / name).read_text().replace(golden_host, host))
        response = client.options(expected["request"])
        ours = response.json()
        for extension in _EXTENSIONS:
            ours.get("schema", {}).get("properties", {}).pop(extension, None)
        wanted, got = dict(_leaves(_readable_part(expected["body"]))), dict(_leaves(ours))
        paths = set(wanted) | set(got)
        same = sum(wanted.get(path, "<absent>") == got.get(path, "<absent>") for path in paths)
        checked, equal = checked + len(paths), equal + same
        _dump(name, wanted, got)
        with capsys.disabled():
            print(f"\n  {name}: {response.status_code}, {same}/{len(paths)} values equal")
        assert response.headers.get("Allow") == expected["headers"].get("Allow"), name
    percent = 100.0 * equal / checked
    with capsys.disabled():
        print(f"\nOPTIONS of {site} vs WordPress 6.1: {percent:.2f}% of {checked} values equal")
    assert percent >= FLOORS[site]


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
     ("/wp-json/wp/v2/users", "user"), ("/wp-json/wp/v2/comments/3", "comment"),
     ("/wp-json/wp/v2/media/5", "attachment"), ("/wp-json/wp/v2/blocks", "wp_block"),
     ("/wp-json/wp/v2/menus", "nav_menu"), ("/wp-json/wp/v2/menu-items/9", "nav_menu_item"),
     ("/wp-json/wp/v2/menu-locations/primary", "menu-location"), ("/wp-json/wp/v2/types", "type"),
     ("/wp-json/wp/v2/taxonomies/category", "taxonomy"), ("/wp-json/wp/v2/statuses", "status")],
)  # fmt: skip
def test_options_gives_each_route_owner_its_item_schema(client: TestClient, path: str, title: str) -> None:
    response = client.options(path)

    assert response.status_code == 200
    assert response.json()["schema"]["title"] == title


@pytest.mark.parametrize(
    ("path", "allow"),
    [("/wp-json/wp/v2/posts", "GET"), ("/wp-json/wp/v2/users", "GET"), ("/wp-json/wp/v2/menus", None),
     ("/wp-json/wp/v2/menu-items/9", None), ("/wp-json/wp/v2/menu-locations", None), ("/wp-json/wp/v2/settings", None),
     ("/wp-json/wp/v2/comments", None), ("/wp-json/wp/v2/comments?status=approve&type=comment", "GET"),
     ("/wp-json/wp/v2/comments?status=approve&type=comment&author=2", None)],
)  # fmt: skip
def test_options_allows_get_only_where_its_permission_check_passes(
    client: TestClient, path: str, allow: str | None
) -> None:
    # rest_send_allow_header runs the GET's permission check on the OPTIONS request itself, which carries
    # none of the arguments' defaults: the comments check then sees no status=approve and refuses.
    response = client.options(path)

    assert response.status_code == 200
    assert response.headers.get("Allow") == allow
    assert "Vary" not in response.headers  # rest_send_cors_headers: Vary: Origin is for anonymous GETs


def test_options_on_an_unknown_route_is_wordpress_no_route(client: TestClient) -> None:
    response = client.options("/wp-json/wp/v2/nothing-here/5")

    assert response.status_code == 404
    assert response.json()["code"] == "rest_no_route"


def _view_properties(schema: dict[str, Any]) -> set[str]:
    return {name for name, prop in schema["properties"].items() if "view" in prop["context"]}


# Fields WordPress adds beside the schema: hypermedia, and register_rest_field additions (ACF).
_OUTSIDE_SCHEMA = {"_links", "_embedded", "acf"}


@pytest.mark.parametrize("collection", ["posts", "pages", "media", "categories", "tags", "users", "comments"])
def test_items_show_in_view_only_what_their_schema_lists_for_view(client: TestClient, collection: str) -> None:
    require_golden()
    import_theme_unit_test()
    schema = client.options(f"/wp-json/wp/v2/{collection}").json()["schema"]

    items = client.get(f"/wp-json/wp/v2/{collection}", params={"per_page": 100}).json()

    assert items
    for item in items:
        assert set(item) - _OUTSIDE_SCHEMA <= _view_properties(schema), item["id"]


def test_options_of_menu_items_answers_anonymously_with_only_the_link_that_reads(client: TestClient) -> None:
    # WordPress answers OPTIONS without the permission check its GET makes (editors only).
    body = client.options("/wp-json/wp/v2/menu-items").json()

    assert client.get("/wp-json/wp/v2/menu-items").status_code == 401
    assert body["endpoints"][0]["args"]["per_page"]["default"] == 100
    assert body["endpoints"][0]["args"]["orderby"]["default"] == "menu_order"
    assert [link["rel"] for link in body["schema"]["links"]] == ["https://api.w.org/menu-item-object"]
    assert body["schema"]["links"][0]["href"].endswith("/wp-json/wp/v2/menu-items/{id}")


@pytest.mark.parametrize(
    ("path", "batched"),
    [("/wp-json/wp/v2/posts", True), ("/wp-json/wp/v2/pages/2", True), ("/wp-json/wp/v2/tags", True),
     ("/wp-json/wp/v2/menus/3", True), ("/wp-json/wp/v2/menu-items", True), ("/wp-json/wp/v2/media", False),
     ("/wp-json/wp/v2/users", False), ("/wp-json/wp/v2/comments", False), ("/wp-json/wp/v2/search", False)],
)  # fmt: skip
def test_only_the_routes_wordpress_registers_for_batches_say_so(client: TestClient, path: str, batched: bool) -> None:
    body = client.options(path).json()

    assert body["methods"] == ["GET"]
    assert [endpoint.get("allow_batch") for endpoint in body["endpoints"]] == [{"v1": True} if batched else None]


@pytest.mark.parametrize("route", ["media", "menu-items"])
def test_items_without_a_password_field_take_no_password_argument(client: TestClient, route: str) -> None:
    args = client.options(f"/wp-json/wp/v2/{route}/4").json()["endpoints"][0]["args"]

    assert list(args) == ["id", "context"]


@pytest.mark.parametrize("route", ["types", "taxonomies", "statuses"])
def test_discovery_objects_show_in_view_only_what_their_schema_lists_for_view(client: TestClient, route: str) -> None:
    schema = client.options(f"/wp-json/wp/v2/{route}").json()["schema"]

    answered = client.get(f"/wp-json/wp/v2/{route}").json()

    assert answered
    for name, item in answered.items():
        assert set(item) - {"_links"} <= _view_properties(schema), name
