"""The block parser reproduces WP_Block_Parser on the grammar's edge cases."""

from __future__ import annotations

from app.rendering.blocks import Block, has_blocks, parse_blocks

REFERENCE_DOCUMENT = (
    '<!-- wp:paragraph {"align":"center"} -->\n<p class="has-text-align-center">Hi</p>\n<!-- /wp:paragraph -->\n\n'
    '<!-- wp:block {"ref":42} /-->\n\n'
    '<!-- wp:columns -->\n<div class="wp-block-columns"><!-- wp:column -->\n<div class="wp-block-column">A</div>\n'
    "<!-- /wp:column --></div>\n<!-- /wp:columns -->"
)


def test_reference_document_parses_to_blocks_and_freeform_gaps() -> None:
    blocks = parse_blocks(REFERENCE_DOCUMENT)
    assert [b.name for b in blocks] == ["core/paragraph", None, "core/block", None, "core/columns"]
    assert blocks[0].attrs == {"align": "center"}
    assert blocks[0].inner_html == '\n<p class="has-text-align-center">Hi</p>\n'
    assert blocks[1].inner_content == ["\n\n"]
    assert blocks[2] == Block("core/block", {"ref": 42}, [], "", [])


def test_inner_blocks_leave_a_null_placeholder_in_inner_content() -> None:
    columns = parse_blocks(REFERENCE_DOCUMENT)[4]
    assert columns.inner_content == ['\n<div class="wp-block-columns">', None, "</div>\n"]
    assert columns.inner_html == '\n<div class="wp-block-columns"></div>\n'
    assert columns.inner_blocks[0].inner_html == '\n<div class="wp-block-column">A</div>\n'


def test_delimiter_without_whitespace_is_plain_html() -> None:
    assert parse_blocks("<!--wp:paragraph--><p>x</p>") == [
        Block(None, {}, [], "<!--wp:paragraph--><p>x</p>", ["<!--wp:paragraph--><p>x</p>"])
    ]


def test_namespaced_name_is_kept_and_core_is_implied() -> None:
    blocks = parse_blocks('<!-- wp:acf/testimonial {"id":"x"} /--><!-- wp:latest-posts /-->')
    assert [b.name for b in blocks] == ["acf/testimonial", "core/latest-posts"]


def test_invalid_json_attributes_decode_to_none() -> None:
    assert parse_blocks("<!-- wp:paragraph {not json} -->x<!-- /wp:paragraph -->")[0].attrs is None


def test_escaped_characters_in_attributes_are_decoded() -> None:
    block = parse_blocks('<!-- wp:html {"c":"a \\u002d\\u002d \\u003cb\\u003e"} /-->')[0]
    assert block.attrs == {"c": "a -- <b>"}


def test_closer_closes_innermost_block_whatever_its_name() -> None:
    blocks = parse_blocks("<!-- wp:group --><!-- wp:paragraph -->x<!-- /wp:group --><!-- /wp:paragraph -->")
    assert len(blocks) == 1
    assert blocks[0].name == "core/group"
    assert blocks[0].inner_blocks[0].inner_html == "x"


def test_unclosed_opener_is_closed_at_end_of_input() -> None:
    block = parse_blocks("<!-- wp:quote --><blockquote>q</blockquote>")[0]
    assert block.name == "core/quote"
    assert block.inner_html == "<blockquote>q</blockquote>"


def test_stray_closer_turns_the_rest_into_freeform() -> None:
    blocks = parse_blocks("a<!-- /wp:paragraph -->b")
    assert blocks == [Block(None, {}, [], "a<!-- /wp:paragraph -->b", ["a<!-- /wp:paragraph -->b"])]


def test_classic_content_is_a_single_freeform_block() -> None:
    assert [b.name for b in parse_blocks("Hello\n\nworld")] == [None]
    assert parse_blocks("") == []


def test_has_blocks_looks_for_an_opener() -> None:
    assert has_blocks("x <!-- wp:paragraph -->")
    assert not has_blocks("<!--wp:paragraph-->")
