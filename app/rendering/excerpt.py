"""``excerpt.rendered``: ``wp_trim_excerpt()`` and the ``the_excerpt`` filters."""

from __future__ import annotations

import re

from app.rendering.autop import shortcode_unautop, wpautop
from app.rendering.blocks import Block, has_blocks
from app.rendering.content_tags import filter_content_tags
from app.rendering.context import RenderContext
from app.rendering.pipeline import UNAUTOP_PATTERN, ContentFilters, wptexturize
from app.rendering.typography import convert_chars, convert_smilies, targeted_link_rel

EXCERPT_LENGTH = 55
EXCERPT_MORE = " [&hellip;]"
# excerpt_remove_blocks(): blocks whose HTML may appear in a generated excerpt.
_ALLOWED_INNER = frozenset(
    {None, "core/freeform", "core/heading", "core/html", "core/list", "core/media-text", "core/paragraph"}
    | {"core/preformatted", "core/pullquote", "core/quote", "core/table", "core/verse"}
)
_ALLOWED_WRAPPERS = frozenset({"core/columns", "core/column", "core/group"})
_ALLOWED = _ALLOWED_INNER | _ALLOWED_WRAPPERS
_MORE = re.compile(r"<!--more(.*?)?-->")
_MORE_BLOCK_DELIMITER = re.compile(r"<!-- /?wp:more(.*?) -->")
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)[^>]*?>.*?</\1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<!--.*?(?:-->|$)|<[^\s<>][^>]*(?:>|$)", re.DOTALL)
_WORD_SEPARATOR = re.compile(r"[\n\r\t ]+")


def first_page_teaser(content: str) -> str:
    """What ``get_the_content()`` returns outside single views: page 1, up to ``<!--more-->``."""
    if "<!--nextpage-->" in content:
        for old in ("\n<!--nextpage-->\n", "\n<!--nextpage-->", "<!--nextpage-->\n"):
            content = content.replace(old, "<!--nextpage-->")
        content = content.replace("<!-- wp:nextpage -->", "").replace("<!-- /wp:nextpage -->", "")
        content = content.removeprefix("<!--nextpage-->").split("<!--nextpage-->", 1)[0]
    more = _MORE.search(content)
    if more is None:
        return content
    if "<!-- wp:more" in content:
        content = _MORE_BLOCK_DELIMITER.sub("", content)
    return _balance_tags(content.split(more.group(0), 1)[0])


_OPEN_OR_CLOSE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track"})


def _balance_tags(html: str) -> str:
    # force_balance_tags(): close what the teaser left open (enough for excerpt word counting).
    stack: list[str] = []
    for match in _OPEN_OR_CLOSE.finditer(html):
        name = match.group(2).lower()
        if match.group(3) or name in _VOID_TAGS:
            continue
        if not match.group(1):
            stack.append(name)
        elif name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name) :]
    return html + "".join(f"</{name}>" for name in reversed(stack))


def _render_inner_allowed(block: Block, filters: ContentFilters) -> str:
    # _excerpt_render_inner_blocks()
    out = []
    for inner in block.inner_blocks:
        if inner.name not in _ALLOWED:
            continue
        out.append(filters.blocks.render(inner) if not inner.inner_blocks else _render_inner_allowed(inner, filters))
    return "".join(out)


def excerpt_remove_blocks(content: str, filters: ContentFilters) -> str:
    """``excerpt_remove_blocks()``: render only blocks that make sense in an excerpt."""
    if not has_blocks(content):
        return content
    out = []
    for block in filters.blocks.parse(content):
        if block.name not in _ALLOWED:
            continue
        if block.inner_blocks and block.name in _ALLOWED_WRAPPERS:
            out.append(_render_inner_allowed(block, filters))
            continue
        if any(inner.name not in _ALLOWED_INNER or inner.inner_blocks for inner in block.inner_blocks):
            continue
        out.append(filters.blocks.render(block))
    return "".join(out)


def strip_all_tags(text: str) -> str:
    """``wp_strip_all_tags()``: drop scripts and styles with their content, then every tag."""
    return _TAG.sub("", _SCRIPT_OR_STYLE.sub("", text)).strip(" \t\n\r\0\x0b")


