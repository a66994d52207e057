"""Excerpts: the manual one as is, a generated one trimmed to 55 words."""

from __future__ import annotations

from app.rendering.excerpt import first_page_teaser, render_excerpt, trim_words
from tests.rendering.wxr_corpus import InMemoryContext


def test_manual_excerpt_is_used_untrimmed_and_wrapped() -> None:
    words = " ".join(["word"] * 80)
    assert render_excerpt(words, "ignored", InMemoryContext(post_id=1)) == f"<p>{words}</p>\n"


def test_generated_excerpt_keeps_55_words_and_appends_hellip() -> None:
    content = " ".join(f"w{i}" for i in range(80))
    expected = " ".join(f"w{i}" for i in range(55)) + " [&hellip;]"
    assert render_excerpt("", content, InMemoryContext(post_id=1)) == f"<p>{expected}</p>\n"


def test_generated_excerpt_drops_shortcodes_tags_and_text_after_more() -> None:
    content = '[gallery ids="1"]<strong>It\'s</strong> short.\n\n<!--more-->\n\nHidden'
    assert render_excerpt("", content, InMemoryContext(post_id=1)) == "<p>It&#8217;s short.</p>\n"


def test_generated_excerpt_skips_blocks_not_meant_for_excerpts() -> None:
    content = (
        "<!-- wp:paragraph --><p>Kept</p><!-- /wp:paragraph -->"
        '<!-- wp:image --><figure class="wp-block-image">Dropped</figure><!-- /wp:image -->'
    )
    assert render_excerpt("", content, InMemoryContext(post_id=1)) == "<p>Kept</p>\n"


def test_excerpt_uses_only_the_first_page() -> None:
    assert first_page_teaser("One\n<!--nextpage-->\nTwo") == "One"


def test_trim_words_counts_whitespace_separated_words() -> None:
    assert trim_words("a\tb\nc  d", 3, "!") == "a b c!"
    assert trim_words("<p>a b</p>", 3, "!") == "a b"
