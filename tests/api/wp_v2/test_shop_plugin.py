"""A shop plugin's site (WooCommerce) imported without a ``vellum.toml``: its types and taxonomies are registered
as the plugin registers them, so products are served and orders, coupons and variations stay private."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.importers.wxr.cli import import_wxr
from tests.importers.wxr.export_builder import export, item, meta

API = "/wp-json/wp/v2"


def _import_shop(tmp_path: Path) -> None:
    product_terms = [("product_cat", "scarves", "Scarves"), ("product_type", "variable", "variable")]
    path = export(
        tmp_path,
        item(60, post_type="product", title="Scarf", slug="scarf", categories=product_terms,
             link="https://shop.example/product/scarf/", metas=[meta("_price", "15")]),
        item(61, post_type="product_variation", parent=60, title="Scarf - Teal", slug="scarf-teal"),
        item(62, post_type="shop_coupon", title="TAKE10OFF", slug="take10off",
             link="https://shop.example/?post_type=shop_coupon&p=62"),
        item(63, post_type="shop_order", status="wc-completed", title="Order 63", slug="order-63"),
    )  # fmt: skip
    import_wxr(path, report=tmp_path / "report.json")


def test_products_are_served_as_the_plugin_registers_them(client: TestClient, clean_db: Engine, tmp_path: Path) -> None:
    _import_shop(tmp_path)

    products = client.get(f"{API}/product").json()
    assert [(product["id"], product["slug"], product["type"]) for product in products] == [(60, "scarf", "product")]
    assert products[0]["link"].endswith("/product/scarf/")
    category = client.get(f"{API}/product_cat").json()
    assert [term["slug"] for term in category] == ["scarves"]
    assert products[0]["product_cat"] == [category[0]["id"]]
    types = client.get(f"{API}/types").json()
    assert types["product"]["rest_base"] == "product"


def test_coupons_orders_variations_and_internal_taxonomies_stay_private(
    client: TestClient, clean_db: Engine, tmp_path: Path
) -> None:
    _import_shop(tmp_path)

    for rest_base in ("shop_coupon", "shop_order", "product_variation", "product_type"):
        response = client.get(f"{API}/{rest_base}")
        assert response.status_code == 404, rest_base
        assert response.json()["code"] == "rest_no_route"
    assert set(client.get(f"{API}/types").json()) & {"shop_coupon", "shop_order", "product_variation"} == set()
    assert "product_type" not in client.get(f"{API}/taxonomies").json()
    # A coupon's code is its title: no search, old address or status list shows it.
    assert client.get(f"{API}/search", params={"search": "TAKE10OFF"}).json() == []
    resolved = client.get("/wp-json/vellum/v1/resolve", params={"path": "/?post_type=shop_coupon&p=62"})
    assert resolved.status_code == 404
    assert "wc-completed" not in client.get(f"{API}/statuses").json()
