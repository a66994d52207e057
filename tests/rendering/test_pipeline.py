"""The the_content chain: embeds, blocks and the filters that depend on them."""

from __future__ import annotations

from app.rendering.pipeline import render_content
from tests.rendering.wxr_corpus import InMemoryContext


def test_bare_url_uses_cached_oembed_html() -> None:
    ctx = InMemoryContext(
        post_id=1, oembeds={"https://video.example/1": '<iframe src="e" width="5" height="3"></iframe>'}
    )
    assert render_content("Intro\n\nhttps://video.example/1\n\nEnd", ctx) == (
        '<p>Intro</p>\n<p><iframe loading="lazy" src="e" width="5" height="3"></iframe></p>\n<p>End</p>\n'
    )


def test_bare_url_without_cache_stays_text() -> None:
    assert render_content("https://video.example/1", InMemoryContext(post_id=1)) == "<p>https://video.example/1</p>\n"


def test_block_content_skips_wpautop() -> None:
    raw = "<!-- wp:paragraph -->\n<p>One\ntwo</p>\n<!-- /wp:paragraph -->"
    assert render_content(raw, InMemoryContext(post_id=1)) == "\n<p>One\ntwo</p>\n"


def test_reusable_block_is_expanded_and_recursion_stops() -> None:
    blocks = {5: '<!-- wp:paragraph --><p>Shared</p><!-- /wp:paragraph --><!-- wp:block {"ref":5} /-->'}
    ctx = InMemoryContext(post_id=1, reusable_blocks=blocks)
    assert render_content('<!-- wp:block {"ref":5} /-->', ctx) == "<p>Shared</p>"


def test_missing_reusable_block_renders_nothing() -> None:
    assert render_content('<!-- wp:block {"ref":9} /-->', InMemoryContext(post_id=1)) == ""


def test_group_gets_layout_classes_and_container_only_when_styled() -> None:
    raw = (
        '<!-- wp:group {"layout":{"type":"flex","orientation":"vertical"}} -->'
        '<div class="wp-block-group"></div><!-- /wp:group -->'
        '<!-- wp:group --><div class="wp-block-group"></div><!-- /wp:group -->'
    )
    assert render_content(raw, InMemoryContext(post_id=1)) == (
        '<div class="is-vertical is-layout-flex wp-container-1 wp-block-group"></div>'
        '<div class="is-layout-flow wp-block-group"></div>'
    )


def test_target_blank_links_get_noopener() -> None:
    assert render_content('<a href="x" target="_blank">y</a>', InMemoryContext(post_id=1)) == (
        '<p><a href="x" target="_blank" rel="noopener">y</a></p>\n'
    )


def test_smileys_become_emoji_outside_code() -> None:
    assert render_content("Hi :) <code>:)</code>", InMemoryContext(post_id=1)) == (
        "<p>Hi \U0001f642 <code>:)</code></p>\n"
    )


def test_capital_p_is_fixed_in_running_text() -> None:
    assert render_content("I use Wordpress", InMemoryContext(post_id=1)) == "<p>I use WordPress</p>\n"
