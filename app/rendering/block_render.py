"""``do_blocks()``/``render_block()``: saved markup for static blocks, callbacks for dynamic ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.rendering.block_supports import apply_duotone_support, apply_layout_support
from app.rendering.blocks import Block, parse_blocks
from app.rendering.context import RenderContext
from app.rendering.static_blocks import prepare_top_level

# A server-side render callback: (block, rendered inner content, renderer) -> HTML.
BlockCallback = Callable[[Block, str, "BlockRenderer"], str]


@dataclass
class BlockRenderer:
    """Renders parsed blocks for one piece of content; keeps the per-request counters WordPress keeps."""

    ctx: RenderContext
    callbacks: dict[str, BlockCallback]
    embed_reusable: Callable[[str], str]
    unique_id_counter: int = 0
    seen_refs: set[int] = field(default_factory=set)
    # Counters of blocks that number their instances themselves (a PHP static), by prefix.
    own_counters: dict[str, int] = field(default_factory=dict)
    # The block parser (a caching one when the same text is parsed more than once); trees are never changed.
    parse: Callable[[str], list[Block]] = parse_blocks

    def next_unique_id(self, prefix: str) -> str:
        """``wp_unique_id()``: one counter shared by every prefix, as in WordPress."""
        self.unique_id_counter += 1
        return f"{prefix}{self.unique_id_counter}"

    def next_own_id(self, prefix: str) -> str:
        """A block's own ``static $block_id`` counter (``core/categories``), apart from ``wp_unique_id()``."""
        self.own_counters[prefix] = self.own_counters.get(prefix, 0) + 1
        return f"{prefix}{self.own_counters[prefix]}"

    def render(self, block: Block) -> str:
        """``WP_Block::render()`` followed by the ``render_block`` filters."""
        inner = self._inner(block)
        callback = self.callbacks.get(block.name or "")
        content = callback(block, inner, self) if callback is not None else inner
        if block.name is not None:
            content = apply_duotone_support(block, content, self)
            content = apply_layout_support(block, content, self)
        return content

    def _inner(self, block: Block) -> str:
        pieces: list[str] = []
        inner_blocks = iter(block.inner_blocks)
        for chunk in block.inner_content:
            pieces.append(chunk if chunk is not None else self.render(next(inner_blocks)))
        return "".join(pieces)

    def do_blocks(self, content: str) -> str:
        """``do_blocks()``: render every top-level block and concatenate."""
        return "".join(self.render(prepare_top_level(block)) for block in self.parse(content))

    def render_reusable(self, block: Block, inner: str, renderer: BlockRenderer) -> str:
        """``render_block_core_block()``: expand a ``wp_block`` reference, refusing to recurse."""
        ref = (block.attrs or {}).get("ref")
        if not isinstance(ref, int) or ref <= 0 or ref in self.seen_refs:
            return ""
        raw = self.ctx.reusable_block(ref)
        if raw is None:
            return ""
        self.seen_refs.add(ref)
        try:
            return self.do_blocks(self.embed_reusable(raw))
        finally:
            self.seen_refs.discard(ref)
