"""Render-time tweaks WordPress 6.1 makes to blocks whose markup is otherwise saved as-is."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.rendering.blocks import Block

if TYPE_CHECKING:
    from app.rendering.block_render import BlockRenderer

_FIRST_CLASS = re.compile(r'class="')


def prepare_top_level(block: Block) -> Block:
    """The ``render_block_data`` filters, which 6.1 runs for top-level blocks only.

    ``block_core_gallery_data_id_backcompatibility()`` copies each inner image's ``id`` to ``data-id``.
    """
    if block.name == "core/gallery":
        for inner in block.inner_blocks:
            attrs = inner.attrs if inner.attrs is not None else {}
            if inner.name == "core/image" and "data-id" not in attrs and "id" in attrs:
                inner.attrs = {**attrs, "data-id": str(attrs["id"])}
    return block


def render_image(block: Block, content: str, renderer: BlockRenderer) -> str:
    """``render_block_core_image()``: put the gallery's ``data-id`` on the ``<img>``."""
    data_id = (block.attrs or {}).get("data-id")
    if data_id is None:
        return content
    attribute = f'data-id="{data_id}"'
    return content if attribute in content else content.replace("<img", f"<img {attribute} ")


def render_gallery(block: Block, content: str, renderer: BlockRenderer) -> str:
    """``block_core_gallery_render()``: a unique class the gallery's gap CSS targets."""
    return _FIRST_CLASS.sub(f'class="{renderer.next_unique_id("wp-block-gallery-")} ', content, count=1)
