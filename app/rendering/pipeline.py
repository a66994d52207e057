"""The ``the_content`` and ``the_title`` filter chains of WordPress 6.1."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.rendering.autop import shortcode_unautop, shortcode_unautop_pattern, wpautop
from app.rendering.block_render import BlockRenderer
from app.rendering.blocks import Block, has_blocks, parse_blocks
from app.rendering.content_tags import filter_content_tags
from app.rendering.context import RenderContext
from app.rendering.dynamic_blocks import dynamic_block_callbacks
from app.rendering.embeds import Embedder
from app.rendering.media_galleries import Galleries
from app.rendering.media_shortcodes import MediaPlayers, caption_shortcode
from app.rendering.shortcodes import ShortcodeRegistry
from app.rendering.texturize import Texturizer
from app.rendering.typography import (
    capital_p_dangit,
    capital_p_dangit_title,
    convert_chars,
    convert_smilies,
    targeted_link_rel,
)

# The shortcodes a default WordPress 6.1 registers, in registration order.
REGISTERED_SHORTCODES = ("embed", "wp_caption", "caption", "gallery", "playlist", "audio", "video")
_TEXTURIZE = Texturizer(REGISTERED_SHORTCODES)
UNAUTOP_PATTERN = shortcode_unautop_pattern(REGISTERED_SHORTCODES)


def wptexturize(text: str, memo: dict[str, str] | None = None) -> str:
    """``wptexturize()`` with WordPress's default shortcodes registered (``memo``: see :class:`RenderMemo`)."""
    return _TEXTURIZE(text, memo)


@dataclass
class RenderMemo:
    """Results of pure steps that one entry's content and excerpt passes both compute: the excerpt parses
    and texturizes much of what the content pass did. Keyed by the exact input, so never stale."""

    block_trees: dict[str, list[Block]] = field(default_factory=dict)
    # Texturized text runs (wptexturize works run by run between tags).
    texturized: dict[str, str] = field(default_factory=dict)

    def parse_blocks(self, content: str) -> list[Block]:
        """``parse_blocks()``, once per distinct text (renderers never change a tree)."""
        tree = self.block_trees.get(content)
        if tree is None:
            tree = self.block_trees[content] = parse_blocks(content)
        return tree


@dataclass
class ContentFilters:
    """The state one ``apply_filters('the_content', ...)`` run shares (instance counters, embeds)."""

    ctx: RenderContext
    memo: RenderMemo = field(default_factory=RenderMemo)
    # The shortcode handlers and the block renderer are made on first use: most runs need only some of them
    # (functools.cached_property would take a lock for each).
    _shortcodes: ShortcodeRegistry | None = field(default=None, init=False, repr=False)
    _blocks: BlockRenderer | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.embedder = Embedder(self.ctx)

    @property
    def shortcodes(self) -> ShortcodeRegistry:
        """The registered shortcodes, with this run's handlers."""
        if self._shortcodes is None:
            self._shortcodes = self._registry()
        return self._shortcodes

    @property
    def blocks(self) -> BlockRenderer:
        """This run's block renderer."""
        if self._blocks is None:
            self._blocks = BlockRenderer(self.ctx, {}, self._embed_pass, parse=self.memo.parse_blocks)
            self._blocks.callbacks = dynamic_block_callbacks(self._blocks)
        return self._blocks

    def _registry(self) -> ShortcodeRegistry:
        players = MediaPlayers(self.ctx)
        galleries = Galleries(self.ctx)
        return ShortcodeRegistry(
            {
                "embed": self.embedder.embed_shortcode,
                "wp_caption": self._caption,
                "caption": self._caption,
                "gallery": galleries.gallery,
                "playlist": galleries.playlist,
                "audio": players.audio,
                "video": players.video,
            }
        )

    def _caption(self, attrs: object, content: str | None, tag: str) -> str:
        return caption_shortcode(attrs, content, self.shortcodes.do_shortcode)  # type: ignore[arg-type]

    def _embed_pass(self, content: str) -> str:
        return self.embedder.autoembed(self.embedder.run_shortcode(content))

    def the_content(self, raw: str, *, filter_tags: bool = True, autop_last: bool = False) -> str:
        """Run the default ``the_content`` callbacks in priority order.

        ``autop_last``: the order once a block post was rendered earlier in the same request. ``do_blocks()``
        takes ``wpautop`` off for block content and puts it back afterwards at the end of its priority, behind
        ``shortcode_unautop``, so a later classic post keeps the paragraphs around its standalone shortcodes.
        """
        return self.finish(self.expand(raw, autop_last=autop_last), filter_tags=filter_tags)

    def expand(self, raw: str, *, autop_last: bool = False) -> str:
        """The ``the_content`` callbacks up to ``do_shortcode`` (what :meth:`finish` completes)."""
        content = self._embed_pass(raw)
        is_block_content = has_blocks(content)
        if is_block_content:
            content = self.blocks.do_blocks(content)
        content = wptexturize(content, self.memo.texturized)
        if not is_block_content:
            content = wpautop(content)
        if not autop_last:
            content = shortcode_unautop(content, UNAUTOP_PATTERN)
        content = capital_p_dangit(content)
        return self.shortcodes.do_shortcode(content) if "[" in content else content

    def finish(self, content: str, *, filter_tags: bool = True) -> str:
        """The last ``the_content`` callbacks: ``wp_filter_content_tags`` (unless told not to), smilies."""
        if filter_tags:
            content = filter_content_tags(content, self.ctx)
        return convert_smilies(content, self.ctx.site_url)


def render_content(raw: str, ctx: RenderContext, *, autop_last: bool = False) -> str:
    """``content.rendered``: the ``the_content`` filter chain applied to raw post content (``autop_last``: see
    :meth:`ContentFilters.the_content`)."""
    # wp_targeted_link_rel() runs when WordPress saves a post, so imported content gets it too.
    return ContentFilters(ctx).the_content(targeted_link_rel(raw), autop_last=autop_last)


def render_title(raw: str) -> str:
    """``title.rendered``: ``the_title`` filters (texturize, convert_chars, trim, capital_P_dangit)."""
    return capital_p_dangit_title(convert_chars(wptexturize(raw)).strip(" \t\n\r\0\x0b"))
