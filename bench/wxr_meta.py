"""Post meta rows as WordPress and its plugins store them: attachments, menu items, ACF, events."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

from bench.wxr_content import SITE_URL, UPLOADS_URL
from bench.wxr_plan import SitePlan
from bench.wxr_xml import PhpValue, php_serialize

Meta = list[tuple[str, str]]

# wp_get_registered_image_subsizes() defaults: name, max width, max height, hard crop.
IMAGE_SIZES = (
    ("thumbnail", 150, 150, True),
    ("medium", 300, 300, False),
    ("medium_large", 768, 0, False),
    ("large", 1024, 1024, False),
    ("1536x1536", 1536, 1536, False),
    ("2048x2048", 2048, 2048, False),
)
BIG_IMAGE_THRESHOLD = 2560
IMAGE_DIMENSIONS = ((4000, 3000), (3000, 2000), (1920, 1080), (1200, 800), (800, 1200), (640, 480), (300, 300))


@dataclass(frozen=True, slots=True)
class AttachmentFile:
    """What an uploaded file leaves behind: its URL, MIME type and the two ``_wp_attach*`` meta rows."""

    url: str
    mime_type: str
    meta: Meta


def attachment_file(rng: random.Random, post_id: int, month: str) -> AttachmentFile:
    """An image (most uploads), a PDF or an MP3, with metadata shaped like ``wp_generate_attachment_metadata``."""
    roll = rng.random()
    if roll < 0.85:
        ext, mime = ("jpg", "image/jpeg") if roll < 0.65 else ("png", "image/png")
        width, height = rng.choice(IMAGE_DIMENSIONS)
        relative, metadata = _image_metadata(rng, f"{month}/img-{post_id}", ext, mime, width, height)
    elif roll < 0.95:
        mime, relative = "application/pdf", f"{month}/document-{post_id}.pdf"
        metadata = {"filesize": rng.randint(20_000, 4_000_000)}
    else:
        mime, relative = "audio/mpeg", f"{month}/episode-{post_id}.mp3"
        metadata = _audio_metadata(rng)
    meta = [("_wp_attached_file", relative), ("_wp_attachment_metadata", php_serialize(metadata))]
    if mime.startswith("image/"):
        meta.append(("_wp_attachment_image_alt", f"Bild {post_id} – صورة – ภาพ"))
    return AttachmentFile(f"{UPLOADS_URL}/{relative}", mime, meta)


def _image_metadata(
    rng: random.Random, stem: str, ext: str, mime: str, width: int, height: int
) -> tuple[str, dict[str, PhpValue]]:
    base = stem.rsplit("/", 1)[1]
    relative, original = f"{stem}.{ext}", ""
    if max(width, height) > BIG_IMAGE_THRESHOLD:
        # wp_create_image_subsizes() keeps a downscaled "-scaled" copy as the attached file.
        original, relative = f"{base}.{ext}", f"{stem}-scaled.{ext}"
        width, height = _fit(width, height, BIG_IMAGE_THRESHOLD, BIG_IMAGE_THRESHOLD)
    sizes: dict[str, PhpValue] = {}
    for name, max_w, max_h, crop in IMAGE_SIZES:
        size_w, size_h = (max_w, max_h) if crop else _fit(width, height, max_w, max_h or height)
        if size_w < width or size_h < height:
            sizes[name] = {
                "file": f"{base}-{size_w}x{size_h}.{ext}",
                "width": size_w,
                "height": size_h,
                "mime-type": mime,
                "filesize": size_w * size_h // 8,
            }
    metadata: dict[str, PhpValue] = {
        "width": width,
        "height": height,
        "file": relative,
        "filesize": width * height // 3,
        "sizes": sizes,
        "image_meta": _image_meta(rng),
    }
    if original:
        metadata["original_image"] = original
    return relative, metadata


def _fit(width: int, height: int, max_w: int, max_h: int) -> tuple[int, int]:
    scale = min(max_w / width, max_h / height, 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _image_meta(rng: random.Random) -> dict[str, PhpValue]:
    has_exif = rng.random() < 0.4
    return {
        "aperture": "2.8" if has_exif else "0",
        "credit": "Zoë Ødegård" if has_exif else "",
        "camera": "Canon EOS R6" if has_exif else "",
        "caption": "",
        "created_timestamp": str(1_600_000_000 + rng.randrange(100_000_000)) if has_exif else "0",
        "copyright": "© Bench Media" if has_exif else "",
        "focal_length": "35" if has_exif else "0",
        "iso": "400" if has_exif else "0",
        "shutter_speed": "0.008" if has_exif else "0",
        "title": "",
        "orientation": "1" if has_exif else "0",
        "keywords": ["harbour", "ميناء"] if has_exif else [],
    }


def _audio_metadata(rng: random.Random) -> dict[str, PhpValue]:
    seconds = rng.randint(60, 3600)
    return {
        "filesize": seconds * 16_000,
        "mime_type": "audio/mpeg",
        "length": seconds,
        "length_formatted": f"{seconds // 60}:{seconds % 60:02d}",
        "dataformat": "mp3",
        "codec": "LAME",
        "sample_rate": 44100,
        "channels": 2,
        "bitrate_mode": "cbr",
        "bitrate": 128000,
        "lossless": False,
        "audio": {"dataformat": "mp3", "channels": 2, "sample_rate": 44100, "bitrate": 128000},
    }


def menu_item_meta(plan: SitePlan, index: int, rng: random.Random, *, category_ids: int) -> Meta:
    """The ``_menu_item_*`` rows ``wp_update_nav_menu_item()`` writes, linking a page, post, category or URL."""
    roll = rng.random()
    if roll < 0.5:
        kind, obj, obj_id = "post_type", "page", plan.nearby("page", index, block_delta=-1, pick=index)
    elif roll < 0.7:
        kind, obj, obj_id = "post_type", "post", plan.nearby("post", index, block_delta=1, pick=index)
    elif roll < 0.85:
        kind, obj, obj_id = "taxonomy", "category", 1 + rng.randrange(category_ids)
    else:
        kind, obj, obj_id = "custom", "custom", plan.post_id(index)
    url = f"{SITE_URL}/landing/?utm_source=menu&utm_medium=nav" if kind == "custom" else ""
    classes = ["", "menu-highlight"][: rng.randint(1, 2)]
    return [
        ("_menu_item_type", kind),
        ("_menu_item_menu_item_parent", str(plan.menu_parent(index))),
        ("_menu_item_object_id", str(obj_id)),
        ("_menu_item_object", obj),
        ("_menu_item_target", "_blank" if kind == "custom" else ""),
        ("_menu_item_classes", php_serialize(classes)),
        ("_menu_item_xfn", ""),
        ("_menu_item_url", url),
    ]


def event_meta(rng: random.Random, post_id: int, author: str) -> Meta:
    """Post meta the All-in-One Event Calendar keeps on ``ai1ec_event`` posts (the event itself is elsewhere)."""
    submitter = json.dumps({"is_organizer": 1, "email": f"{author}@bench.example", "name": author})
    meta = [("_ai1ec_cost_type", rng.choice(("free", "external", "tickets"))), ("_submitter_info", submitter)]
    if rng.random() < 0.3:
        images = [f"{UPLOADS_URL}/events/poster-{post_id}.jpg", f"{UPLOADS_URL}/events/poster-{post_id}-300x200.jpg"]
        meta.append(("_featured_image", php_serialize(images)))
    return meta


def comment_meta(rng: random.Random, timestamp: int) -> Meta:
    """Akismet's bookkeeping rows, present on most comments of a real site."""
    if rng.random() < 0.4:
        return []
    history: dict[str, PhpValue] = {"time": timestamp + 0.25, "event": "check-ham", "user": ""}
    return [("akismet_result", "false"), ("akismet_history", php_serialize(history))]


def trash_meta(status: str, slug: str, timestamp: int) -> Meta:
    """``wp_trash_post()`` remembers the previous status, the time and the slug before ``__trashed``."""
    return [
        ("_wp_trash_meta_status", status),
        ("_wp_trash_meta_time", str(timestamp)),
        ("_wp_desired_post_slug", slug),
    ]
