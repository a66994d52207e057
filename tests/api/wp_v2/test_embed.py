"""``_embed``: permissions inside ``_embedded`` and its cost (WordPress's embedded answers: tests/golden)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from tests.api.wp_v2.test_posts_queries import counted_statements
from tests.builders import make_comment, make_entry, make_page, make_post, make_term, make_user

POSTS = "/wp-json/wp/v2/posts"


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
