"""Block supports applied by ``render_block`` filters (``wp_render_layout_support_flag``, 6.1)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from app.rendering.blocks import Block

if TYPE_CHECKING:
    from app.rendering.block_render import BlockRenderer

# Core blocks that declare `__experimentalLayout` support in 6.1, with their default layout and
# whether they skip serializing blockGap (the gallery does, it writes its own gap CSS).
_LAYOUT_DEFAULTS: dict[str, dict[str, Any]] = {
    "core/group": {},
    "core/column": {},
    "core/columns": {"type": "flex", "flexWrap": "nowrap"},
    "core/buttons": {"type": "flex"},
    "core/social-links": {"type": "flex"},
    "core/navigation": {"type": "flex"},
    "core/gallery": {"type": "flex"},
    "core/query": {},
    "core/post-template": {},
    "core/query-pagination": {"type": "flex"},
    "core/post-content": {},
}
_SKIPS_GAP_SERIALIZATION = frozenset({"core/gallery"})
_LAYOUT_CLASSES = {"default": "is-layout-flow", "constrained": "is-layout-constrained", "flex": "is-layout-flex"}
_UNSAFE_GAP = re.compile(r"[\\(&=}]|/\*")
_FIRST_CLASS = re.compile(r'class="')
_NON_SLUG = re.compile(r"[^a-z0-9_-]+")


def _gap_value(block: Block) -> Any:
    style = (block.attrs or {}).get("style")
    spacing = style.get("spacing") if isinstance(style, dict) else None
    gap = spacing.get("blockGap") if isinstance(spacing, dict) else None
    if isinstance(gap, str) and _UNSAFE_GAP.search(gap):
        return None
    return gap


def _generates_style(layout: dict[str, Any], gap: Any, skip_gap: bool) -> bool:
    # Mirrors when wp_get_layout_style() returns CSS (the theme supports blockGap).
    kind = layout.get("type", "default")
    has_gap = gap is not None and not skip_gap
    if kind == "flex":
        vertical = layout.get("orientation", "horizontal") != "horizontal"
        aligned = bool(layout.get("justifyContent") or layout.get("verticalAlignment"))
        return vertical or aligned or layout.get("flexWrap") == "nowrap" or has_gap
    if kind == "constrained":
        return bool(layout.get("contentSize") or layout.get("wideSize")) or has_gap
    return has_gap


def _slug(value: str) -> str:
    return _NON_SLUG.sub("-", value.lower()).strip("-")


def _class_names(layout: dict[str, Any], own: dict[str, Any]) -> list[str]:
    names = []
    if layout.get("type") == "constrained":
        names.append("has-global-padding")  # useRootPaddingAwareAlignments in the theme
    if layout.get("orientation"):
        names.append("is-" + _slug(str(layout["orientation"])))
    if own.get("justifyContent"):
        names.append("is-content-justification-" + _slug(str(own["justifyContent"])))
    if own.get("flexWrap") == "nowrap":
        names.append("is-nowrap")
    return names


def apply_layout_support(block: Block, content: str, renderer: BlockRenderer) -> str:
    """``wp_render_layout_support_flag()``: layout classes and, when CSS is generated, a container id."""
    default = _LAYOUT_DEFAULTS.get(block.name or "")
    if default is None:
        return content
    own = (block.attrs or {}).get("layout")
    own = own if isinstance(own, dict) else {}
    layout = dict(own) if "layout" in (block.attrs or {}) else dict(default)
    if layout.get("inherit") or layout.get("contentSize"):
        layout["type"] = "constrained"
    container = renderer.next_unique_id("wp-container-")
    names = _class_names(layout, own)
    names.append(_LAYOUT_CLASSES.get(layout.get("type", "default"), ""))
    if _generates_style(layout, _gap_value(block), block.name in _SKIPS_GAP_SERIALIZATION):
        names.append(container)
    joined = " ".join(name for name in names if name)
    return _FIRST_CLASS.sub(f'class="{joined} ', content, count=1)


# Blocks declaring `color.__experimentalDuotone` support in 6.1.
_DUOTONE_BLOCKS = frozenset({"core/image", "core/cover", "core/site-logo", "core/post-featured-image"})
_NON_KEY = re.compile(r"[^a-z0-9_\-]")


def apply_duotone_support(block: Block, content: str, renderer: BlockRenderer) -> str:
    """``wp_render_duotone_support()``: the filter class for a custom duotone (its CSS lives elsewhere)."""
    if block.name not in _DUOTONE_BLOCKS:
        return content
    style = (block.attrs or {}).get("style")
    color = style.get("color") if isinstance(style, dict) else None
    duotone = color.get("duotone") if isinstance(color, dict) else None
    if not isinstance(duotone, list):
        return content
    slug = renderer.next_unique_id(_NON_KEY.sub("", ("-".join(map(str, duotone)) + "-").lower()))
    return _FIRST_CLASS.sub(f'class="wp-duotone-{slug} ', content, count=1)
