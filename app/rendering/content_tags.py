"""``wp_filter_content_tags()``: dimensions, lazy loading and async decoding for images and iframes."""

from __future__ import annotations

import re

from app.rendering.context import AttachmentInfo, RenderContext
from app.rendering.srcset import add_srcset_and_sizes

_TAG = re.compile(r"<(img|iframe)\s[^>]+>", re.ASCII)
_IMAGE_ID = re.compile(r"wp-image-([0-9]+)", re.IGNORECASE)
_SRC = re.compile(r"""src=['"]([^'"]+)['"]""", re.ASCII)


def _image_dimensions(src: str, attachment: AttachmentInfo) -> tuple[int, int] | None:
    # wp_image_src_get_dimensions(): the src must name the full file or one of its sub-sizes.
    name = src.split("?", 1)[0].rsplit("/", 1)[-1]
    if attachment.url.rsplit("/", 1)[-1] == name and attachment.width and attachment.height:
        return attachment.width, attachment.height
    for size in attachment.sizes.values():
        if size.url.rsplit("/", 1)[-1] == name:
            return size.width, size.height
    return None


def _add_width_and_height(tag: str, attachment: AttachmentInfo | None) -> str:
    src = _SRC.search(tag)
    if attachment is None or src is None:
        return tag
    dimensions = _image_dimensions(src.group(1), attachment)
    if dimensions is None:
        return tag
    return tag.replace("<img", f'<img width="{dimensions[0]}" height="{dimensions[1]}"', 1)


def _has_size_attributes(tag: str) -> bool:
    return ' src="' in tag and ' width="' in tag and ' height="' in tag


def _filter_image(tag: str, attachment_id: int, ctx: RenderContext) -> str:
    attachment = ctx.attachment(attachment_id) if attachment_id else None
    if attachment is not None and " width=" not in tag and " height=" not in tag:
        tag = _add_width_and_height(tag, attachment)
    if attachment is not None and " srcset=" not in tag:
        tag = add_srcset_and_sizes(tag, attachment)
    # wp_img_tag_add_loading_attr(): outside the main query loop (as in REST) every sized image is lazy.
    if " loading=" not in tag and _has_size_attributes(tag):
        tag = tag.replace("<img", '<img loading="lazy"')
    # wp_img_tag_add_decoding_attr() (6.1): decoding="async" on every image without one.
    if " decoding=" not in tag:
        tag = tag.replace("<img ", '<img decoding="async" ')
    return tag


def _filter_iframe(tag: str) -> str:
    # wp_iframe_tag_add_loading_attr(): WordPress post embeds (data-secret) stay eager.
    if " loading=" in tag or not _has_size_attributes(tag) or ' data-secret="' in tag:
        return tag
    return tag.replace("<iframe", '<iframe loading="lazy"')


def filter_content_tags(content: str, ctx: RenderContext) -> str:
    """``wp_filter_content_tags()`` as WordPress 6.1 runs it on ``the_content`` in REST responses."""
    matches = list(_TAG.finditer(content))
    if not matches:
        return content
    filtered: dict[str, str] = {}
    for match in matches:
        tag = match.group(0)
        if tag in filtered:
            continue
        if match.group(1) == "img":
            image_id = _IMAGE_ID.search(tag)
            filtered[tag] = _filter_image(tag, int(image_id.group(1)) if image_id else 0, ctx)
        else:
            filtered[tag] = _filter_iframe(tag)
    # Each tag replaced by its filtered form, from the one scan (what a second _TAG.sub() pass would find).
    pieces: list[str] = []
    end = 0
    for match in matches:
        pieces += (content[end : match.start()], filtered[match.group(0)])
        end = match.end()
    return "".join(pieces) + content[end:]
