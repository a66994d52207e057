"""wpautop and shortcode_unautop behave like WordPress's formatting functions."""

from __future__ import annotations

from app.rendering.autop import shortcode_unautop, wpautop
from app.rendering.pipeline import UNAUTOP_PATTERN


def test_blank_lines_make_paragraphs_and_single_newlines_breaks() -> None:
    assert wpautop("Hello\nworld\n\nSecond") == "<p>Hello<br />\nworld</p>\n<p>Second</p>\n"


def test_block_elements_are_not_wrapped() -> None:
    assert wpautop("<h2>Title</h2>\nText") == "<h2>Title</h2>\n<p>Text</p>\n"


def test_pre_contents_are_left_alone() -> None:
    assert wpautop("<pre>a\n\nb</pre>") == "<pre>a\n\nb</pre>\n"


def test_newlines_inside_tags_survive() -> None:
    assert wpautop('<a\nhref="x">y</a>') == '<p><a\nhref="x">y</a></p>\n'


def test_whitespace_only_gives_empty_string() -> None:
    assert wpautop(" \n\t") == ""


def test_html_comment_on_its_own_line_is_wrapped() -> None:
    assert wpautop("One\n\n<!--more-->\n\nTwo") == "<p>One</p>\n<p><!--more--></p>\n<p>Two</p>\n"


def test_blockquote_paragraphs_move_inside() -> None:
    assert wpautop("<blockquote>Quote</blockquote>") == "<blockquote><p>Quote</p></blockquote>\n"


def test_registered_shortcode_alone_in_paragraph_is_unwrapped() -> None:
    assert shortcode_unautop('<p>[gallery ids="1,2"]</p>\n', UNAUTOP_PATTERN) == '[gallery ids="1,2"]\n'


def test_unknown_shortcode_keeps_its_paragraph() -> None:
    assert shortcode_unautop("<p>[unknown]</p>\n", UNAUTOP_PATTERN) == "<p>[unknown]</p>\n"
