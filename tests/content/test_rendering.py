"""Entries written through the content service carry their rendering, kept fresh as what they show changes."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.content.models import Entry
from app.content.rendering import defer_rendering, render_pending
from app.content.service import EntryWrite, delete_entry, get_entry, save_entries, update_entry
from app.core.settings import get_settings
from app.options.service import set_option
from tests.builders import make_entry, make_post, make_term

UPLOADS = "https://old.example/wp-content/uploads/2024/03/"


def _block(session: Session, block_id: int, content: str, **fields: Any) -> Entry:
    return make_entry(session, type="wp_block", id=block_id, slug=f"block-{block_id}", content=content, **fields)


def _photo(session: Session, attachment_id: int = 70, *, caption: str = "", parent_id: int = 0) -> Entry:
    details = {
        "file": "2024/03/photo.jpg",
        "mime_type": "image/jpeg",
        "width": 1200,
        "height": 800,
        "alt_text": "A photo",
        "sizes": {"thumbnail": {"file": "photo-150x150.jpg", "width": 150, "height": 150}},
        "original_url": UPLOADS + "photo.jpg",
    }
    return make_entry(
        session,
        type="attachment",
        id=attachment_id,
        slug=f"photo-{attachment_id}",
        status="inherit",
        title="Photo",
        excerpt=caption,
        parent_id=parent_id,
        link=f"https://old.example/photo-{attachment_id}/",
        details=details,
    )


def test_creating_an_entry_stores_its_rendered_title_content_and_excerpt(session: Session) -> None:
    post = make_post(session, title="It's 'quoted'", content="Hello world\n\nSecond paragraph", excerpt="")
    assert post.title_rendered == "It&#8217;s &#8216;quoted&#8217;"
    assert post.content_rendered == "<p>Hello world</p>\n<p>Second paragraph</p>\n"
    assert post.excerpt_rendered == "<p>Hello world Second paragraph</p>\n"


def test_updating_an_entry_renders_it_again(session: Session) -> None:
    post = make_post(session, content="Before")
    updated = update_entry(session, int(post.id or 0), fields={"content": "After -- now"})
    assert updated.content_rendered == "<p>After &#8212; now</p>\n"


def test_types_without_html_content_are_not_rendered(session: Session) -> None:
    entry = make_entry(session, type="oembed_cache", title="", content="<iframe></iframe>", details={"cache_key": "k"})
    assert entry.content_rendered == ""


def test_a_post_shows_its_reusable_block_and_follows_its_changes(session: Session) -> None:
    _block(session, 50, "<!-- wp:paragraph --><p>Version one</p><!-- /wp:paragraph -->")
    post = make_post(session, id=60, content='<!-- wp:block {"ref":50} /-->')
    assert post.content_rendered == "<p>Version one</p>"
    update_entry(session, 50, fields={"content": "<!-- wp:paragraph --><p>Version two</p><!-- /wp:paragraph -->"})
    assert get_entry(session, 60).content_rendered == "<p>Version two</p>"


def test_a_change_reaches_posts_through_nested_reusable_blocks(session: Session) -> None:
    _block(session, 50, "<!-- wp:paragraph --><p>Inner</p><!-- /wp:paragraph -->")
    _block(session, 51, '<!-- wp:block {"ref":50} /-->')
    make_post(session, id=60, content='<!-- wp:block {"ref":51} /-->')
    update_entry(session, 50, fields={"content": "<!-- wp:paragraph --><p>Inner, changed</p><!-- /wp:paragraph -->"})
    assert get_entry(session, 60).content_rendered == "<p>Inner, changed</p>"


def test_unpublishing_or_deleting_a_reusable_block_removes_it_from_posts(session: Session) -> None:
    _block(session, 50, "<!-- wp:paragraph --><p>Shown</p><!-- /wp:paragraph -->")
    _block(session, 52, "<!-- wp:paragraph --><p>Also shown</p><!-- /wp:paragraph -->")
    make_post(session, id=60, content='<!-- wp:block {"ref":50} /--><!-- wp:block {"ref":52} /-->')
    update_entry(session, 50, fields={"status": "draft"})
    assert get_entry(session, 60).content_rendered == "<p>Also shown</p>"
    delete_entry(session, 52)
    assert get_entry(session, 60).content_rendered == ""


def test_a_gallery_follows_its_attachment_caption(session: Session) -> None:
    _photo(session, caption="Old caption")
    make_post(session, id=60, content='[gallery ids="70"]')
    assert "Old caption" in get_entry(session, 60).content_rendered
    update_entry(session, 70, fields={"excerpt": "New caption"})
    rendered = get_entry(session, 60).content_rendered
    assert "New caption" in rendered
    assert "Old caption" not in rendered
    assert f'src="{UPLOADS}photo-150x150.jpg"' in rendered


def test_a_gallery_without_ids_lists_the_posts_attached_images(session: Session) -> None:
    make_post(session, id=60, content="[gallery]")
    assert get_entry(session, 60).content_rendered.strip() == ""
    _photo(session, parent_id=60)
    assert "gallery-item" in get_entry(session, 60).content_rendered


def test_gallery_links_go_to_attachment_pages_under_the_parents_permalink(session: Session) -> None:
    set_option(session, "permalink_structure", "/%year%/%monthnum%/%postname%/")
    make_post(session, id=60, slug="field-visit", date=datetime(2024, 3, 5, 10, 0), content="[gallery]")
    _photo(session, parent_id=60)
    rendered = get_entry(session, 60).content_rendered
    home = get_settings().site_url
    assert f"<a href='{home}/2024/03/field-visit/photo-70/'>" in rendered
    assert "old.example/photo-70" not in rendered


def test_gallery_links_under_a_category_structure_name_the_parents_first_category(session: Session) -> None:
    set_option(session, "permalink_structure", "/%category%/%postname%/")
    terms = [make_term(session, id=31, slug="reports"), make_term(session, id=30, slug="field-notes")]
    make_post(session, id=60, slug="field-visit", content="[gallery]", term_ids=[int(t.id or 0) for t in terms])
    _photo(session, parent_id=60)
    # get_permalink() takes the category with the lowest ID; %category% makes the attachment name explicit.
    link = f"{get_settings().site_url}/field-notes/field-visit/attachment/photo-70/"
    assert f"<a href='{link}'>" in get_entry(session, 60).content_rendered


def test_gallery_links_under_a_private_or_trashed_post_are_attachment_id_queries(session: Session) -> None:
    set_option(session, "permalink_structure", "/%year%/%monthnum%/%postname%/")
    make_post(session, id=60, slug="members-only", status="private", date=datetime(2024, 3, 5, 10, 0))
    make_post(session, id=61, slug="gone", status="trash", date=datetime(2024, 3, 6, 10, 0))
    _photo(session, 70, parent_id=60)
    _photo(session, 71, parent_id=61)
    post = make_post(session, id=62, content='[gallery ids="70,71"]')
    home = get_settings().site_url
    # wp_force_plain_post_permalink(): what the anonymous reader sees of a private parent, and any trashed one.
    assert f"<a href='{home}/?attachment_id=70'>" in post.content_rendered
    assert f"<a href='{home}/?attachment_id=71'>" in post.content_rendered
    update_entry(session, 60, fields={"status": "publish"})
    assert f"<a href='{home}/2024/03/members-only/photo-70/'>" in get_entry(session, 62).content_rendered


def test_an_unattached_images_gallery_link_is_its_attachment_id_query(session: Session) -> None:
    set_option(session, "permalink_structure", "")
    _photo(session)
    post = make_post(session, content='[gallery ids="70"]')
    assert f"<a href='{get_settings().site_url}/?attachment_id=70'>" in post.content_rendered


def test_srcset_lists_sub_sizes_in_the_order_wordpress_makes_them(session: Session) -> None:
    sizes = {
        "thumbnail": {"file": "square-150x150.jpg", "width": 150, "height": 150},
        "medium": {"file": "square-300x300.jpg", "width": 300, "height": 300},
    }
    details = {"file": "2024/03/square.jpg", "mime_type": "image/jpeg", "width": 600, "height": 600, "sizes": sizes}
    details["original_url"] = UPLOADS + "square.jpg"
    make_entry(session, type="attachment", id=71, status="inherit", details=details)
    post = make_post(session, content=f'<img class="wp-image-71" src="{UPLOADS}square.jpg" alt="" />')
    srcset = re.search(r'srcset="([^"]*)"', post.content_rendered)
    assert srcset is not None
    assert [part.split()[1] for part in srcset.group(1).split(", ")] == ["600w", "300w", "150w"]


def test_an_image_gets_the_attachments_dimensions_and_srcset(session: Session) -> None:
    _photo(session)
    post = make_post(session, content=f'<img class="wp-image-70" src="{UPLOADS}photo.jpg" alt="" />')
    assert 'width="1200" height="800"' in post.content_rendered


def test_an_attachment_description_follows_the_linked_file(session: Session) -> None:
    photo = _photo(session, caption="A caption")
    assert photo.content_rendered.startswith(f"<p class=\"attachment\"><a href='{UPLOADS}photo.jpg'><img ")
    assert photo.excerpt_rendered == "<p>A caption</p>\n"


def _oembed_key(url: str, width: int, height: int) -> str:
    # WP_Embed::shortcode keys the cache by md5(URL + serialize(['width' => w, 'height' => ceil(1.5 w)])).
    attrs = f'a:2:{{s:5:"width";i:{width};s:6:"height";d:{height};}}'
    return hashlib.md5((url + attrs).encode(), usedforsecurity=False).hexdigest()


def test_embeds_come_from_the_posts_own_oembed_cache(session: Session) -> None:
    # A block theme sets no $content_width, so WordPress's embeds are 500 wide by default.
    key = _oembed_key("https://vimeo.com/627158964", 500, 750)
    post = make_post(
        session,
        content="Watch:\n\nhttps://vimeo.com/627158964\n\nEnd",
        meta=[(f"_oembed_{key}", '<iframe src="https://player.vimeo.com/video/627158964"></iframe>')],
    )
    assert '<iframe src="https://player.vimeo.com/video/627158964"></iframe>' in post.content_rendered


def test_a_cache_made_for_another_width_is_not_an_embed(session: Session) -> None:
    # A classic theme's 640-wide cache: WordPress does not find it, fails to fetch, and leaves the URL.
    key = _oembed_key("https://vimeo.com/627158964", 640, 960)
    post = make_post(
        session,
        content="Watch:\n\nhttps://vimeo.com/627158964\n\nEnd",
        meta=[(f"_oembed_{key}", '<iframe src="https://player.vimeo.com/video/627158964"></iframe>')],
    )
    assert "<iframe" not in post.content_rendered
    assert "<p>https://vimeo.com/627158964</p>" in post.content_rendered


def test_deferred_entries_render_at_the_end_whatever_their_order(session: Session) -> None:
    defer_rendering(session)
    save_entries(session, [EntryWrite(fields={"id": 60, "type": "post", "content": '<!-- wp:block {"ref":50} /-->'})])
    assert get_entry(session, 60).content_rendered == ""
    content = "<!-- wp:paragraph --><p>Late block</p><!-- /wp:paragraph -->"
    save_entries(session, [EntryWrite(fields={"id": 50, "type": "wp_block", "content": content})])
    assert render_pending(session) == 2
    assert get_entry(session, 60).content_rendered == "<p>Late block</p>"


def test_pending_entries_render_in_worker_processes(session: Session) -> None:
    defer_rendering(session)
    writes = [
        EntryWrite(fields={"id": i, "type": "page", "title": f"Page {i}", "content": f"Text {i}"}) for i in (1, 2, 3)
    ]
    save_entries(session, writes)
    session.commit()
    assert render_pending(session, workers=2, pool_threshold=1) == 3
    assert [get_entry(session, i).content_rendered for i in (1, 2, 3)] == [f"<p>Text {i}</p>\n" for i in (1, 2, 3)]
