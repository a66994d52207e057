"""Listing blocks are rendered when their entry is written and again when what they list changes."""

from __future__ import annotations

from datetime import datetime

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.comments.service import delete_comment
from app.content.service import delete_entry, get_entry, update_entry
from app.options.service import set_option
from app.taxonomy.service import update_term
from tests.builders import make_comment, make_entry, make_page, make_post, make_term

LATEST_POSTS = '<!-- wp:latest-posts {"displayPostDate":true} /-->'


def _post(session: Session, post_id: int, title: str, day: int, **fields: object) -> None:
    when = datetime(2024, 3, day, 12, 0)
    make_post(session, id=post_id, title=title, date=when, date_gmt=when, **{"slug": f"post-{post_id}", **fields})


def test_latest_posts_of_another_entry_follow_publishing_and_trashing(session: Session) -> None:
    _post(session, 10, "Older news", 1)
    page = make_page(session, id=20, slug="front", content=LATEST_POSTS)
    assert "Older news" in page.content_rendered
    assert "March 1, 2024" in page.content_rendered

    _post(session, 11, "Fresh news", 5, status="draft")
    assert "Fresh news" not in get_entry(session, 20).content_rendered

    update_entry(session, 11, fields={"status": "publish"})
    rendered = get_entry(session, 20).content_rendered
    assert rendered.index("Fresh news") < rendered.index("Older news")

    update_entry(session, 11, fields={"status": "trash"})
    assert "Fresh news" not in get_entry(session, 20).content_rendered

    delete_entry(session, 10)
    assert "Older news" not in get_entry(session, 20).content_rendered


def test_comments_terms_and_options_reach_the_blocks_that_show_them(session: Session) -> None:
    _post(session, 10, "Commented", 1)
    term = make_term(session, slug="news", name="News")
    _post(session, 12, "Filed", 2, slug="filed", term_ids=[int(term.id or 0)])
    page = make_page(
        session,
        id=20,
        slug="widgets",
        content="<!-- wp:latest-comments /-->\n\n<!-- wp:categories /-->\n\n" + LATEST_POSTS,
    )
    assert "No comments to show." in page.content_rendered

    comment = make_comment(session, entry_id=10, author_name="Ada", content="Well said.")
    assert "Ada</span> on" in get_entry(session, 20).content_rendered

    update_term(session, int(term.id or 0), fields={"name": "Headlines"})
    assert ">Headlines</a>" in get_entry(session, 20).content_rendered

    set_option(session, "date_format", "Y-m-d")
    assert ">2024-03-02</time>" in get_entry(session, 20).content_rendered

    delete_comment(session, int(comment.id or 0))
    assert "Ada" not in get_entry(session, 20).content_rendered


def test_a_comment_reaches_a_listing_block_shown_through_reusable_blocks(session: Session) -> None:
    # The block shows the comments; a second block uses it (core/ spelled out); a page uses the second.
    _post(session, 10, "Commented", 1)
    make_entry(session, type="wp_block", id=30, slug="comments-box", content="<!-- wp:latest-comments /-->")
    make_entry(session, type="wp_block", id=31, slug="sidebar", content='<!-- wp:core/block {"ref":30} /-->')
    make_page(session, id=20, slug="home", content='<!-- wp:block {"ref":31} /-->')
    assert "No comments to show." in get_entry(session, 20).content_rendered

    make_comment(session, entry_id=10, author_name="Ada", content="Well said.")
    assert "Ada</span> on" in get_entry(session, 20).content_rendered


def test_a_listing_block_is_read_through_http_as_stored(session: Session, client: TestClient) -> None:
    _post(session, 10, "Listed", 1)
    make_page(session, id=20, slug="front", content=LATEST_POSTS)
    session.commit()
    body = client.get("/wp-json/wp/v2/pages/20").json()
    assert '<ul class="wp-block-latest-posts__list has-dates wp-block-latest-posts">' in body["content"]["rendered"]
    assert ">Listed</a>" in body["content"]["rendered"]


def test_gallery_links_follow_the_permalink_options(session: Session, client: TestClient) -> None:
    # A gallery links each image to its attachment page, whose address the permalink structure decides.
    when = datetime(2024, 3, 5, 12, 0)
    post = make_post(session, id=10, slug="visit", date=when, date_gmt=when, content='[gallery ids="70"]')
    details = {"file": "2024/03/photo.jpg", "mime_type": "image/jpeg", "width": 1200, "height": 800}
    make_entry(session, type="attachment", id=70, slug="photo", status="inherit", parent_id=10, details=details)
    set_option(session, "permalink_structure", "/%year%/%monthnum%/%day%/%postname%/")
    session.commit()
    rendered = client.get(f"/wp-json/wp/v2/posts/{post.id}").json()["content"]["rendered"]
    assert "/2024/03/05/visit/photo/'>" in rendered

    set_option(session, "permalink_structure", "/%year%/%monthnum%/%postname%/")
    session.commit()
    rendered = client.get(f"/wp-json/wp/v2/posts/{post.id}").json()["content"]["rendered"]
    assert "/2024/03/visit/photo/'>" in rendered

    set_option(session, "blogname", "Renamed")  # not a permalink option: the gallery is left as it is
    session.commit()
    assert client.get(f"/wp-json/wp/v2/posts/{post.id}").json()["content"]["rendered"] == rendered


def test_latest_posts_by_title_follow_the_collation_not_code_points(session: Session) -> None:
    # utf8mb4_unicode_520_ci ignores case and accents: "apple" < "Banana" < "Éclair" < "zebra".
    for post_id, title in enumerate(["zebra", "Éclair", "apple", "Banana"], start=10):
        _post(session, post_id, title, post_id - 9)
    page = make_page(session, id=30, slug="list", content='<!-- wp:latest-posts {"order":"asc","orderBy":"title"} /-->')
    rendered = page.content_rendered
    assert rendered.index("apple") < rendered.index("Banana") < rendered.index("Éclair") < rendered.index("zebra")
