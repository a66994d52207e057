"""An anonymous caller never sees unpublished, private, trashed or non-public entries, nor protected text."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.api.wp_v2.params import STATUSES
from tests.builders import make_entry, make_page, make_post

HIDDEN_STATUSES = ("draft", "pending", "future", "private", "trash", "auto-draft")
SECRET = "Only for readers who know the password"


@pytest.fixture
def site(session: Session) -> dict[str, int]:
    ids: dict[str, int] = {}
    for post_type, make in (("post", make_post), ("page", make_page)):
        ids[f"{post_type}-publish"] = int(make(session, slug=f"{post_type}-public").id or 0)
        for status in HIDDEN_STATUSES:
            entry = make(session, slug=f"{post_type}-{status}", status=status, title=f"Hidden {status}")
            ids[f"{post_type}-{status}"] = int(entry.id or 0)
        protected = make(
            session,
            slug=f"{post_type}-protected",
            password="open sesame",
            content=SECRET,
            content_rendered=f"<p>{SECRET}</p>",
            excerpt_rendered=f"<p>{SECRET}</p>",
        )
        ids[f"{post_type}-protected"] = int(protected.id or 0)
    request = make_entry(session, type="user_request", status="request-pending", slug="someone@example.org")
    ids["user_request"] = int(request.id or 0)
    changeset = make_entry(session, type="customize_changeset", status="draft", slug="changes")
    ids["customize_changeset"] = int(changeset.id or 0)
    session.commit()
    return ids


@pytest.mark.parametrize("rest_base", ["posts", "pages"])
def test_anonymous_lists_show_only_published_entries_for_every_status_filter(
    client: TestClient, site: dict[str, int], rest_base: str
) -> None:
    for status in (None, *STATUSES, "publish,draft", "private,any"):
        query = f"?per_page=100&status={status}" if status else "?per_page=100"
        response = client.get(f"/wp-json/wp/v2/{rest_base}{query}")
        if status not in (None, "publish"):
            assert response.status_code == 400, status
            assert response.json()["data"]["details"]["status"]["code"] == "rest_forbidden_status"
            continue
        items = response.json()
        assert {item["status"] for item in items} == {"publish"}
        assert SECRET not in response.text
        assert "example.org" not in response.text


def test_anonymous_cannot_fetch_hidden_entries_by_id(client: TestClient, site: dict[str, int]) -> None:
    for key, entry_id in site.items():
        for rest_base in ("posts", "pages"):
            response = client.get(f"/wp-json/wp/v2/{rest_base}/{entry_id}")
            is_own_type = key.startswith(rest_base.removesuffix("s") + "-")
            if is_own_type and key.endswith(("-publish", "-protected")):
                assert response.status_code == 200, key
            elif is_own_type:
                assert (response.status_code, response.json()["code"]) == (401, "rest_forbidden"), key
            else:
                assert (response.status_code, response.json()["code"]) == (404, "rest_post_invalid_id"), key
            assert SECRET not in response.text


def test_protected_text_needs_the_right_password(client: TestClient, site: dict[str, int]) -> None:
    url = f"/wp-json/wp/v2/posts/{site['post-protected']}"

    hidden = client.get(url).json()
    wrong = client.get(url, params={"password": "guess"})
    right = client.get(url, params={"password": "open sesame"}).json()

    assert hidden["content"] == {"rendered": "", "protected": True}
    assert hidden["excerpt"] == {"rendered": "", "protected": True}
    assert (wrong.status_code, wrong.json()["code"]) == (403, "rest_post_incorrect_password")
    assert "Allow" not in wrong.headers
    assert SECRET in right["content"]["rendered"]
    assert right["content"]["protected"] is True


def test_anonymous_search_leaves_protected_posts_out(client: TestClient, site: dict[str, int]) -> None:
    response = client.get("/wp-json/wp/v2/posts", params={"search": "password"})
    assert response.json() == []
    assert response.headers["X-WP-Total"] == "0"


def test_edit_context_is_refused_to_anonymous_callers(client: TestClient, site: dict[str, int]) -> None:
    listing = client.get("/wp-json/wp/v2/posts?context=edit")
    item = client.get(f"/wp-json/wp/v2/posts/{site['post-publish']}?context=edit")
    assert (listing.status_code, listing.json()["code"]) == (401, "rest_forbidden_context")
    assert (item.status_code, item.json()["code"]) == (401, "rest_forbidden_context")
    assert "Allow" not in listing.headers
