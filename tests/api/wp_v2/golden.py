"""The WordPress 6.1 golden answers for posts and pages, and how to line them up with ours.

Golden IDs differ from ours where WordPress renumbered: 11 block posts, users (WordPress's
importer created users 2 and 3 after its own admin) and terms (fresh term IDs). Everything is
mapped onto our IDs by slug before comparing; hosts are normalised.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text


def _shared_dir() -> Path:
    """The read-only ``shared`` folder beside the checkout (or an ancestor of it), or ``VELLUM_SHARED_DIR``."""
    if os.environ.get("VELLUM_SHARED_DIR"):
        return Path(os.environ["VELLUM_SHARED_DIR"])
    repository = Path(__file__).resolve().parents[3]
    found = next((parent / "shared" for parent in repository.parents if (parent / "shared").is_dir()), None)
    return found or repository.parent / "shared"


SHARED = _shared_dir()
GOLDEN = SHARED / "compat" / "wp61-themeunittest"
WXR = SHARED / "fixtures" / "themeunittestdata.wordpress.xml"
GOLDEN_HOST = "http://127.0.0.1:8081"
# README: the block posts WordPress moved because menu items had taken their IDs.
RENUMBERED = {1777: 1730, 1778: 1732, 1779: 1734, 1780: 1738, 1781: 1736, 1782: 1743,
              1783: 1745, 1784: 1747, 1785: 1749, 1786: 1752, 1787: 1755}  # fmt: skip
COMPARED_HEADERS = (
    "Content-Type", "X-WP-Total", "X-WP-TotalPages", "Link", "Allow", "Access-Control-Expose-Headers",
    "Access-Control-Allow-Headers", "Vary", "X-Content-Type-Options", "X-Robots-Tag",
)  # fmt: skip
# Vellum's additions (app/api/wp_v2/extensions.py): WordPress without ACF's REST integration has none.
EXTENSION_FIELDS = frozenset({"acf", "blocks", "event"})


def require_golden() -> None:
    if not GOLDEN.is_dir() or not WXR.is_file():
        pytest.skip("the shared WordPress golden files are not beside the repository")


def import_theme_unit_test() -> None:
    """Import the Theme Unit Test export into the test database through the public CLI."""
    vellum = Path(sys.executable).parent / "vellum"
    result = subprocess.run(  # noqa: S603 - our own CLI, fixed arguments
        [str(vellum), "import", "wxr", str(WXR)], capture_output=True, text=True, env=os.environ.copy(), check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]


def load(name: str) -> dict[str, Any]:
    return dict(json.loads((GOLDEN / name).read_text()))


def public_post_requests() -> list[str]:
    """Golden files of anonymous GETs on /wp/v2/posts and /wp/v2/pages."""
    manifest = load("_manifest.json")
    prefixes = ("/wp-json/wp/v2/posts", "/wp-json/wp/v2/pages")
    return sorted(
        name
        for name, entry in manifest.items()
        if entry["method"] == "GET" and not entry["auth"] and entry["request"].startswith(prefixes)
        and not name.startswith("rt")
    )  # fmt: skip


@dataclass(slots=True)
class IdMap:
    """Golden IDs to ours, per kind."""

    posts: dict[int, int] = field(default_factory=lambda: dict(RENUMBERED))
    users: dict[int, int] = field(default_factory=dict)
    terms: dict[int, int] = field(default_factory=dict)

    def post(self, value: int) -> int:
        return self.posts.get(value, value)


def build_id_map(engine: Engine) -> IdMap:
    """Match golden users and terms to ours by slug."""
    ids = IdMap()
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT nicename, id FROM users"))
        users: dict[str, int] = {str(slug): int(user_id) for slug, user_id in rows}
        terms = {(tax, slug): term_id for tax, slug, term_id in connection.execute(
            text("SELECT taxonomy, slug, id FROM terms"))}  # fmt: skip
    for name in GOLDEN.glob("wp.v2.users.@*.json"):
        body = load(name.name)["body"]
        if body["slug"] in users:
            ids.users[body["id"]] = users[body["slug"]]
    for taxonomy, pattern in (("category", "wp.v2.categories~per_page=100~page=*.json"),
                              ("post_tag", "wp.v2.tags~per_page=100~page=*.json")):  # fmt: skip
        for name in GOLDEN.glob(pattern):
            for term in load(name.name)["body"]:
                if (taxonomy, term["slug"]) in terms:
                    ids.terms[term["id"]] = terms[(taxonomy, term["slug"])]
    return ids


_URL_IDS = [
    (re.compile(r"(/wp/v2/(?:posts|pages)/)(\d+)"), "post"),
    (re.compile(r"([?&](?:post|parent)=)(\d+)"), "post"),
    (re.compile(r"(/wp/v2/users/)(\d+)"), "user"),
    (re.compile(r"(/wp/v2/(?:categories|tags)/)(\d+)"), "term"),
    (re.compile(r"((?:categories|tags)(?:%5B0%5D)?=)(\d+)"), "term"),
]


def map_url(url: str, ids: IdMap, host: str) -> str:
    """A golden URL with our host and our IDs."""
    url = url.replace(GOLDEN_HOST, host)
    for pattern, kind in _URL_IDS:
        table = {"post": ids.posts, "user": ids.users, "term": ids.terms}[kind]
        url = pattern.sub(lambda match, table=table: _mapped(match, table), url)  # type: ignore[misc]
    return url


def _mapped(match: re.Match[str], table: dict[int, int]) -> str:
    return match.group(1) + str(table.get(int(match.group(2)), match.group(2)))


def map_body(value: Any, ids: IdMap, host: str, key: str = "") -> Any:
    """Golden JSON with our host and IDs, field by field."""
    if isinstance(value, dict):
        return {
            name: map_embedded(item, ids, host) if name == "_embedded" else map_body(item, ids, host, name)
            for name, item in value.items()
        }
    if isinstance(value, list):
        return [map_body(item, ids, host, key) for item in value]
    if isinstance(value, str):
        return map_url(value, ids, host)
    if isinstance(value, int) and not isinstance(value, bool):
        if key in ("id", "parent"):
            return ids.post(value)
        if key == "author":
            return ids.users.get(value, value)
        if key in ("categories", "tags"):
            return ids.terms.get(value, value)
    return value


def map_embedded(embedded: dict[str, Any], ids: IdMap, host: str) -> dict[str, Any]:
    """``_embedded`` with our IDs: embedded authors are users and ``wp:term`` objects terms, not posts."""
    mapped = {rel: map_body(objects, ids, host, rel) for rel, objects in embedded.items()}
    if "author" in mapped:
        mapped["author"] = _with_ids(mapped["author"], embedded["author"], ids.users)
    if "wp:term" in mapped:
        pairs = zip(mapped["wp:term"], embedded["wp:term"], strict=True)
        mapped["wp:term"] = [_with_ids(ours, theirs, ids.terms) for ours, theirs in pairs]
    return mapped


def _with_ids(mapped: Any, original: Any, table: dict[int, int]) -> Any:
    """Each object's ``id`` from ``table`` by its golden ID; errors, which have none, stay as they are."""
    if not isinstance(mapped, list):
        return mapped
    return [
        {**item, "id": table.get(source["id"], source["id"])} if isinstance(source, dict) and "id" in source else item
        for item, source in zip(mapped, original, strict=True)
    ]


