"""``content.rendered`` of posts listed together, as WordPress renders them one after another in one request.

A stored rendering is what a request for that post alone answers. Two pieces of WordPress's state outlive one
post within a request, so a list differs from its posts' single answers:

* ``do_blocks()`` takes ``wpautop`` off the ``the_content`` filter for block content and puts it back behind
  ``shortcode_unautop``: every classic post after a block post keeps ``<p>`` around its standalone shortcodes.
* ``gallery_shortcode()`` numbers its galleries (``gallery-N``) with a counter of the whole request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.content.render_batch import load_texts
from app.content.render_context import RenderData
from app.core.settings import get_settings
from app.rendering import render_content
from app.rendering.blocks import has_blocks
from app.rendering.pipeline import REGISTERED_SHORTCODES

# A registered shortcode opening a line: wpautop() may give it a paragraph of its own.
_STANDALONE = re.compile(r"(?:^|\n)[ \t]*\[(?:" + "|".join(REGISTERED_SHORTCODES) + r")\b")
# Each gallery_shortcode() call ([[gallery]] is escaped, not a call).
_GALLERY_CALL = re.compile(r"(?<!\[)\[gallery(?=[\s\]/])")
# What carries a gallery's number in its output: its id, its stylesheet's selectors, its captions' ids.
_GALLERY_NUMBER = re.compile(r"(id='gallery-|#gallery-|aria-describedby=\"gallery-)(\d+)")


def listed_contents(session: Session, listed: Sequence[tuple[int, str, str]]) -> dict[int, str]:
    """New ``content.rendered`` for those of ``listed`` (entry ID, raw content, stored rendering; in the answer's
    order, only the entries whose content WordPress filters) that a list shows otherwise than on their own.

    Reads the database only to render an entry again, so an ordinary list costs no statement more.
    """
    after_blocks: list[int] = []
    blocks_seen = False
    for entry_id, content, _ in listed:
        if has_blocks(content):
            blocks_seen = True
        elif blocks_seen and _STANDALONE.search(content):
            after_blocks.append(entry_id)
    changed = _rendered_after_blocks(session, after_blocks)
    galleries = 0
    for entry_id, content, stored in listed:
        if galleries:
            html = changed.get(entry_id, stored)
            renumbered = _renumbered(html, galleries)
            if renumbered != stored:
                changed[entry_id] = renumbered
        galleries += len(_GALLERY_CALL.findall(content))
    return changed


def _renumbered(html: str, before: int) -> str:
    """``html``'s galleries numbered after the ``before`` galleries earlier in the request."""
    return _GALLERY_NUMBER.sub(lambda match: f"{match[1]}{int(match[2]) + before}", html)


def _rendered_after_blocks(session: Session, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    texts = load_texts(session, ids)
    data = RenderData.load(session, texts, get_settings().site_url)
    return {text.id: render_content(text.content, data.for_entry(text.id), autop_last=True) for text in texts}
