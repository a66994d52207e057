"""Typed details of each post type, from the item's columns and the meta rows WordPress keeps them in."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from app.acf.definitions import parse_field_definition, parse_group_definition
from app.core.phpserial import maybe_unserialize
from app.media.files import mime_for_filename
from importers.wxr.mapping import first_meta, int_or_zero
from importers.wxr.records import ItemRecord

DetailBuilder = Callable[[ItemRecord], dict[str, Any]]


def attachment_details(item: ItemRecord) -> dict[str, Any]:
    """``_wp_attached_file`` and ``_wp_attachment_metadata`` as typed columns (files are copied elsewhere)."""
    attached = (first_meta(item.meta, "_wp_attached_file") or "").strip()
    metadata = maybe_unserialize(first_meta(item.meta, "_wp_attachment_metadata") or "")
    metadata = metadata if isinstance(metadata, dict) else {}
    sizes = metadata.get("sizes")
    name = attached or (item.attachment_url or item.guid).rsplit("/", 1)[-1]
    return {
        "file": attached,
        # A WXR does not carry post_mime_type; WordPress's importer also derives it from the file name.
        "mime_type": mime_for_filename(name),
        "filesize": _int_or_none(metadata.get("filesize")),
        "width": _int_or_none(metadata.get("width")),
        "height": _int_or_none(metadata.get("height")),
        "alt_text": first_meta(item.meta, "_wp_attachment_image_alt") or "",
        "sizes": sizes if isinstance(sizes, dict) else {},
        "image_meta": metadata["image_meta"] if isinstance(metadata.get("image_meta"), dict) else {},
        "original_image": str(metadata.get("original_image") or ""),
        "original_url": item.attachment_url or item.guid,
    }


def menu_item_details(item: ItemRecord) -> dict[str, Any]:
    """The ``_menu_item_*`` meta of a nav menu item (``wp_update_nav_menu_item``'s storage)."""
    classes = maybe_unserialize(first_meta(item.meta, "_menu_item_classes") or "")
    if isinstance(classes, str):
        classes = classes.split()
    return {
        "parent_item_id": int_or_zero(first_meta(item.meta, "_menu_item_menu_item_parent")),
        "item_type": first_meta(item.meta, "_menu_item_type") or "custom",
        "object": first_meta(item.meta, "_menu_item_object") or "custom",
        "object_id": int_or_zero(first_meta(item.meta, "_menu_item_object_id")),
        "url": first_meta(item.meta, "_menu_item_url") or "",
        "target": first_meta(item.meta, "_menu_item_target") or "",
        "classes": [str(name) for name in classes if str(name).strip()] if isinstance(classes, list) else [],
        "xfn": first_meta(item.meta, "_menu_item_xfn") or "",
    }


def custom_css_details(item: ItemRecord) -> dict[str, Any]:
    # The post title is the theme's stylesheet name (wp_update_custom_css_post).
    return {"stylesheet": item.title}


def changeset_details(item: ItemRecord) -> dict[str, Any]:
    settings = _json_object(item.content)
    return {"uuid": item.post_name, "settings": settings if isinstance(settings, dict) else {}}


def oembed_details(item: ItemRecord) -> dict[str, Any]:
    return {"cache_key": item.post_name, "html": item.content, "is_unknown": item.content.strip() == "{{unknown}}"}


def user_request_details(item: ItemRecord) -> dict[str, Any]:
    """A privacy request: the title is the e-mail, the slug the action, the password the key's hash."""
    return {
        "email": item.title,
        "action": item.post_name,
        "request_status": item.status,
        "key_hash": item.post_password,
        "data": _json_object(item.content),
        "confirmed_at": _timestamp(first_meta(item.meta, "_wp_user_request_confirmed_timestamp")),
        "completed_at": _timestamp(first_meta(item.meta, "_wp_user_request_completed_timestamp")),
    }


def reusable_block_details(item: ItemRecord) -> dict[str, Any]:
    return {"sync_status": first_meta(item.meta, "wp_pattern_sync_status") or ""}


def acf_group_details(item: ItemRecord) -> dict[str, Any]:
    group = parse_group_definition(title=item.title, key=item.post_name, content=item.content, status=item.status)
    return {"key": group.key, "location": group.location, "settings": group.settings, "is_active": group.is_active}


def acf_field_details(item: ItemRecord) -> dict[str, Any]:
    """An ACF field: label in the title, key in the slug, name in the excerpt, settings serialized."""
    field_type, settings = parse_field_definition(
        label=item.title, key=item.post_name, name=item.excerpt, content=item.content
    )
    return {
        "key": item.post_name,
        "name": item.excerpt,
        "label": item.title,
        "field_type": field_type,
        "parent_id": item.post_parent,
        "settings": settings,
    }


DETAIL_BUILDERS: dict[str, DetailBuilder] = {
    "attachment": attachment_details,
    "nav_menu_item": menu_item_details,
    "custom_css": custom_css_details,
    "customize_changeset": changeset_details,
    "oembed_cache": oembed_details,
    "user_request": user_request_details,
    "wp_block": reusable_block_details,
    "acf-field-group": acf_group_details,
    "acf-field": acf_field_details,
}


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _json_object(text: str) -> Any:
    try:
        return json.loads(text) if text.strip() else None
    except ValueError:
        return None


def _timestamp(value: str | None) -> datetime | None:
    number = int_or_zero(value)
    return datetime.fromtimestamp(number, tz=UTC) if number > 0 else None
