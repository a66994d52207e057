"""Render every public Theme Unit Test post and page and compare with what WordPress 6.1 answered."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from app.rendering.excerpt import render_excerpt
from app.rendering.pipeline import render_content, render_title
from tests.rendering.wxr_corpus import (
    GOLDEN,
    WXR,
    InMemoryContext,
    WxrItem,
    golden_list_entries,
    golden_single_entries,
    load_wxr_items,
    published_reusable_blocks,
)

pytestmark = pytest.mark.skipif(not (WXR.exists() and GOLDEN.exists()), reason="shared fixtures absent")

# Posts whose content.rendered still differs, and why.
# The listing blocks render (see test_golden_site_blocks.py, which compares them block by block on an
# imported site); what keeps these posts apart from WordPress's answer:
_WIDGETS = (
    "the calendar shows the capture's request month (ours: the month of the write); the RSS error quotes the "
    "capture machine's HTTP failure (we never fetch); tag cloud ties; core/page-list and core/social-link "
    "are not rendered yet"
)
KNOWN_CONTENT_DIFFERENCES = {
    34: _WIDGETS,
    51: "theme blocks (site title/logo, query loop, post terms, comments, navigation) are not rendered yet; "
    "the query pagination links carry the request's URI",
    1781: _WIDGETS + '; WordPress numbered the posts\' terms afresh ({"categories":"6"} is its term 6)',
}
# The collection responses carry request state a stored rendering cannot have: after the first block
# post in a list, _restore_wpautop_hook() re-adds wpautop *after* shortcode_unautop (so standalone
# shortcodes keep their <p>), and wp_unique_id() counters run on across posts. The single-item
# captures are free of both, so they are the reference wherever they exist.
MIN_EQUAL_SHARE = 0.95
_WHITESPACE = re.compile(r"\s+")


def normalise(html: str) -> str:
    """Collapse whitespace and put every golden URL on one host, as the comparison requires."""
    return _WHITESPACE.sub(" ", html).strip()


@pytest.fixture(scope="module")
def corpus() -> tuple[dict[int, WxrItem], dict[int, dict[str, Any]]]:
    items = load_wxr_items()
    listed = golden_list_entries()
    reference = listed | golden_single_entries(sorted(listed))
    return items, reference


def _context(post_id: int, items: dict[int, WxrItem]) -> InMemoryContext:
    return InMemoryContext(post_id=post_id, reusable_blocks=published_reusable_blocks(items))


def _mismatches(
    corpus: tuple[dict[int, WxrItem], dict[int, dict[str, Any]]],
    field: str,
    render: Callable[[int, WxrItem], str],
) -> list[int]:
    items, reference = corpus
    wrong = [
        pid
        for pid, entry in reference.items()
        if normalise(render(pid, items[pid])) != normalise(entry[field]["rendered"])
    ]
    share = 1 - len(wrong) / len(reference)
    print(f"{field}.rendered: {share:.1%} of {len(reference)} equal; different: {sorted(wrong)}")  # noqa: T201
    return wrong


def test_content_rendered_matches_wordpress(corpus: tuple[dict[int, WxrItem], dict[int, dict[str, Any]]]) -> None:
    items = corpus[0]
    wrong = _mismatches(corpus, "content", lambda pid, item: render_content(item.content, _context(pid, items)))
    assert set(wrong) <= set(KNOWN_CONTENT_DIFFERENCES)
    assert 1 - len(wrong) / len(corpus[1]) >= MIN_EQUAL_SHARE


def test_excerpt_rendered_matches_wordpress(corpus: tuple[dict[int, WxrItem], dict[int, dict[str, Any]]]) -> None:
    items = corpus[0]
    wrong = _mismatches(
        corpus, "excerpt", lambda pid, item: render_excerpt(item.excerpt, item.content, _context(pid, items))
    )
    assert wrong == []


def test_title_rendered_matches_wordpress(corpus: tuple[dict[int, WxrItem], dict[int, dict[str, Any]]]) -> None:
    wrong = _mismatches(corpus, "title", lambda pid, item: render_title(item.title))
    assert wrong == []


_UNIQUE_ID = re.compile(r"(wp-container-|wp-block-gallery-|wp-duotone-[0-9a-z-]+?-)\d+")
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")
_WRAPPED_FIGURE = re.compile(r"<p>(<figure .*?</figure>)</p>", re.DOTALL)


def _without_request_state(html: str) -> str:
    # What the list responses add: <p> kept around standalone shortcodes, counters run on.
    html = _EMPTY_PARAGRAPH.sub("", _WRAPPED_FIGURE.sub(r"\1", html))
    return normalise(_UNIQUE_ID.sub(r"\1N", html))


def test_list_responses_differ_only_by_request_state(
    corpus: tuple[dict[int, WxrItem], dict[int, dict[str, Any]]],
) -> None:
    items, _ = corpus
    for pid, entry in golden_list_entries().items():
        if pid in KNOWN_CONTENT_DIFFERENCES or entry["content"]["protected"]:
            continue
        ours = render_content(items[pid].content, _context(pid, items))
        assert _without_request_state(ours) == _without_request_state(entry["content"]["rendered"]), pid
