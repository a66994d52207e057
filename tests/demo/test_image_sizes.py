"""Sub-size dimensions follow WordPress's `image_resize_dimensions` / `wp_constrain_dimensions`."""

from __future__ import annotations

import pytest

from app.demo.image_sizes import DEFAULT_IMAGE_SIZES, ImageSize, constrain_dimensions, subsize_dimensions

SIZES = {size.name: size for size in DEFAULT_IMAGE_SIZES}


@pytest.mark.parametrize(
    ("original", "size", "expected"),
    [
        ((1200, 800), "thumbnail", (150, 150)),
        ((1200, 800), "medium", (300, 200)),
        ((1200, 800), "medium_large", (768, 512)),
        ((1200, 800), "large", (1024, 683)),
        ((600, 900), "medium", (200, 300)),
        ((320, 320), "medium", (300, 300)),
    ],
)
def test_sub_size_is_scaled_into_its_box(original: tuple[int, int], size: str, expected: tuple[int, int]) -> None:
    assert subsize_dimensions(*original, SIZES[size]) == expected


@pytest.mark.parametrize(("original", "size"), [((600, 900), "medium_large"), ((1200, 800), "1536x1536")])
def test_no_sub_size_when_it_would_not_shrink_the_original(original: tuple[int, int], size: str) -> None:
    assert subsize_dimensions(*original, SIZES[size]) is None


def test_crop_of_a_small_original_is_clamped_to_it() -> None:
    assert subsize_dimensions(120, 400, ImageSize("thumbnail", 150, 150, is_crop=True)) == (120, 150)
    assert subsize_dimensions(150, 150, ImageSize("thumbnail", 150, 150, is_crop=True)) is None


def test_zero_limit_means_unbounded() -> None:
    assert constrain_dimensions(2000, 500, 0, 250) == (1000, 250)
    assert constrain_dimensions(200, 100, 0, 0) == (200, 100)
