"""An anonymous caller walks every route of ``/wp-json/`` and every link in it and finds nothing private.

What is private is read from the export itself, not from our permission code: drafts, pending,
future, private and trashed entries, privacy requests, customizer changesets, oEmbed caches and
revisions; the content of password-protected posts; the e-mail addresses of users and commenters;
meta keys WordPress treats as protected (a leading underscore).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from tests.importers.wxr.cli import vellum
from tests.shared import SHARED

EXPORTS = {
    "theme-unit-test": SHARED / "fixtures" / "themeunittestdata.wordpress.xml",
    "knowledge-hub": SHARED / "fixtures" / "wordpress-db" / "export.xml",
}
HIDDEN_STATUSES = {"draft", "pending", "future", "private", "trash", "auto-draft"}
# Post types no anonymous REST route serves, whatever their status.
HIDDEN_TYPES = {"user_request", "customize_changeset", "oembed_cache", "revision", "custom_css", "acf-field-group",
                "acf-field"}  # fmt: skip
# Keys WordPress itself starts with an underscore in REST answers.
HYPERMEDIA_KEYS = {"_links", "_embedded"}
MAX_REQUESTS = 8000
_WORDS = re.compile(r"[A-Za-z][A-Za-z ,]{30,}[A-Za-z]")


@dataclass(slots=True)
class Secrets:
    """What the export says an anonymous caller must never be shown."""

    hidden_items: set[tuple[int, str]] = field(default_factory=set)
    hidden_titles: set[str] = field(default_factory=set)
    protected_passages: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    public_text: list[str] = field(default_factory=list)

    def leaks_in(self, text: str) -> list[str]:
        """Titles, passages and addresses that occur in an answer's text."""
        lowered = text.lower()
        found = [title for title in self.hidden_titles if title in text]
        found += [passage for passage in self.protected_passages if passage in text]
        return found + [email for email in self.emails if email in lowered]


def _child(element: Any, name: str) -> str:
    for child in element:
        if etree.QName(child).localname == name:
            return str(child.text or "")
    return ""


def _children(element: Any, name: str) -> Iterator[Any]:
    return (child for child in element if etree.QName(child).localname == name)


def _read_item(item: Any, secrets: Secrets) -> None:
    post_id, post_type, status = int(_child(item, "post_id")), _child(item, "post_type"), _child(item, "status")
    title, content = _child(item, "title"), _child(item, "encoded")
    if status in HIDDEN_STATUSES or post_type in HIDDEN_TYPES:
        secrets.hidden_items.add((post_id, post_type))
        if len(title) >= 20:
            secrets.hidden_titles.add(title)
        return
    secrets.public_text.append(f"{title}\n{content}")
    if _child(item, "post_password"):
        passages = _WORDS.findall(re.sub(r"<[^>]+>", " ", content))
        secrets.protected_passages.update(passage for passage in passages[:3] if len(passage) >= 32)
    for comment in _children(item, "comment"):
        secrets.emails.add(_child(comment, "comment_author_email").lower())


def read_secrets(export: Path) -> Secrets:
    """Walk the export once; anything that public entries also show is not a secret."""
    secrets = Secrets()
    channel = etree.parse(str(export), etree.XMLParser(huge_tree=True, strip_cdata=False)).getroot()[0]
    for author in _children(channel, "author"):
        secrets.emails.add(_child(author, "author_email").lower())
    for item in _children(channel, "item"):
        _read_item(item, secrets)
    public = "\n".join(secrets.public_text)
    secrets.emails = {email for email in secrets.emails if "@" in email and email not in public.lower()}
    secrets.hidden_titles = {title for title in secrets.hidden_titles if title not in public}
    secrets.protected_passages = {passage for passage in secrets.protected_passages if public.count(passage) <= 1}
    return secrets


