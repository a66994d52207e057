"""``_embed``: WordPress 6.1's embedded answers replayed, permissions inside ``_embedded``, and its cost."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.options.service import get_option
from tests.api.wp_v2 import golden
from tests.api.wp_v2.test_comments import comment_id_map, map_comment_body
from tests.api.wp_v2.test_posts_queries import counted_statements
from tests.builders import make_comment, make_entry, make_page, make_post, make_term, make_user

# What the replay reaches today; raise it when a difference is fixed. Every remaining difference
# inside ``_embedded`` is post 51's featured image: WordPress did not import the attachment, so its
# link dangled and embedded the API index; ours exists and embeds the attachment (the dangling case
# is pinned below with a missing ID). Outside it: block posts' modified dates, content.rendered, Vary.
FLOOR_PERCENT = 88.5
EMBEDDED_FLOOR_PERCENT = 75.5
POSTS = "/wp-json/wp/v2/posts"


def _map_replies(item: Any, comments: dict[int, int]) -> Any:
    """Embedded replies with our comment IDs (the harness maps users, terms and posts)."""
    if not isinstance(item, dict) or "replies" not in item.get("_embedded", {}):
        return item
    embedded = {**item["_embedded"], "replies": map_comment_body(item["_embedded"]["replies"], comments)}
    return {**item, "_embedded": embedded}


def _replay(client: TestClient, name: str, ids: golden.IdMap, comments: dict[int, int], host: str) -> _Replayed:
    expected = golden.load(name)
    parts = urlsplit(golden.map_url(expected["request"], ids, host))
    response = client.get(f"{parts.path}?{parts.query}")
    mapped = golden.map_body(expected["body"], ids, host)
    if isinstance(mapped, list):
        body: Any = [_map_replies(item, comments) for item in mapped]
    else:
        body = _map_replies(mapped, comments)
    ours = response.json()
    count, differences = golden.compare(expected, response.status_code, response.headers, ours, body, host)
    paths = {path for path, _value in [*golden.flatten(body), *golden.flatten(ours)] if "._embedded" in path}
    return _Replayed(count, differences, len(paths))


@dataclass(frozen=True, slots=True)
class _Replayed:
    checked: int
    differences: list[str]
    embedded_paths: int


def test_embedded_answers_match_wordpress_61(
    client: TestClient, session: Session, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    golden.require_golden()
    golden.import_theme_unit_test()
    ids = golden.build_id_map(engine)
    comments = comment_id_map(engine, ids)
    host = str(get_option(session, "home")).rstrip("/")
    names = [name for name in golden.public_requests("/wp-json/wp/v2/") if "_embed" in name]
    replayed = [_replay(client, name, ids, comments, host) for name in names]
    checked = sum(result.checked for result in replayed)
    differences = [difference for result in replayed for difference in result.differences]
    embedded = sum(result.embedded_paths for result in replayed)
    embedded_differences = [difference for difference in differences if "._embedded" in difference.split(": ")[0]]
    percent = 100.0 * (checked - len(differences)) / checked
    embedded_percent = 100.0 * (embedded - len(embedded_differences)) / embedded
    kinds = Counter(re.sub(r"\[id=\d+\]", "[*]", difference.split(": ")[0]) for difference in differences)
    with capsys.disabled():
        print(f"\n_embed vs WordPress 6.1 ({len(names)} requests): {percent:.2f}% of {checked} values equal,")
        print(f"  inside _embedded: {embedded_percent:.2f}% of {embedded}")
        for kind, count in kinds.most_common(12):
            print(f"  {count:4d} x {kind}")
    assert percent >= FLOOR_PERCENT
    assert embedded_percent >= EMBEDDED_FLOOR_PERCENT


def test_dangling_featured_media_embeds_the_api_index(client: TestClient, session: Session) -> None:
    # WordPress 6.1: the route of a missing post is '', so the link is the API root and embeds its index.
    post = make_post(session, featured_media_id=987654)
    session.commit()
    item = client.get(f"{POSTS}/{post.id}?_embed").json()
    assert item["_links"]["wp:featuredmedia"][0]["href"].endswith("/wp-json/")
    assert item["_embedded"]["wp:featuredmedia"] == [client.get("/wp-json/").json()]


def _statements(client: TestClient, engine: Engine, url: str) -> list[int]:
    """Statements run for a page of 10 and of 100, each page checked full and embedded."""
    counts = []
    for per_page in (10, 100):
        with counted_statements(engine) as statements:
            body = client.get(f"{url}&per_page={per_page}").json()
        assert len(body) == per_page
        assert all("_embedded" in item for item in body)
        counts.append(len(statements))
    return counts


def test_embedding_costs_the_same_statements_for_ten_or_a_hundred_items(
    client: TestClient, session: Session, engine: Engine
) -> None:
    news = make_term(session, slug="news")
    tag = make_term(session, taxonomy="post_tag", slug="tagged")
    authors = [make_user(session, login=f"writer{number}") for number in range(20)]
    for number in range(110):
        image = make_entry(session, type="attachment", status="inherit", slug=f"image-{number}")
        post = make_post(
            session,
            slug=f"post-{number}",
            author_id=authors[number % 20].id,
            featured_media_id=image.id,
            term_ids=[int(news.id or 0), int(tag.id or 0)],
        )
        make_comment(session, entry_id=int(post.id or 0), content=f"Comment {number}")
        parent = make_page(session, slug=f"parent-{number}", author_id=authors[0].id)
        make_page(session, slug=f"child-{number}", parent_id=parent.id, author_id=authors[0].id)
    session.commit()
    for url in (f"{POSTS}?_embed", "/wp-json/wp/v2/pages?_embed", "/wp-json/wp/v2/search?search=post&_embed"):
        ten, hundred = _statements(client, engine, url)
        assert ten == hundred, url
    first = client.get(f"{POSTS}?_embed&per_page=1").json()[0]
    assert set(first["_embedded"]) == {"author", "replies", "wp:featuredmedia", "wp:term"}


def test_unreadable_links_embed_wordpress_errors(client: TestClient, session: Session) -> None:
    parent = make_page(session, slug="secret", status="private")
    child = make_page(session, slug="child", parent_id=parent.id)
    locked = make_post(session, slug="locked", password="secret")
    make_comment(session, entry_id=int(locked.id or 0))
    session.commit()
    page = client.get(f"/wp-json/wp/v2/pages/{child.id}?_embed").json()
    assert page["_embedded"]["up"] == [
        {"code": "rest_forbidden", "message": "Sorry, you are not allowed to do that.", "data": {"status": 401}}
    ]
    post = client.get(f"{POSTS}/{locked.id}?_embed").json()
    assert post["_embedded"]["replies"][0]["code"] == "rest_cannot_read_post"


def test_unapproved_comments_and_drafts_are_never_embedded(client: TestClient, session: Session) -> None:
    draft_parent = make_page(session, slug="draft", status="draft")
    child = make_page(session, slug="child", parent_id=draft_parent.id)
    make_comment(session, entry_id=int(child.id or 0), status="0", content="Held")
    session.commit()
    page = client.get(f"/wp-json/wp/v2/pages/{child.id}?_embed").json()
    assert "replies" not in page["_embedded"]
    assert page["_embedded"]["up"][0]["code"] == "rest_forbidden"


def test_embed_lists_only_the_named_rels_in_embed_context(client: TestClient, session: Session) -> None:
    author = make_user(session, login="writer")
    post = make_post(session, author_id=author.id, term_ids=[int(make_term(session, slug="news").id or 0)])
    make_comment(session, entry_id=int(post.id or 0))
    session.commit()
    item = client.get(f"{POSTS}/{post.id}?_embed=author").json()
    assert list(item["_embedded"]) == ["author"]
    assert set(item["_embedded"]["author"][0]) == {
        "id",
        "name",
        "url",
        "description",
        "link",
        "slug",
        "avatar_urls",
        "_links",
    }
    assert "_embedded" not in client.get(f"{POSTS}/{post.id}").json()


def test_terms_embed_their_parent_and_search_embeds_its_results(client: TestClient, session: Session) -> None:
    parent = make_term(session, slug="parent", name="Parent")
    child = make_term(session, slug="child", name="Child", parent_id=parent.id)
    post = make_post(session, title="Findable")
    session.commit()
    term = client.get(f"/wp-json/wp/v2/categories/{child.id}?_embed").json()
    assert [item["id"] for item in term["_embedded"]["up"]] == [parent.id]
    found = client.get("/wp-json/wp/v2/search?search=findable&_embed").json()
    assert found[0]["_embedded"]["self"][0]["id"] == post.id
    assert set(found[0]["_embedded"]["self"][0]) >= {"title", "excerpt", "link", "_links"}
