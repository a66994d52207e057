"""Regenerate the demo site's media files and the attachment metadata that describes them.

Run ``python -m app.demo.build_demo_media`` after changing an image or PDF spec below: it draws the
originals with Pillow, makes WordPress's sub-sizes, writes the PDFs, and rewrites every
``_wp_attachment_metadata`` value in ``demo-export.xml`` so that sizes and byte counts match the files.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps

from app.core import phpserial
from app.demo.image_sizes import DEFAULT_IMAGE_SIZES, subsize_dimensions
from app.demo.minimal_pdf import render_text_pdf
from app.demo.paths import demo_export_path, demo_uploads_dir

Rgb = tuple[int, int, int]


@dataclass(frozen=True)
class DemoImage:
    """An original image of the demo site, drawn from a motif and two colours."""

    relative_path: str
    width: int
    height: int
    motif: str
    colours: tuple[Rgb, Rgb]
    label: str = ""


@dataclass(frozen=True)
class DemoPdf:
    """A one-page downloadable document of the demo site."""

    relative_path: str
    title: str
    lines: tuple[str, ...]


DEMO_IMAGES: tuple[DemoImage, ...] = (
    DemoImage("2025/01/hub-hero-banner.jpg", 1200, 800, "banner", ((11, 110, 79), (18, 60, 105))),
    DemoImage("2025/06/cocoa-cooperative-meeting.jpg", 1200, 800, "scene", ((120, 72, 40), (226, 180, 95))),
    DemoImage("2026/01/fair-recruitment-infographic.png", 600, 900, "infographic", ((18, 60, 105), (242, 169, 0))),
    DemoImage("2025/02/partner-logo-inspectorates.png", 320, 320, "logo", ((18, 60, 105), (255, 255, 255)), "NLI"),
    DemoImage("2025/02/partner-logo-recruitment.png", 320, 320, "logo", ((196, 30, 58), (255, 255, 255)), "CRR"),
    DemoImage("2025/02/partner-logo-children-first.png", 320, 320, "logo", ((242, 169, 0), (40, 40, 40)), "CFA"),
)

DEMO_PDFS: tuple[DemoPdf, ...] = (
    DemoPdf(
        "2025/09/child-labour-agriculture-guidance.pdf",
        "Eliminating hazardous child labour in agriculture",
        (
            "Guidance for farmer organizations, extension services and local authorities.",
            "1. Map the tasks on local farms and agree on a hazardous work list.",
            "2. Set up a referral route from farm to school, health and social services.",
            "3. Support labour-sharing groups so that adults take over hazardous tasks.",
            "4. Follow each child until they are safely in school or decent youth work.",
            "5. Review the list every year with children, parents and employers.",
            "Target 8.7 Knowledge Hub - demonstration document.",
        ),
    ),
    DemoPdf(
        "2026/01/fair-recruitment-toolkit.pdf",
        "Fair recruitment: a toolkit for employers",
        (
            "No worker should pay for a job. Employers bear the full cost of recruitment.",
            "Checklist: know every agency your suppliers use, in every country of origin.",
            "Checklist: include a no-fees clause in contracts and budget for its cost.",
            "Checklist: ask workers directly, in their own language, what they paid.",
            "Target 8.7 Knowledge Hub - demonstration document.",
        ),
    ),
)

_JPEG_QUALITY = 82  # WordPress's default editor quality (`wp_editor_set_quality`)
_MIME_TYPES = {".jpg": "image/jpeg", ".png": "image/png"}


def _gradient(width: int, height: int, start: Rgb, end: Rgb) -> Image.Image:
    """A diagonal blend from ``start`` to ``end``."""
    vertical = Image.linear_gradient("L").resize((width, height))
    horizontal = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize((width, height))
    ramp = ImageChops.add(vertical, horizontal, scale=2.0)
    return Image.composite(Image.new("RGB", (width, height), end), Image.new("RGB", (width, height), start), ramp)


def _grain(image: Image.Image, seed: int, strength: float) -> Image.Image:
    """Blend seeded noise in, so the JPEGs compress like photographs rather than flat artwork."""
    rng = random.Random(seed)  # noqa: S311 - reproducible artwork, not security
    noise = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height)).convert("RGB")
    return Image.blend(image, noise, strength)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _draw_banner(spec: DemoImage, seed: int) -> Image.Image:
    image = _gradient(spec.width, spec.height, *spec.colours)
    draw = ImageDraw.Draw(image, "RGBA")
    rng = random.Random(seed)  # noqa: S311 - reproducible artwork, not security
    for _ in range(14):
        x, y, r = rng.randrange(spec.width), rng.randrange(spec.height), rng.randrange(40, 220)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, rng.randrange(18, 60)))
    draw.text((60, spec.height - 140), "Target 8.7 Knowledge Hub", font=_font(64), fill=(255, 255, 255, 235))
    return _grain(image, seed, 0.012)


def _draw_scene(spec: DemoImage, seed: int) -> Image.Image:
    image = _gradient(spec.width, spec.height, *spec.colours)
    draw = ImageDraw.Draw(image, "RGBA")
    rng = random.Random(seed)  # noqa: S311 - reproducible artwork, not security
    draw.rectangle((0, spec.height * 2 // 3, spec.width, spec.height), fill=(70, 110, 45, 200))
    for index in range(9):  # stylised people at a meeting, spread along the ground
        x = 100 + index * (spec.width - 200) // 8 + rng.randrange(-20, 20)
        y = rng.randrange(spec.height // 2 + 60, spec.height - 80)
        colour = (rng.randrange(60, 240), rng.randrange(40, 200), rng.randrange(40, 200), 230)
        draw.ellipse((x - 28, y - 150, x + 28, y - 94), fill=(92, 58, 36, 255))
        draw.rounded_rectangle((x - 45, y - 90, x + 45, y + 40), radius=30, fill=colour)
    return _grain(image, seed, 0.015)


def _draw_infographic(spec: DemoImage, seed: int) -> Image.Image:
    dark, accent = spec.colours
    image = Image.new("RGB", (spec.width, spec.height), (250, 250, 247))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, spec.width, 150), fill=dark)
    draw.text((40, 50), "The employer pays", font=_font(44), fill=(255, 255, 255))
    steps = ("Map every agency", "No fees in contracts", "Ask workers directly", "Repay what was paid")
    for index, step in enumerate(steps):
        top = 200 + index * 170
        draw.ellipse((40, top, 140, top + 100), fill=accent)
        draw.text((78, top + 28), str(index + 1), font=_font(40), fill=dark)
        draw.text((170, top + 30), step, font=_font(30), fill=dark)
        draw.rectangle((170, top + 80, 170 + 80 * (index + 2), top + 96), fill=dark)
    return image


def _draw_logo(spec: DemoImage, seed: int) -> Image.Image:
    mark, ink = spec.colours
    image = Image.new("RGB", (spec.width, spec.height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, spec.width - 20, spec.height - 20), fill=mark)
    draw.text((spec.width // 2, spec.height // 2), spec.label, font=_font(96), fill=ink, anchor="mm")
    return image


_MOTIFS = {"banner": _draw_banner, "scene": _draw_scene, "infographic": _draw_infographic, "logo": _draw_logo}


def _save(image: Image.Image, path: Path) -> int:
    """Write the image and return its size in bytes (the metadata's ``filesize``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".jpg":
        image.save(path, "JPEG", quality=_JPEG_QUALITY)
    else:
        image.save(path, "PNG", optimize=True)
    return path.stat().st_size


def _resized(original: Image.Image, width: int, height: int, *, is_crop: bool) -> Image.Image:
    if is_crop:  # hard crop from the centre, as WordPress does for the thumbnail size
        return ImageOps.fit(original, (width, height), Image.Resampling.LANCZOS)
    return original.resize((width, height), Image.Resampling.LANCZOS)


def _subsizes(original: Image.Image, spec: DemoImage, uploads: Path) -> dict[str, dict[str, object]]:
    """Write every sub-size WordPress would make and return the metadata's ``sizes`` map."""
    stem, suffix = spec.relative_path.rsplit(".", 1)
    sizes: dict[str, dict[str, object]] = {}
    for size in DEFAULT_IMAGE_SIZES:
        dimensions = subsize_dimensions(spec.width, spec.height, size)
        if dimensions is None:
            continue
        width, height = dimensions
        relative = f"{stem}-{width}x{height}.{suffix}"
        filesize = _save(_resized(original, width, height, is_crop=size.is_crop), uploads / relative)
        basename = relative.rsplit("/", 1)[1]
        mime = _MIME_TYPES["." + suffix]
        sizes[size.name] = {"file": basename, "width": width, "height": height, "mime-type": mime, "filesize": filesize}
    return sizes


def _empty_image_meta() -> dict[str, object]:
    """What `wp_read_image_metadata` stores, in its key order, for an image without EXIF/IPTC data."""
    return {
        "aperture": "0",
        "credit": "",
        "camera": "",
        "caption": "",
        "created_timestamp": "0",
        "copyright": "",
        "focal_length": "0",
        "iso": "0",
        "shutter_speed": "0",
        "title": "",
        "orientation": "0",
        "keywords": [],
    }


def build_image(spec: DemoImage, uploads: Path, seed: int) -> str:
    """Draw one original plus its sub-sizes; return its serialized ``_wp_attachment_metadata``."""
    original = _MOTIFS[spec.motif](spec, seed)
    filesize = _save(original, uploads / spec.relative_path)
    metadata = {
        "width": spec.width,
        "height": spec.height,
        "file": spec.relative_path,
        "filesize": filesize,
        "sizes": _subsizes(original, spec, uploads),
        "image_meta": _empty_image_meta(),
    }
    return str(phpserial.dumps(metadata))


def build_pdf(spec: DemoPdf, uploads: Path) -> str:
    """Write one PDF; return its metadata (WordPress without Imagick records only the byte size)."""
    path = uploads / spec.relative_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_text_pdf(spec.title, spec.lines))
    return str(phpserial.dumps({"filesize": path.stat().st_size}))


