"""``/wp-json/vellum/v1/menus``: public menu trees with live labels and links, unreadable targets left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.options.service import set_option
from tests.api.wp_v2 import golden
from tests.importers.wxr.cli import import_wxr
from tests.importers.wxr.export_builder import category, export, item, meta, term

_MENU = ("nav_menu", "main", "Main")


def _menu_item(post_id: int, order: int, kind: str, obj: str, object_id: int, *, parent: int = 0, **fields: Any) -> str:
    """A ``nav_menu_item`` in menu "main", its meta as WordPress exports it."""
    url, status, label = fields.pop("url", ""), fields.pop("status", "publish"), fields.pop("title")
    metas = [
        meta("_menu_item_type", kind),
        meta("_menu_item_menu_item_parent", str(parent)),
        meta("_menu_item_object_id", str(object_id)),
        meta("_menu_item_object", obj),
        meta("_menu_item_target", fields.pop("target", "")),
        meta("_menu_item_classes", fields.pop("classes", 'a:1:{i:0;s:0:"";}')),
        meta("_menu_item_xfn", fields.pop("xfn", "")),
        meta("_menu_item_url", url),
    ]
    exported = item(
        post_id, post_type="nav_menu_item", menu_order=order, status=status, slug=str(post_id),
        categories=[_MENU], metas=metas, title=label or "EMPTY-LABEL", **fields,
    )  # fmt: skip
    # The builder fills in empty titles; an item whose label equals its object's title is exported empty.
    return exported.replace("<![CDATA[EMPTY-LABEL]]>", "<![CDATA[]]>")


@pytest.fixture
def site(client: TestClient, session: Session, tmp_path: Path) -> None:
    """Custom links, a page, a draft page with a subtree under it, a category, and an unsaved item."""
    parts = [
        category(7, "harbour", name="Harbour"),
        term(30, "nav_menu", "main", name="Main"),
        term(31, "nav_menu", "footer", name="Footer"),
        item(10, post_type="page", title="About us", slug="about"),
        item(11, post_type="page", title="Secret plans", slug="secret", status="draft"),
        _menu_item(100, 1, "custom", "custom", 100, title="Home", url="https://example.com/", target="_blank"),
        _menu_item(101, 2, "post_type", "page", 10, title="", excerpt="About the team", xfn="friend met"),
        _menu_item(102, 3, "post_type", "page", 11, title="Plans", parent=101),
        _menu_item(103, 4, "custom", "custom", 103, title="Under the draft", url="/deep/", parent=102),
        _menu_item(104, 5, "taxonomy", "category", 7, title="", content="Boats and <b>quays</b>", parent=101),
        _menu_item(105, 6, "custom", "custom", 105, title="Unsaved", url="/unsaved/", status="draft"),
        _menu_item(106, 7, "custom", "custom", 106, title="Styled", url="#", classes='a:2:{i:0;s:3:"cta";i:1;s:0:"";}'),
    ]
    import_wxr(export(tmp_path, *parts), report=tmp_path / "report.json")
    set_option(session, "nav_menu_locations", {"primary": 30, "social": 999})
    session.commit()


def test_menu_list_names_each_menu_with_its_locations(client: TestClient, site: None) -> None:
    response = client.get("/wp-json/vellum/v1/menus")
    assert response.status_code == 200
    assert response.json() == [
        {"id": 31, "name": "Footer", "slug": "footer", "locations": []},
        {"id": 30, "name": "Main", "slug": "main", "locations": ["primary"]},
    ]


def test_menu_tree_nests_items_and_hides_unreadable_targets_with_their_subtree(client: TestClient, site: None) -> None:
    body = client.get("/wp-json/vellum/v1/menus/main").json()
    assert (body["id"], body["slug"], body["locations"]) == (30, "main", ["primary"])
    assert [(node["id"], [child["id"] for child in node["children"]]) for node in body["items"]] == [
        (100, []),
        (101, [104]),
        (106, []),
    ]
    home, about, styled = body["items"]
    assert home == {
        "id": 100, "title": "Home", "url": "https://example.com/", "target": "_blank", "attr_title": "",
        "description": "", "classes": [], "xfn": "", "object": "custom", "object_id": 100, "type": "custom",
        "children": [],
    }  # fmt: skip
    assert styled["classes"] == ["cta"]


def test_empty_labels_follow_the_linked_object_and_links_are_current(client: TestClient, site: None) -> None:
    about = client.get("/wp-json/vellum/v1/menus/main").json()["items"][1]
    assert (about["title"], about["url"], about["attr_title"], about["xfn"]) == (
        "About us",
        "http://127.0.0.1:8000/about/",
        "About the team",
        "friend met",
    )
    harbour = about["children"][0]
    assert (harbour["title"], harbour["url"], harbour["description"]) == (
        "Harbour",
        "http://127.0.0.1:8000/category/harbour/",
        "Boats and quays",
    )


def test_location_answers_its_menu_and_unknown_ones_are_problems(client: TestClient, site: None) -> None:
    by_location = client.get("/wp-json/vellum/v1/menu-locations/primary")
    assert by_location.status_code == 200
    assert by_location.json()["slug"] == "main"
    for path in ("/wp-json/vellum/v1/menus/nope", "/wp-json/vellum/v1/menu-locations/social"):
        missing = client.get(path)
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"
        assert missing.json()["code"] == "vellum_menu_not_found"


def test_theme_unit_test_menus_nest_as_exported(client: TestClient) -> None:
    golden.require_golden()
    golden.import_theme_unit_test()
    menus = client.get("/wp-json/vellum/v1/menus").json()
    assert sorted(menu["slug"] for menu in menus) == [
        "all-pages", "all-pages-flat", "empty-menu", "short", "social-menu", "testing-menu",
    ]  # fmt: skip
    testing = client.get("/wp-json/vellum/v1/menus/testing-menu").json()["items"]
    depth = next(node for node in testing if node["title"] == "Depth")
    levels = []
    while depth["children"]:
        depth = depth["children"][0]
        levels.append(depth["title"])
    assert levels == [f"Level {number:02d}" for number in range(1, 11)]
    assert client.get("/wp-json/vellum/v1/menus/empty-menu").json()["items"] == []
