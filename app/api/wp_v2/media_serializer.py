"""One attachment as ``WP_REST_Attachments_Controller::prepare_item_for_response`` shapes it (WordPress 6.1)."""

from __future__ import annotations

import posixpath
from typing import Any

from app.api.wp_v2.post_serializer import esc_url, wp_date
from app.content.models import Entry
from app.content.permalinks import MediaPage, Site, attachment_link, gmt_from_local
from app.media.models import Attachment
from app.media.urls import media_url

# Fields (and sub-fields) whose schema lists the "embed" context.
_EMBED_FIELDS = frozenset(
    {"id", "date", "slug", "type", "link", "title", "author", "caption", "alt_text", "media_type", "mime_type"}
    | {"media_details", "source_url"}
)


def source_url(attachment: Attachment | None, site_url: str) -> str:
    """``wp_get_attachment_url``: our copy when the file was stored, else where the old site kept it."""
    if attachment is None:
        return ""
    if attachment.is_stored and attachment.file:
        return media_url(site_url, attachment.file)
    return attachment.original_url


def is_image(attachment: Attachment | None) -> bool:
    """``wp_attachment_is_image``: an image MIME type and a file to show."""
    if attachment is None or not attachment.mime_type.startswith("image/"):
        return False
    return bool(attachment.file or attachment.original_url)


def media_details(attachment: Attachment | None, url: str) -> dict[str, Any]:
    """``wp_get_attachment_metadata`` with REST's additions: each size's URL and the full size."""
    if attachment is None:
        return {}
    details = _metadata(attachment)
    if not details and not attachment.sizes:
        # Empty metadata is sent as an empty object, without "sizes".
        return {}
    sizes = _sizes(attachment, url)
    details = {**_before_sizes(details), "sizes": sizes, **_after_sizes(details)}
    return details


def _metadata(attachment: Attachment) -> dict[str, Any]:
    """The metadata keys WordPress stores, in its order: dimensions and file (images), size, EXIF."""
    image = is_image(attachment)
    data: dict[str, Any] = {}
    if attachment.width is not None and attachment.height is not None:
        data |= {"width": attachment.width, "height": attachment.height}
    if image and attachment.file:
        data["file"] = attachment.file
    if attachment.filesize is not None:
        data["filesize"] = attachment.filesize
    if image or attachment.image_meta:
        data["image_meta"] = attachment.image_meta
    if attachment.original_image:
        data["original_image"] = attachment.original_image
    return data


def _before_sizes(details: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in details.items() if key not in ("image_meta", "original_image")}


def _after_sizes(details: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in details.items() if key in ("image_meta", "original_image")}


def _sizes(attachment: Attachment, url: str) -> dict[str, Any]:
    """Each size with ``mime-type`` renamed ``mime_type`` (moved last) and its URL beside the full file."""
    if not attachment.sizes or not url:
        return {}
    folder = url.rsplit("/", 1)[0]
    # Files the uploads copy lacked are still where the old site kept them, beside its URL of the file.
    old_folder = attachment.original_url.rsplit("/", 1)[0] if attachment.original_url else folder
    missing = set(attachment.missing_files or ())
    sizes: dict[str, Any] = {}
    for name, size in attachment.sizes.items():
        if not isinstance(size, dict):
            continue
        entry = {key: value for key, value in size.items() if key != "mime-type"}
        if "mime-type" in size:
            entry["mime_type"] = size["mime-type"]
        if size.get("file"):
            entry["source_url"] = f"{old_folder if size['file'] in missing else folder}/{size['file']}"
        sizes[str(name)] = entry
    full = _full_size(attachment, url, sizes)
    if full:
        sizes["full"] = full
    return sizes


def _full_size(attachment: Attachment, url: str, sizes: dict[str, Any]) -> dict[str, Any]:
    """``wp_get_attachment_image_src( id, 'full' )``: the file itself, or a document's preview image."""
    if is_image(attachment):
        file, width, height, full_url = posixpath.basename(url), attachment.width, attachment.height, url
    elif isinstance(sizes.get("full"), dict) and sizes["full"].get("source_url"):
        preview = sizes["full"]
        file, width, height, full_url = (
            preview["file"],
            preview.get("width"),
            preview.get("height"),
            preview["source_url"],
        )
    else:
        return {}
    return {
        "file": file,
        "width": width or 0,
        "height": height or 0,
        "mime_type": attachment.mime_type,
        "source_url": full_url,
    }


def serialize_attachment(entry: Entry, page: MediaPage, context: str = "view") -> dict[str, Any]:
    """The item in WordPress's field order; ``embed`` context keeps only embeddable fields."""
    attachment = page.files.get(int(entry.id or 0))
    url = source_url(attachment, page.site_url)
    data = _post_fields(entry, page, attachment, url)
    data |= {
        "description": {"rendered": entry.content_rendered},
        "caption": {"rendered": entry.excerpt_rendered},
        "alt_text": attachment.alt_text if attachment else "",
        "media_type": "image" if is_image(attachment) else "file",
        "mime_type": attachment.mime_type if attachment else "",
        "media_details": media_details(attachment, url),
        "post": entry.parent_id or None,
        "source_url": url,
        "_links": media_links(entry, page.site),
    }
    if context == "embed":
        data = {key: value for key, value in data.items() if key in _EMBED_FIELDS or key == "_links"}
    return data


def _post_fields(entry: Entry, page: MediaPage, attachment: Attachment | None, url: str) -> dict[str, Any]:
    site = page.site
    # The WordPress importer points the GUID of an attachment whose file it fetched at the new file's URL.
    guid = url if attachment is not None and attachment.is_stored and url else entry.guid
    return {
        "id": entry.id,
        # prepare_date_response: an entry without a GMT date has a null date.
        "date": wp_date(entry.date) if entry.date_gmt is not None else None,
        "date_gmt": wp_date(entry.date_gmt or gmt_from_local(site, entry.date)),
        "guid": {"rendered": esc_url(guid)},
        "modified": wp_date(entry.modified),
        "modified_gmt": wp_date(entry.modified_gmt or gmt_from_local(site, entry.modified)),
        "slug": entry.slug,
        "status": entry.status,
        "type": entry.type,
        "link": attachment_link(entry, page),
        "title": {"rendered": entry.title_rendered},
        "author": entry.author_id or 0,
        "comment_status": entry.comment_status,
        "ping_status": entry.ping_status,
        "template": "" if entry.template == "default" else entry.template,
        # Only registered meta is shown; WordPress 6.1 registers none for attachments.
        "meta": [],
    }


def media_links(entry: Entry, site: Site) -> dict[str, Any]:
    """``prepare_links`` for an attachment: no revisions, terms or parent link, so no curies either."""
    root = site.rest_root
    links: dict[str, Any] = {
        "self": [{"href": f"{root}wp/v2/media/{entry.id}"}],
        "collection": [{"href": f"{root}wp/v2/media"}],
        "about": [{"href": f"{root}wp/v2/types/attachment"}],
    }
    if entry.author_id:
        links["author"] = [{"embeddable": True, "href": f"{root}wp/v2/users/{entry.author_id}"}]
    links["replies"] = [{"embeddable": True, "href": f"{root}wp/v2/comments?post={entry.id}"}]
    return links