def flatten(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Leaf values by path (Vellum's extra fields left out); collection items are keyed by their ID."""
    if isinstance(value, dict):
        if not value:
            yield path, {}
        for name, item in value.items():
            if name not in EXTENSION_FIELDS:
                yield from flatten(item, f"{path}.{name}" if path else name)
    elif isinstance(value, list) and value and all(isinstance(item, dict) and "id" in item for item in value):
        yield f"{path}[ids]", [item["id"] for item in value]
        for item in value:
            yield from flatten(item, f"{path}[id={item['id']}]")
    else:
        yield path, value


def public_requests(*prefixes: str) -> list[str]:
    """Golden files of anonymous GETs whose request starts with one of ``prefixes``."""
    manifest = load("_manifest.json")
    return sorted(
        name
        for name, entry in manifest.items()
        if entry["method"] == "GET" and not entry["auth"] and entry["request"].startswith(prefixes)
    )


def compare(
    expected: dict[str, Any], status: int, headers: Any, ours: Any, golden_body: Any, host: str
) -> tuple[int, list[str]]:
    """How many values were checked, and which differ: status, compared headers and every body leaf."""
    pairs: list[tuple[str, Any, Any]] = [("status", expected["status"], status)]
    for header in COMPARED_HEADERS:
        want, got = expected["headers"].get(header), headers.get(header)
        if want is not None or got is not None:
            pairs.append((f"header {header}", None if want is None else want.replace(GOLDEN_HOST, host), got))
    wanted, got_values = dict(flatten(golden_body)), dict(flatten(ours))
    for path in sorted(set(wanted) | set(got_values)):
        pairs.append((path, wanted.get(path, "<absent>"), got_values.get(path, "<absent>")))
    return len(pairs), [f"{path}: {want!r} != {got!r}" for path, want, got in pairs if want != got]
