"""wptexturize produces WordPress's numeric entities and skips code and shortcodes."""

from __future__ import annotations

import pytest

from app.rendering.pipeline import render_title, wptexturize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('"Hello"', "&#8220;Hello&#8221;"),
        ("It's", "It&#8217;s"),
        ("'quoted'", "&#8216;quoted&#8217;"),
        ("a -- b", "a &#8212; b"),
        ("a---b", "a&#8212;b"),
        ("1--2", "1&#8211;2"),
        ("a - b", "a &#8211; b"),
        ("wait...", "wait&#8230;"),
        ("a 2x4 board", "a 2&#215;4 board"),
        ("the '90s", "the &#8217;90s"),
        ("6' 2\"", "6&#8242; 2&#8243;"),
        ("Brand (tm)", "Brand &#8482;"),
        ("Tom & Jerry", "Tom &#038; Jerry"),
        ("&amp; stays", "&amp; stays"),
        ("``quote''", "&#8220;quote&#8221;"),
        ("xn--idn", "xn--idn"),
    ],
)
def test_plain_text_replacements(raw: str, expected: str) -> None:
    assert wptexturize(raw) == expected


def test_code_pre_kbd_and_script_are_left_alone() -> None:
    raw = '<code>"a" -- b</code> <pre>it\'s</pre> <kbd>...</kbd> <script>x = "y";</script>'
    assert wptexturize(raw) == raw


def test_text_after_a_closed_code_element_is_texturized() -> None:
    assert wptexturize("<code>'a'</code> it's") == "<code>'a'</code> it&#8217;s"


def test_tag_attributes_are_not_texturized_but_bare_ampersands_are_escaped() -> None:
    assert wptexturize('<a title="x -- y" href="?a=1&b=2">"z"</a>') == (
        '<a title="x -- y" href="?a=1&#038;b=2">&#8220;z&#8221;</a>'
    )


def test_registered_shortcode_brackets_are_not_texturized() -> None:
    assert wptexturize('[caption align="x"]"a"[/caption]') == '[caption align="x"]&#8220;a&#8221;[/caption]'


def test_html_comments_are_not_texturized() -> None:
    assert wptexturize("<!-- it's -- here -->") == "<!-- it's -- here -->"


def test_title_filters_texturize_escape_and_trim() -> None:
    assert render_title(' "Tom & Jerry\'s" -- ok ') == "&#8220;Tom &#038; Jerry&#8217;s&#8221; &#8212; ok"


def test_title_keeps_markup_and_fixes_the_capital_p() -> None:
    assert render_title("Wordpress <em>rocks</em>") == "WordPress <em>rocks</em>"