@dataclass(slots=True)
class Crawl:
    """Every answer an anonymous client got while following the API from its index."""

    client: TestClient
    rest_root: str
    answers: dict[str, Any] = field(default_factory=dict)
    queue: deque[str] = field(default_factory=deque)

    def visit(self, path: str) -> Any:
        if path in self.answers or len(self.answers) >= MAX_REQUESTS:
            return self.answers.get(path)
        response = self.client.get(path)
        body = response.json() if response.headers.get("content-type", "").startswith("application/") else None
        self.answers[path] = body
        for href in _hrefs(body):
            if href.startswith(self.rest_root):
                self.queue.append("/wp-json/" + href.removeprefix(self.rest_root))
        return body

    def walk_collection(self, route: str) -> list[dict[str, Any]]:
        """Every page of a collection; the items found, for the item routes."""
        items: list[dict[str, Any]] = []
        page, pages = 1, 1
        while page <= pages:
            path = f"/wp-json{route}?per_page=100&page={page}"
            response = self.client.get(path)
            pages = int(response.headers.get("X-WP-TotalPages", "1"))
            self.visit(path)
            # Past the request budget the page is still read for its items, as fetched above.
            body = self.answers.get(path, response.json())
            items += [item for item in body if isinstance(item, dict)] if isinstance(body, list) else []
            page += 1
        self.visit(f"/wp-json{route}?_embed=1")
        return items

    def drain(self) -> None:
        while self.queue:
            self.visit(self.queue.popleft())


def _hrefs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if isinstance(value.get("href"), str) and not value.get("templated"):
            yield value["href"]
        for child in value.values():
            yield from _hrefs(child)
    elif isinstance(value, list):
        for child in value:
            yield from _hrefs(child)


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from _objects(child)
    elif isinstance(value, list):
        for child in value:
            yield from _objects(child)


def crawl_everything(client: TestClient, secrets: Secrets) -> Crawl:
    """The index, every collection page, every item by ID (hidden ones tried too), every API link."""
    index = client.get("/wp-json/").json()
    crawl = Crawl(client, index["home"].rstrip("/") + "/wp-json/")
    crawl.visit("/wp-json/")
    for route in index["routes"]:
        if "(?P<" in route:
            continue
        crawl.visit(f"/wp-json{route}")
        item_route = f"{route}/(?P<id>[\\d]+)"
        if item_route not in index["routes"] or route.count("/") < 3:
            continue
        ids = {item["id"] for item in crawl.walk_collection(route) if isinstance(item.get("id"), int)}
        for entry_id in sorted(ids | {entry_id for entry_id, _ in secrets.hidden_items}):
            crawl.visit(f"/wp-json{route}/{entry_id}")
    crawl.drain()
    return crawl


def _findings(crawl: Crawl, secrets: Secrets) -> list[tuple[str, str]]:
    findings: list[tuple[str, str]] = []
    for path, body in crawl.answers.items():
        text = repr(body)
        findings += [(path, f"shows {leak!r}") for leak in secrets.leaks_in(text)]
        for obj in _objects(body):
            kind = obj.get("type")
            if isinstance(kind, str) and (obj.get("id"), kind) in secrets.hidden_items:
                findings.append((path, f"lists hidden {obj.get('type')} {obj.get('id')}"))
            hidden_keys = [key for key in obj if isinstance(key, str) and key.startswith("_")]
            findings += [(path, f"has protected key {key}") for key in hidden_keys if key not in HYPERMEDIA_KEYS]
            if isinstance(kind, str) and kind in HIDDEN_TYPES:
                findings.append((path, f"shows a {obj['type']}"))
    return findings


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_anonymous_crawl_finds_nothing_private(client: TestClient, name: str, tmp_path: Path) -> None:
    export = EXPORTS[name]
    if not export.is_file():
        pytest.skip("the shared WordPress exports are not beside the repository")
    code, output = vellum("import", "wxr", export, "--report", tmp_path / "report.json")
    assert code == 0, output
    secrets = read_secrets(export)
    assert secrets.hidden_items
    assert secrets.emails

    crawl = crawl_everything(client, secrets)

    assert len(crawl.answers) > 50
    findings = _findings(crawl, secrets)
    assert findings == [], f"{len(findings)} findings, first: {findings[:20]}"


def test_the_crawl_would_see_a_leak(client: TestClient) -> None:
    secrets = Secrets(hidden_items={(5, "post")}, hidden_titles={"A draft nobody may read"}, emails={"a@b.example"})
    crawl = Crawl(client, "http://example.test/wp-json/")
    crawl.answers = {
        "/a": [{"id": 5, "type": "post", "slug": "x"}],
        "/b": {"title": "A draft nobody may read"},
        "/c": {"author_email": "A@B.example"},
        "/d": {"meta": {"_edit_lock": "1"}},
    }

    assert {path for path, _ in _findings(crawl, secrets)} == {"/a", "/b", "/c", "/d"}
