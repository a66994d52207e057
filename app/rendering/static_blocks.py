"""Render-time tweaks WordPress 6.1 makes to blocks whose markup is otherwise saved as-is."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from app.rendering.blocks import Block

if TYPE_CHECKING:
    from app.rendering.block_render import BlockRenderer

_FIRST_CLASS = re.compile(r'class="')


def prepare_top_level(block: Block) -> Block:
    """The ``render_block_data`` filters, which 6.1 runs for top-level blocks only.

    ``block_core_gallery_data_id_backcompatibility()`` copies each inner image's ``id`` to ``data-id``. The
    parsed block is left as it is (a copy carries the change): one parse may serve several renderings.
    """
    if block.name != "core/gallery":
        return block
    return replace(block, inner_blocks=[_with_data_id(inner) for inner in block.inner_blocks])


def _with_data_id(inner: Block) -> Block:
    attrs = inner.attrs if inner.attrs is not None else {}
    if inner.name == "core/image" and "data-id" not in attrs and "id" in attrs:
        return replace(inner, attrs={**attrs, "data-id": str(attrs["id"])})
    return inner


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
