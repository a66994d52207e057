"""WordPress's default intermediate image sizes and how it computes their dimensions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImageSize:
    """One registered size (``add_image_size``): a bounding box, 0 meaning "no limit"."""

    name: str
    max_width: int
    max_height: int
    is_crop: bool = False


# Core's sizes in registration order (`wp_get_registered_image_subsizes`); the metadata keeps this order.
DEFAULT_IMAGE_SIZES: tuple[ImageSize, ...] = (
    ImageSize("thumbnail", 150, 150, is_crop=True),
    ImageSize("medium", 300, 300),
    ImageSize("medium_large", 768, 0),
    ImageSize("large", 1024, 1024),
    ImageSize("1536x1536", 1536, 1536),
    ImageSize("2048x2048", 2048, 2048),
)


def constrain_dimensions(width: int, height: int, max_width: int, max_height: int) -> tuple[int, int]:
    """Scale ``width`` x ``height`` to fit the box, keeping the ratio (`wp_constrain_dimensions`)."""
    ratios = [limit / side for limit, side in ((max_width, width), (max_height, height)) if limit]
    ratio = min(ratios, default=1.0)
    if ratio >= 1.0:
        return width, height
    return max(1, round(width * ratio)), max(1, round(height * ratio))


def subsize_dimensions(width: int, height: int, size: ImageSize) -> tuple[int, int] | None:
    """The sub-size WordPress makes for an original, or None when it would not be smaller.

    Mirrors `image_resize_dimensions`: a cropped size needs an original at least as large as the
    box on some side and is clamped to it; a scaled size is skipped when it would not shrink the image.
    """
    if size.is_crop:
        target = (min(size.max_width, width), min(size.max_height, height))
        return None if target == (width, height) else target
    target = constrain_dimensions(width, height, size.max_width, size.max_height)
    return None if target == (width, height) else target
