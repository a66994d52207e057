"""WordPress 6.1's rendering of post content, excerpts and titles, as pure functions."""

from __future__ import annotations

from app.rendering.blocks import Block, parse_blocks
from app.rendering.context import AttachmentInfo, ImageSize, RenderContext
from app.rendering.excerpt import render_content_and_excerpt, render_excerpt
from app.rendering.pipeline import render_content, render_title

__all__ = [
    "AttachmentInfo",
    "Block",
    "ImageSize",
    "RenderContext",
    "parse_blocks",
    "render_content",
    "render_content_and_excerpt",
    "render_excerpt",
    "render_title",
]
