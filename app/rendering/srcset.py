"""Responsive images: ``wp_calculate_image_srcset()`` and ``wp_image_add_srcset_and_sizes()``."""

from __future__ import annotations

import math
import re

from app.rendering.context import AttachmentInfo, ImageSize

MAX_SRCSET_IMAGE_WIDTH = 2048
_SRC = re.compile(r'src="([^"]+)"')
_WIDTH = re.compile(r' width="([0-9]+)"')
_HEIGHT = re.compile(r' height="([0-9]+)"')
_IMG_BODY = re.compile(r"<img ([^>]+?)[/ ]*>")
_EDIT_HASH = re.compile(r"-e[0-9]{13}")


def _php_round(value: float) -> int:
    return int(math.floor(value + 0.5)) if value >= 0 else -int(math.floor(-value + 0.5))


def _basename(url: str) -> str:
    return url.split("?", 1)[0].rsplit("/", 1)[-1]


def image_matches_ratio(width: int, height: int, other_width: int, other_height: int) -> bool:
    """``wp_image_matches_ratio()``: scaled to the smaller width, both sides agree within 1px."""
    if width > other_width:
        constrained = (other_width, _php_round(height * other_width / width))
        expected = (other_width, other_height)
    else:
        constrained = (width, _php_round(other_height * width / other_width)) if other_width else (0, 0)
        expected = (width, height)
    return abs(constrained[0] - expected[0]) <= 1 and abs(constrained[1] - expected[1]) <= 1


def _candidates(attachment: AttachmentInfo) -> list[ImageSize]:
    sizes = list(attachment.sizes.values())
    return [*sizes, ImageSize(attachment.url, attachment.width, attachment.height)]


def calculate_srcset(width: int, height: int, src: str, attachment: AttachmentInfo) -> str | None:
    """``wp_calculate_image_srcset()``: same-ratio files, the one in ``src`` first; None if fewer than 2."""
    sources: dict[int, str] = {}
    src_matched = False
    for image in _candidates(attachment):
        is_src = not src_matched and "/" + _basename(image.url) in src
        src_matched = src_matched or is_src
        if image.width > MAX_SRCSET_IMAGE_WIDTH and not is_src:
            continue
        if not image.width or not image_matches_ratio(width, height, image.width, image.height):
            continue
        entry = image.url.replace(" ", "%20") + f" {image.width}w"
        if is_src:
            sources = {image.width: entry, **{k: v for k, v in sources.items() if k != image.width}}
        else:
            sources[image.width] = entry
    if not src_matched or len(sources) < 2:
        return None
    return ", ".join(sources.values())


def add_srcset_and_sizes(tag: str, attachment: AttachmentInfo) -> str:
    """``wp_image_add_srcset_and_sizes()`` for an ``<img>`` of a known attachment."""
    src_match = _SRC.search(tag)
    src = src_match.group(1).split("?", 1)[0] if src_match else ""
    edit_hash = _EDIT_HASH.search(_basename(attachment.url))
    if not src or (edit_hash and edit_hash.group(0) not in _basename(src)):
        return tag
    width_match, height_match = _WIDTH.search(tag), _HEIGHT.search(tag)
    if width_match and height_match and int(width_match.group(1)) and int(height_match.group(1)):
        width, height = int(width_match.group(1)), int(height_match.group(1))
    else:
        found = next((i for i in _candidates(attachment) if _basename(i.url) == _basename(src)), None)
        if found is None:
            return tag
        width, height = found.width, found.height
    srcset = calculate_srcset(width, height, src, attachment)
    if srcset is None:
        return tag
    extra = f' srcset="{srcset}"'
    if " sizes=" not in tag:
        extra += f' sizes="(max-width: {width}px) 100vw, {width}px"'
    return _IMG_BODY.sub(lambda m: f"<img {m.group(1)}{extra} />", tag, count=1)
