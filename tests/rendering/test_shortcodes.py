"""Shortcode parsing and the built-in media shortcodes."""

from __future__ import annotations

from app.rendering.media_shortcodes import MediaPlayers
from app.rendering.pipeline import render_content
from app.rendering.shortcodes import ShortcodeRegistry, shortcode_parse_atts
from tests.rendering.wxr_corpus import InMemoryContext

CAPTION = (
    '[caption id="attachment_12" align="aligncenter" width="300"]'
    '<img class="size-medium wp-image-12" src="a.jpg" width="300" height="200" /> My caption[/caption]'
)


def test_attributes_are_parsed_named_quoted_and_positional() -> None:
    assert shortcode_parse_atts(' ID="1" b=\'two\' c=3 "four" five') == {
        "id": "1",
        "b": "two",
        "c": "3",
        0: "four",
        1: "five",
    }


def test_unknown_shortcodes_stay_as_text_and_escaped_ones_lose_a_bracket() -> None:
    registry = ShortcodeRegistry({"x": lambda attrs, content, tag: "X"})
    assert registry.do_shortcode("[unknown] [x] [[x]]") == "[unknown] X [x]"


def test_enclosing_shortcode_gets_its_content() -> None:
    registry = ShortcodeRegistry({"b": lambda attrs, content, tag: f"<b>{content}</b>"})
    assert registry.do_shortcode("[b]bold[/b] and [b /]") == "<b>bold</b> and <b>None</b>"


def test_brackets_inside_html_comments_do_not_form_shortcodes() -> None:
    registry = ShortcodeRegistry({"x": lambda attrs, content, tag: "X"})
    assert registry.do_shortcode("<!--[x]--> [x]") == "<!--[x]--> X"


def test_caption_becomes_an_html5_figure() -> None:
    assert render_content(CAPTION, InMemoryContext(post_id=1)) == (
        '<figure id="attachment_12" aria-describedby="caption-attachment-12" style="width: 300px" '
        'class="wp-caption aligncenter"><img decoding="async" loading="lazy" class="size-medium wp-image-12" '
        'src="a.jpg" width="300" height="200" /><figcaption id="caption-attachment-12" class="wp-caption-text">'
        "My caption</figcaption></figure>\n"
    )


def test_caption_without_width_returns_its_content() -> None:
    assert render_content('[caption width="0"]<img src="a.jpg" /> text[/caption]', InMemoryContext(post_id=1)) == (
        '<img decoding="async" src="a.jpg" />\n'
    )


def test_gallery_without_attachments_renders_nothing() -> None:
    assert render_content('[gallery columns="2"]', InMemoryContext(post_id=1)) == "\n"


def test_audio_with_mp3_source_renders_a_player_with_fallback_link() -> None:
    players = MediaPlayers(InMemoryContext(post_id=7))
    assert players.audio({"src": "https://e.org/a.mp3"}, None, "audio") == (
        "<!--[if lt IE 9]><script>document.createElement('audio');</script><![endif]-->\n"
        '<audio class="wp-audio-shortcode" id="audio-7-1" preload="none" style="width: 100%;" controls="controls">'
        '<source type="audio/mpeg" src="https://e.org/a.mp3?_=1" /><a href="https://e.org/a.mp3">'
        "https://e.org/a.mp3</a></audio>"
    )


def test_audio_without_source_or_attached_media_renders_nothing() -> None:
    players = MediaPlayers(InMemoryContext(post_id=7))
    assert players.audio({0: "https://e.org/a.mp3"}, None, "audio") == ""


def test_video_with_youtube_source_is_typed_as_youtube() -> None:
    players = MediaPlayers(InMemoryContext(post_id=3))
    html = players.video({"src": "https://www.youtube.com/watch?v=abc"}, None, "video")
    assert html.startswith('<div style="width: 640px;" class="wp-video">')
    assert '<source type="video/youtube" src="https://www.youtube.com/watch?v=abc&amp;_=1" />' in html


def test_embed_shortcode_without_cache_is_a_link() -> None:
    assert render_content("[embed]https://example.org/v[/embed]", InMemoryContext(post_id=1)) == (
        '<p><a href="https://example.org/v">https://example.org/v</a></p>\n'
    )