def build_all_media(uploads: Path) -> dict[str, str]:
    """Regenerate every demo file; map each ``_wp_attached_file`` to its serialized metadata."""
    metadata = {spec.relative_path: build_image(spec, uploads, seed) for seed, spec in enumerate(DEMO_IMAGES)}
    metadata |= {spec.relative_path: build_pdf(spec, uploads) for spec in DEMO_PDFS}
    return metadata


_ITEM = re.compile(r"<item>.*?</item>", re.S)
_ATTACHED_FILE = re.compile(
    r"<wp:meta_key><!\[CDATA\[_wp_attached_file\]\]></wp:meta_key>\s*<wp:meta_value><!\[CDATA\[(.*?)\]\]>"
)
_METADATA_VALUE = re.compile(
    r"(<wp:meta_key><!\[CDATA\[_wp_attachment_metadata\]\]></wp:meta_key>\s*<wp:meta_value><!\[CDATA\[)"
    r"(.*?)(\]\]></wp:meta_value>)",
    re.S,
)


def sync_attachment_metadata(export_xml: str, metadata: dict[str, str]) -> str:
    """Replace each attachment item's ``_wp_attachment_metadata`` with the value for its file."""

    def rewrite(match: re.Match[str]) -> str:
        item = match.group(0)
        attached = _ATTACHED_FILE.search(item)
        if attached is None or attached.group(1) not in metadata:
            return item
        value = metadata[attached.group(1)]
        return _METADATA_VALUE.sub(lambda m: m.group(1) + value + m.group(3), item, count=1)

    return _ITEM.sub(rewrite, export_xml)


def main() -> None:
    """Rebuild the uploads folder and bring the export's attachment metadata in line with it."""
    metadata = build_all_media(demo_uploads_dir())
    export = demo_export_path()
    export.write_text(sync_attachment_metadata(export.read_text(encoding="utf-8"), metadata), encoding="utf-8")
    sys.stdout.write(f"wrote {len(metadata)} media files and their metadata into {export.name}\n")


if __name__ == "__main__":
    main()
