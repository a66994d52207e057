"""A list renders its posts one after another in one request, as WordPress does (app.content.render_listing)."""

from __future__ import annotations

from datetime import datetime

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.builders import make_entry, make_post

PHOTO = {"file": "2024/03/photo.jpg", "mime_type": "image/jpeg", "width": 1200, "height": 800}


def _post(session: Session, post_id: int, day: int, content: str) -> None:
    when = datetime(2024, 3, day, 12, 0)
    make_post(session, id=post_id, slug=f"post-{post_id}", date=when, date_gmt=when, content=content)


def test_a_list_keeps_paragraphs_after_a_block_post_and_numbers_galleries_across_posts(
    session: Session, client: TestClient
) -> None:
    make_entry(session, type="attachment", id=70, slug="photo", status="inherit", details=PHOTO)
    gallery = 'Before\n\n[gallery ids="70"]\n\nAfter'
    _post(session, 10, 4, gallery)  # newest: listed first, before any block post
    _post(session, 11, 3, "<!-- wp:paragraph -->\n<p>Blocks</p>\n<!-- /wp:paragraph -->")
    _post(session, 12, 2, gallery)
    session.commit()

    single = client.get("/wp-json/wp/v2/posts/12").json()["content"]["rendered"]
    assert "<p><div id='gallery-1'" not in single
    assert "<div id='gallery-1'" in single
    listed = {item["id"]: item["content"]["rendered"] for item in client.get("/wp-json/wp/v2/posts").json()}
    assert listed[10] == client.get("/wp-json/wp/v2/posts/10").json()["content"]["rendered"]
    # wpautop now runs after shortcode_unautop, and the request's second gallery is gallery-2.
    assert "<p><div id='gallery-2'" in listed[12]
    assert "gallery-1" not in listed[12]
