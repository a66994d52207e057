"""Server-side render callbacks of the core blocks that imported content uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.rendering.site_blocks import SITE_BLOCKS
from app.rendering.static_blocks import render_gallery, render_image

if TYPE_CHECKING:
    from app.rendering.block_render import BlockCallback, BlockRenderer


def dynamic_block_callbacks(renderer: BlockRenderer) -> dict[str, BlockCallback]:
    """The render callbacks, keyed by block name."""
    callbacks: dict[str, BlockCallback] = {"core/gallery": render_gallery, "core/image": render_image}
    return {"core/block": renderer.render_reusable, **callbacks, **SITE_BLOCKS}
