"""Every anonymous GET of /wp/v2/posts and /wp/v2/pages WordPress 6.1 answered, replayed against us.

Status, the headers WordPress sends and the body are compared value by value after mapping
golden IDs and hosts onto ours. ``content.rendered`` is compared on its own, since rendering
lives elsewhere. Remaining differences, and why:

* ``wp:featuredmedia`` of the six posts with a featured image: WordPress imported without
  attachments, so its thumbnail IDs dangle and link to the API root; ours exist and link to
  ``/wp/v2/media/{id}``.
* ``_embedded`` of the two ``_embed`` requests: embedding is not implemented yet.
* Ordering ties: equal ``menu_order`` values (pages ordered by menu_order) are in MySQL's
  arbitrary order in the golden files; ours break ties by ID. Categories named alike ("Foo A").
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.options.service import get_option
from tests.api.wp_v2 import golden

# What this suite reaches today; raise it when a difference is fixed.
FLOOR_PERCENT = 97.0
CONTENT_FLOOR_PERCENT = 75.0


def _our_response(client: TestClient, name: str, ids: golden.IdMap, host: str) -> tuple[dict[str, Any], Any]:
    request = golden.map_url(golden.load(name)["request"], ids, host)
    parts = urlsplit(request)
    response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
    return {"status": response.status_code, "headers": response.headers}, response.json()


def _compare(name: str, ours: dict[str, Any], body: Any, ids: golden.IdMap, host: str) -> tuple[list[str], int]:
    expected = golden.load(name)
    differences: list[str] = []
    checked = 1
    if expected["status"] != ours["status"]:
        differences.append(f"status: {expected['status']} != {ours['status']}")
    for header in golden.COMPARED_HEADERS:
        want = expected["headers"].get(header)
        got = ours["headers"].get(header)
        if want is None and got is None:
            continue
        checked += 1
        if want is None or golden.map_url(want, ids, host) != got:
            differences.append(f"header {header}: {want!r} != {got!r}")
    golden_values = dict(golden.flatten(golden.map_body(expected["body"], ids, host)))
    our_values = dict(golden.flatten(body))
    for path in sorted(set(golden_values) | set(our_values)):
        if path.endswith("content.rendered"):
            continue
        checked += 1
        if golden_values.get(path, "<absent>") != our_values.get(path, "<absent>"):
            differences.append(
                f"{path}: {golden_values.get(path, '<absent>')!r} != {our_values.get(path, '<absent>')!r}"
            )
    return differences, checked


def _content_pairs(name: str, body: Any, ids: golden.IdMap, host: str) -> list[tuple[Any, Any]]:
    expected = dict(golden.flatten(golden.map_body(golden.load(name)["body"], ids, host)))
    ours = dict(golden.flatten(body))
    return [(value, ours.get(path)) for path, value in expected.items() if path.endswith("content.rendered")]


def _kind(difference: str) -> str:
    """A difference without its item ID, to group the report."""
    return re.sub(r"\[id=\d+\]", "[*]", difference.split(":", 1)[0])


@pytest.fixture
def imported(client: TestClient, engine: Engine) -> golden.IdMap:
    golden.require_golden()
    golden.import_theme_unit_test()
    return golden.build_id_map(engine)


def test_posts_and_pages_answer_like_wordpress_61(
    client: TestClient, session: Session, imported: golden.IdMap, capsys: pytest.CaptureFixture[str]
) -> None:
    host = str(get_option(session, "home")).rstrip("/")
    names = golden.public_post_requests()
    assert len(names) > 90
    kinds: Counter[str] = Counter()
    equal = checked = 0
    content: list[tuple[Any, Any]] = []
    for name in names:
        ours, body = _our_response(client, name, imported, host)
        differences, count = _compare(name, ours, body, imported, host)
        checked += count
        equal += count - len(differences)
        kinds.update(f"{_kind(difference)}" for difference in differences)
        content += _content_pairs(name, body, imported, host)
    percent = 100.0 * equal / checked
    with capsys.disabled():
        print(f"\nwp/v2 posts+pages vs WordPress 6.1: {equal}/{checked} values equal ({percent:.2f}%)")
        for kind, count in kinds.most_common(40):
            print(f"  {count:4d} x {kind}")
    assert percent >= FLOOR_PERCENT
    _assert_content(content, capsys)


def _assert_content(content: list[tuple[Any, Any]], capsys: pytest.CaptureFixture[str]) -> None:
    if not any(ours for _, ours in content):
        pytest.skip("no stored content_rendered yet: content comparison skipped")
    same = sum(1 for want, got in content if want == got)
    percent = 100.0 * same / len(content)
    with capsys.disabled():
        print(f"content.rendered equal: {same}/{len(content)} ({percent:.2f}%)")
    assert percent >= CONTENT_FLOOR_PERCENT