def trim_words(text: str, length: int = EXCERPT_LENGTH, more: str = EXCERPT_MORE) -> str:
    """``wp_trim_words()``: keep ``length`` whitespace-separated words, append ``more`` if cut."""
    words = [word for word in _WORD_SEPARATOR.split(strip_all_tags(text), maxsplit=length) if word]
    if len(words) > length:
        return " ".join(words[:length]) + more
    return " ".join(words)


def generate_excerpt(raw_content: str, ctx: RenderContext, prepended: str = "") -> str:
    """``wp_trim_excerpt()`` for a post without a manual excerpt (``prepended``: see :func:`_trimmed`)."""
    filters = ContentFilters(ctx)
    return _trimmed_teaser(filters.shortcodes.strip_shortcodes(first_page_teaser(raw_content)), filters, prepended)


def _trimmed_teaser(teaser: str, filters: ContentFilters, prepended: str) -> str:
    # wp_trim_excerpt() once the teaser is stripped of shortcodes, with a fresh the_content run.
    return _trimmed(filters.the_content(excerpt_remove_blocks(teaser, filters), filter_tags=False), prepended)


def _trimmed(the_content: str, prepended: str) -> str:
    # the_content of an attachment starts with its file (prepend_attachment, a the_content filter, runs in
    # wp_trim_excerpt too): a file shown as a link to its title starts the generated caption with the title.
    text = f"{prepended}\n{the_content}" if prepended else the_content
    return trim_words(text.replace("]]>", "]]&gt;"))


def _the_excerpt(text: str, ctx: RenderContext) -> str:
    text = convert_chars(convert_smilies(wptexturize(text), ctx.site_url))
    return filter_content_tags(shortcode_unautop(wpautop(text), UNAUTOP_PATTERN), ctx)


def _has_manual_excerpt(raw_excerpt: str) -> bool:
    return bool(raw_excerpt.strip(" \t\n\r\0\x0b"))


def render_excerpt(raw_excerpt: str, raw_content: str, ctx: RenderContext) -> str:
    """``excerpt.rendered``: the manual excerpt or a generated one, through ``the_excerpt`` filters."""
    text = raw_excerpt if _has_manual_excerpt(raw_excerpt) else generate_excerpt(raw_content, ctx)
    return _the_excerpt(text, ctx)


def render_content_and_excerpt(
    raw_content: str, raw_excerpt: str, ctx: RenderContext, prepended: str = ""
) -> tuple[str, str]:
    """``content.rendered`` and ``excerpt.rendered`` of one post, exactly as :func:`render_content` and
    :func:`render_excerpt` give them, running ``the_content`` once when both passes would run it alike.

    A generated excerpt runs ``the_content`` on the teaser without shortcodes or excluded blocks. When
    that input is the very string the content pass starts from (no ``<!--more-->``/``<!--nextpage-->``,
    no registered shortcode, no block, nothing ``wp_targeted_link_rel`` changed), both passes compute
    the same thing up to ``do_shortcode`` with fresh per-run state, so the excerpt reuses it and only
    the content pass goes on to ``wp_filter_content_tags``. ``prepended`` is what ``prepend_attachment``
    puts before an attachment's description, which a generated caption starts with too.
    """
    saved = targeted_link_rel(raw_content)
    filters = ContentFilters(ctx)
    expanded = filters.expand(saved)
    content = filters.finish(expanded)
    if _has_manual_excerpt(raw_excerpt):
        return content, _the_excerpt(raw_excerpt, ctx)
    teaser = filters.shortcodes.strip_shortcodes(first_page_teaser(raw_content))
    if teaser == saved and not has_blocks(teaser):
        text = _trimmed(filters.finish(expanded, filter_tags=False), prepended)
    else:
        # A fresh run (its own counters), sharing what the content pass parsed and texturized.
        text = _trimmed_teaser(teaser, ContentFilters(ctx, filters.memo), prepended)
    return content, _the_excerpt(text, ctx)
