"""The unmodified JavaScript ``wpapi`` client (node-wpapi) against a live Vellum serving the knowledge hub.

``wpapi_session.js`` discovers the API from the site's home URL (``WPAPI.discover``: the ``Link`` header,
then the index's routes) and walks it with the client's own request builders; what the client answered
is checked against what WordPress 6.1 answered for the same site (its golden files).
``make test`` installs the client with ``npm ci`` from this folder's lock file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.core import settings as core_settings
from tests.api.wp_v2 import golden
from tests.importers.wxr.cli import vellum

CLIENTS = Path(__file__).resolve().parent
SITE_A = golden.SHARED / "compat" / "wp61-site-a"
SITE_A_EXPORT = golden.SHARED / "fixtures" / "wordpress-db" / "export.xml"
# The knowledge-hub site's own registrations (its theme's register_post_type / register_taxonomy).
# The knowledge hub's registrations, as its plugin made them (the golden replays use the same file).
SITE_A_CONFIG = Path(__file__).resolve().parents[2] / "examples" / "knowledge-hub" / "vellum.toml"


def _node() -> str:
    node = shutil.which("node")
    installed = (CLIENTS / "node_modules" / "wpapi" / "package.json").is_file()
    if node is None or not installed:
        # CI installs both (make test runs npm ci); elsewhere the test says what is missing.
        if os.environ.get("CI"):
            pytest.fail("node or tests/clients/node_modules is missing: run `npm ci --prefix tests/clients`")
        pytest.skip("the wpapi client is not installed: run `npm ci --prefix tests/clients`")
    return node


def _golden(name: str) -> Any:
    return json.loads((SITE_A / name).read_text())


def _ids(items: list[dict[str, Any]]) -> list[int]:
    return [int(item["id"]) for item in items]


@pytest.fixture
def knowledge_hub_server(live_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The live server on the imported knowledge hub, its home URL the server's own address."""
    if not (SITE_A / "_manifest.json").is_file() or not SITE_A_EXPORT.is_file():
        pytest.skip("the shared knowledge-hub golden files are not beside the repository")
    config = tmp_path / "vellum.toml"
    config.write_text(SITE_A_CONFIG.read_text())
    monkeypatch.setenv("VELLUM_SITE_CONFIG", str(config))
    monkeypatch.setenv("VELLUM_SITE_URL", live_server)
    core_settings.get_settings.cache_clear()
    code, output = vellum("import", "wxr", SITE_A_EXPORT, "--report", tmp_path / "report.json")
    assert code == 0, output
    yield live_server
    core_settings.get_settings.cache_clear()


def test_wpapi_discovers_and_reads_the_site_like_wordpress(knowledge_hub_server: str) -> None:
    node = _node()
    run = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [node, str(CLIENTS / "wpapi_session.js"), knowledge_hub_server + "/"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout)

    # Discovery: the Link header of the home URL, then the index's namespaces and routes.
    assert report["endpoint"] == knowledge_hub_server + "/wp-json/"
    assert "wp/v2" in report["namespaces"]

    posts = _golden("wp.v2.posts.json")
    assert _ids(report["posts"]["first"]) == _ids(posts["body"])[:5]
    assert _ids(report["posts"]["second"]) == _ids(posts["body"])[5:10]
    assert report["posts"]["paging"]["total"] == int(posts["headers"]["X-WP-Total"])
    assert report["posts"]["paging"]["totalPages"] == -(-int(posts["headers"]["X-WP-Total"]) // 5)
    assert report["secondPaging"]["prev"].endswith("/wp-json/wp/v2/posts?per_page=5&page=1")
    assert report["post"]["id"] == posts["body"][0]["id"]
    assert report["post"]["title"] == posts["body"][0]["title"]["rendered"]

    pages = _golden("wp.v2.pages.json")
    assert report["pages"]["paging"]["total"] == int(pages["headers"]["X-WP-Total"])
    every_page = sorted(
        page["id"] for number in (1, 2) for page in _golden(f"wp.v2.pages~per_page=100~page={number}.json")["body"]
    )
    assert _ids(report["pages"]["items"]) == every_page[:100]

    categories = _golden("wp.v2.categories~per_page=100~page=1.json")["body"]
    assert sorted(term["slug"] for term in report["categories"]) == sorted(term["slug"] for term in categories)
    for key, filtered in (("category", report["inCategory"]), ("tag", report["tagged"])):
        assert len(filtered["items"]) == min(filtered["count"], 100), key
        assert all(filtered[key] in terms for terms in filtered["items"]), key

    assert report["search"]["total"] == int(_golden("wp.v2.posts~search=labour.json")["headers"]["X-WP-Total"])
    hits = _golden("wp.v2.search~search=labour.json")["body"][:5]
    assert report["searchRoute"] == [{key: hit[key] for key in ("id", "type", "subtype")} for hit in hits]

    # The knowledge hub's users were renumbered by WordPress's importer: the client is checked against our answer.
    users = httpx.get(knowledge_hub_server + "/wp-json/wp/v2/users").json()
    assert [(user["id"], user["slug"]) for user in report["users"]] == [(user["id"], user["slug"]) for user in users]
    assert users
    assert all("email" not in user["keys"] for user in report["users"])
    assert report["user"]["slug"] == report["users"][0]["slug"]

    media = _golden("wp.v2.media.json")["body"][:3]
    assert [item["id"] for item in report["media"]] == _ids(media)
    paths = [item["source_url"].split("/wp-content/uploads/")[1] for item in media]
    assert [item["url"].split("/wp-content/uploads/")[1] for item in report["media"]] == paths
    assert report["medium"] == {"id": media[0]["id"], "mime": media[0]["mime_type"]}

    # Custom post types and taxonomies: methods the client made from the discovered routes.
    assert (report["hasEvents"], report["hasPartners"], report["hasRegion"]) == (True, True, True)
    events = _golden("wp.v2.events.json")
    assert _ids(report["events"]["items"]) == _ids(events["body"])[:3]
    assert report["events"]["paging"]["total"] == int(events["headers"]["X-WP-Total"])
    assert report["event"]["type"] == "ai1ec_event"
    partners = _golden("wp.v2.partners.json")["body"]
    assert _ids(report["partners"]) == _ids(partners)

    assert {"author", "wp:term"} <= set(report["embed"]["rels"])
    assert report["embed"]["author"] == report["post"]["author"]

    # Errors reach the caller as WordPress's error objects.
    assert report["missing"] == {"code": "rest_post_invalid_id", "message": "Invalid post ID.", "status": 404}
    assert report["missingRoute"]["code"] == "rest_no_route"
    assert report["missingRoute"]["status"] == 404
