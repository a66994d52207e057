"""With attachment data, images get dimensions and srcset, and galleries list their images."""

from __future__ import annotations

from app.rendering.context import AttachmentInfo, ImageSize
from app.rendering.pipeline import render_content
from tests.rendering.wxr_corpus import InMemoryContext

UPLOADS = "http://example.org/wp-content/uploads/2024/11/"
WORKSHOP = AttachmentInfo(
    id=1796,
    url=UPLOADS + "workshop.jpg",
    mime="image/jpeg",
    width=1600,
    height=900,
    alt="Participants",
    link="http://example.org/workshop/",
    sizes={
        "medium": ImageSize(UPLOADS + "workshop-300x169.jpg", 300, 169),
        "large": ImageSize(UPLOADS + "workshop-1024x576.jpg", 1024, 576),
        "thumbnail": ImageSize(UPLOADS + "workshop-150x150.jpg", 150, 150),
    },
)


def _context() -> InMemoryContext:
    return InMemoryContext(post_id=10, attachments={1796: WORKSHOP})


def test_block_image_gets_dimensions_srcset_with_src_first_and_sizes() -> None:
    raw = (
        '<!-- wp:image {"id":1796,"sizeSlug":"large"} --><figure class="wp-block-image size-large">'
        f'<img src="{UPLOADS}workshop-1024x576.jpg" alt="" class="wp-image-1796"/></figure><!-- /wp:image -->'
    )
    assert render_content(raw, _context()) == (
        '<figure class="wp-block-image size-large"><img decoding="async" loading="lazy" width="1024" height="576" '
        f'src="{UPLOADS}workshop-1024x576.jpg" alt="" class="wp-image-1796" srcset="{UPLOADS}workshop-1024x576.jpg '
        f'1024w, {UPLOADS}workshop-300x169.jpg 300w, {UPLOADS}workshop.jpg 1600w" '
        'sizes="(max-width: 1024px) 100vw, 1024px" /></figure>'
    )


def test_image_of_unknown_attachment_is_left_without_srcset() -> None:
    raw = '<img class="wp-image-5" src="a.jpg" width="2" height="1" />'
    assert render_content(raw, _context()) == (
        '<p><img decoding="async" loading="lazy" class="wp-image-5" src="a.jpg" width="2" height="1" /></p>\n'
    )


def test_gallery_lists_each_image_linked_to_its_page() -> None:
    html = render_content('[gallery ids="1796"]', _context())
    assert html.startswith(
        "<div id='gallery-1' class='gallery galleryid-10 gallery-columns-3 gallery-size-thumbnail'>"
        "<figure class='gallery-item'>\n\t\t\t<div class='gallery-icon landscape'>\n\t\t\t\t"
        '<a href=\'http://example.org/workshop/\'><img width="150" height="150" '
        f'src="{UPLOADS}workshop-150x150.jpg" class="attachment-thumbnail size-thumbnail" alt="Participants" '
        'decoding="async" loading="lazy" /></a>'
    )


def test_image_whose_file_its_attachment_does_not_list_gets_no_dimensions_nor_srcset() -> None:
    # wp_image_src_get_dimensions() and wp_calculate_image_srcset() look the src's file name up in the
    # attachment's metadata: an old name (a file stored again as workshop-scaled-1.jpg, say) matches nothing.
    block = f'src="{UPLOADS}workshop-old-1024x576.jpg" alt="" class="wp-image-1796"/>'
    assert render_content(f"<img {block}", _context()) == f'<p><img decoding="async" {block}</p>\n'
    classic = f'class="wp-image-1796" src="{UPLOADS}workshop-old-300x169.jpg" width="300" height="169" />'
    assert render_content(f"<img {classic}", _context()) == f'<p><img decoding="async" loading="lazy" {classic}</p>\n'
