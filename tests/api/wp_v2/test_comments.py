"""``/wp/v2/comments``: anonymous callers see approved comments on readable posts (replay: tests/golden)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.api.wp_v2.comment_serializer import rel_ugc
from tests.api.wp_v2.test_posts_queries import counted_statements
from tests.builders import make_comment, make_post


@pytest.fixture
def discussion(session: Session) -> dict[str, int]:
    public = make_post(session, slug="open")
    draft = make_post(session, slug="unfinished", status="draft")
    protected = make_post(session, slug="members", password="open sesame")
    first = make_comment(session, entry_id=int(public.id or 0), author_email="reader@example.org", author_ip="10.0.0.1")
    reply = make_comment(session, entry_id=int(public.id or 0), parent_id=first.id, content="Agreed.")
    held = make_comment(session, entry_id=int(public.id or 0), status="0", content="Awaiting moderation")
    spam = make_comment(session, entry_id=int(public.id or 0), status="spam", content="Buy now")
    on_draft = make_comment(session, entry_id=int(draft.id or 0), content="Draft talk")
    on_protected = make_comment(session, entry_id=int(protected.id or 0), content="Members talk")
    session.commit()
    posts = {"public": public, "draft": draft, "protected": protected}
    comments = {"first": first, "reply": reply, "held": held, "spam": spam, "on_draft": on_draft}
    comments["on_protected"] = on_protected
    return {name: int(item.id or 0) for name, item in posts.items()} | {
        name: int(item.id or 0) for name, item in comments.items()
    }


def _ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.json()
    return [comment["id"] for comment in response.json()]


def test_anonymous_callers_see_approved_comments_on_readable_posts_only(
    client: TestClient, discussion: dict[str, int]
) -> None:
    listed = client.get("/wp-json/wp/v2/comments?orderby=id&order=asc")
    assert _ids(listed) == [discussion["first"], discussion["reply"]]
    for hidden in ("held", "spam", "on_draft", "on_protected"):
        assert client.get(f"/wp-json/wp/v2/comments/{discussion[hidden]}").json()["code"] == "rest_cannot_read"


def test_the_post_password_opens_comments_of_one_protected_post(client: TestClient, discussion: dict[str, int]) -> None:
    query = f"post={discussion['protected']}&password=open%20sesame"
    assert _ids(client.get(f"/wp-json/wp/v2/comments?{query}")) == [discussion["on_protected"]]
    assert client.get(f"/wp-json/wp/v2/comments?post={discussion['draft']}").json()["code"] == "rest_cannot_read_post"


def test_anonymous_callers_never_see_commenter_emails_or_ips(client: TestClient, discussion: dict[str, int]) -> None:
    text_seen = (
        client.get("/wp-json/wp/v2/comments").text + client.get(f"/wp-json/wp/v2/comments/{discussion['first']}").text
    )
    assert "reader@example.org" not in text_seen
    assert "10.0.0.1" not in text_seen
    assert "author_email" not in text_seen


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("status=hold", "Query parameter not permitted: status"),
        ("author_email=reader@example.org&type=pingback", "Query parameter not permitted: author_email, type"),
        ("author=1&author_exclude=2", "Query parameter not permitted: author, author_exclude"),
    ],
)
def test_protected_filters_are_refused_for_anonymous_callers(
    client: TestClient, discussion: dict[str, int], query: str, message: str
) -> None:
    answer = client.get(f"/wp-json/wp/v2/comments?{query}")
    assert (answer.status_code, answer.json()["code"], answer.json()["message"]) == (
        401,
        "rest_forbidden_param",
        message,
    )


def test_replies_link_to_their_parent_and_parents_to_their_children(
    client: TestClient, discussion: dict[str, int]
) -> None:
    first = client.get(f"/wp-json/wp/v2/comments/{discussion['first']}").json()
    assert first["_links"]["children"][0]["href"].endswith(f"/wp/v2/comments?parent={discussion['first']}")
    reply = client.get(f"/wp-json/wp/v2/comments/{discussion['reply']}").json()
    assert reply["_links"]["in-reply-to"][0]["href"].endswith(f"/wp/v2/comments/{discussion['first']}")
    assert _ids(client.get(f"/wp-json/wp/v2/comments?parent={discussion['first']}")) == [discussion["reply"]]
    assert _ids(client.get(f"/wp-json/wp/v2/comments?parent_exclude={discussion['first']}")) == [discussion["first"]]


def test_invalid_comment_parameters_are_reported_together(client: TestClient, discussion: dict[str, int]) -> None:
    answer = client.get("/wp-json/wp/v2/comments?after=yesterday&post=x&orderby=karma")
    assert list(answer.json()["data"]["params"]) == ["after", "orderby", "post"]
    assert client.get("/wp-json/wp/v2/comments/999999").json()["code"] == "rest_comment_invalid_id"


def test_comment_list_statements_do_not_grow_with_page_size(
    client: TestClient, session: Session, engine: Engine
) -> None:
    for number in range(110):
        post = make_post(session, slug=f"talk-{number}")
        make_comment(session, entry_id=int(post.id or 0), content=f"Comment {number}")
    session.commit()
    counts = {}
    for per_page in (10, 100):
        with counted_statements(engine) as statements:
            assert len(client.get(f"/wp-json/wp/v2/comments?per_page={per_page}").json()) == per_page
        counts[per_page] = len(statements)
    assert counts[10] == counts[100] <= 10


def test_head_and_embed_context_apply_to_comment_routes(client: TestClient, discussion: dict[str, int]) -> None:
    head = client.head("/wp-json/wp/v2/comments")
    # As WordPress 6.1 (26 counted, 25 shown in the golden list): X-WP-Total counts approved comments
    # before the per-comment read check, so comments on the draft and the protected post count too.
    assert (head.status_code, head.content, head.headers["X-WP-Total"]) == (200, b"", "4")
    embedded = client.get(f"/wp-json/wp/v2/comments/{discussion['first']}?context=embed").json()
    assert "post" not in embedded
    assert "status" not in embedded
    assert embedded["id"] == discussion["first"]


def test_off_site_links_in_comments_get_nofollow_ugc_like_wp_rel_ugc() -> None:
    home = "https://example.com"
    assert (
        rel_ugc('<a href="https://other.org/">x</a>', home) == '<a href="https://other.org/" rel="nofollow ugc">x</a>'
    )
    merged = rel_ugc('<a title=\'We&#039;ll go\' href="https://other.org/" rel="nofollow">x</a>', home)
    assert merged == '<a title="We&#039;ll go" href="https://other.org/" rel="nofollow ugc">x</a>'
    assert rel_ugc('<a href="https://example.com/about/">x</a>', home) == '<a href="https://example.com/about/">x</a>'


def test_commenter_names_are_shown_as_wordpress_stores_them(client: TestClient, session: Session) -> None:
    # pre_comment_author_name ends with _wp_specialchars, as for users' display names.
    post = make_post(session, slug="discussed")
    make_comment(session, entry_id=int(post.id or 0), author_name="Tom & Jerry")
    make_comment(session, entry_id=int(post.id or 0), author_name="Already &amp; escaped", content="Second")
    session.commit()
    names = sorted(comment["author_name"] for comment in client.get("/wp-json/wp/v2/comments").json())
    assert names == ["Already &amp; escaped", "Tom &amp; Jerry"]
