"""One entry as ``WP_REST_Posts_Controller::prepare_item_for_response`` shapes it (WordPress 6.1)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.api.wp_v2.links import post_links
from app.api.wp_v2.post_types import PostTypeSpec
from app.auth.permissions import Caller, can_see_content
from app.content.models import Entry
from app.content.permalinks import Site, gmt_from_local, permalink
from app.content.queries import EntryRelations

# Fields (and sub-fields) whose schema lists the "embed" context.
_EMBED_FIELDS = frozenset({"id", "date", "slug", "type", "link", "title", "excerpt", "author", "featured_media"})
# get_post_format_slugs(): a post_format term outside this list reads as 'standard'.
POST_FORMATS = frozenset({"aside", "chat", "gallery", "link", "image", "quote", "status", "video", "audio"})


@dataclass(frozen=True, slots=True)
class RenderRequest:
    """Who asks, in which context, and with which post password."""

    spec: PostTypeSpec
    site: Site
    caller: Caller
    context: str = "view"
    password: str | None = None
    # Fields beyond core's (acf, blocks, event), added after them as register_rest_field does.
    extra_fields: Callable[[Entry], dict[str, Any]] | None = None


def wp_date(value: datetime | None) -> str | None:
    """``mysql_to_rfc3339``: ``2024-03-01T13:00:00``, no offset."""
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%S")


# An ampersand that does not start a character reference.
_BARE_AMPERSAND = re.compile(r"&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[xX][0-9A-Fa-f]+;)")


def esc_url(url: str) -> str:
    """A GUID as WordPress stores it: ``pre_post_guid`` runs ``wp_filter_kses``, whose entity normalisation
    writes a bare ampersand as ``&amp;`` (``?post_type=partner&amp;p=5``); the REST API shows it as stored."""
    return _BARE_AMPERSAND.sub("&amp;", url)


def serialize_post(entry: Entry, relations: EntryRelations, request: RenderRequest) -> dict[str, Any]:
    """The item in WordPress's field order; ``embed`` context keeps only embeddable fields."""
    data = _common_fields(entry, relations, request)
    data |= _type_fields(entry, relations, request.spec)
    if request.extra_fields is not None:
        data |= request.extra_fields(entry)
    data["_links"] = post_links(entry, request.spec, request.site, relations)
    if request.context == "embed":
        data = {key: value for key, value in data.items() if key in _EMBED_FIELDS or key == "_links"}
    return data


def _common_fields(entry: Entry, relations: EntryRelations, request: RenderRequest) -> dict[str, Any]:
    site, spec = request.site, request.spec
    date_gmt = entry.date_gmt
    data: dict[str, Any] = {
        "id": entry.id,
        # prepare_date_response: a post with no GMT date (a floating draft) has a null date.
        "date": wp_date(entry.date) if date_gmt is not None else None,
        "date_gmt": wp_date(date_gmt or gmt_from_local(site, entry.date)),
        "guid": {"rendered": esc_url(entry.guid)},
        "modified": wp_date(entry.modified),
        "modified_gmt": wp_date(entry.modified_gmt or gmt_from_local(site, entry.modified)),
        "slug": entry.slug,
        "status": entry.status,
        "type": entry.type,
        "link": permalink(entry, site, relations),
    }
    if spec.has_title:
        data["title"] = {"rendered": entry.title_rendered}
    data |= _text_fields(entry, request)
    if spec.has_author:
        data["author"] = entry.author_id or 0
    if spec.has_featured_media:
        data["featured_media"] = entry.featured_media_id
    return data


def _text_fields(entry: Entry, request: RenderRequest) -> dict[str, Any]:
    """Content and excerpt; a protected entry shows neither without its password."""
    is_protected = bool(entry.password)
    is_visible = can_see_content(entry, request.caller, password=request.password)
    fields: dict[str, Any] = {}
    if request.spec.has_content:
        fields["content"] = {"rendered": entry.content_rendered if is_visible else "", "protected": is_protected}
    if request.spec.has_excerpt:
        fields["excerpt"] = {"rendered": entry.excerpt_rendered if is_visible else "", "protected": is_protected}
    return fields


def _type_fields(entry: Entry, relations: EntryRelations, spec: PostTypeSpec) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if spec.is_hierarchical:
        data["parent"] = entry.parent_id
    if spec.has_menu_order:
        data["menu_order"] = entry.menu_order
    if spec.has_comments:
        data |= {"comment_status": entry.comment_status, "ping_status": entry.ping_status}
    if spec.has_sticky:
        data["sticky"] = entry.is_sticky
    # get_page_template_slug: 'default' means no template.
    data["template"] = "" if entry.template == "default" else entry.template
    if spec.has_format:
        data["format"] = _post_format(entry, relations)
    if spec.has_meta:
        # Only registered meta is shown; WordPress 6.1 registers none for posts and pages (an empty array).
        data["meta"] = []
    terms = relations.terms.get(int(entry.id or 0), [])
    for route in spec.taxonomies:
        data[route.rest_base] = [term.id for term in terms if term.taxonomy == route.taxonomy]
    return data


def _post_format(entry: Entry, relations: EntryRelations) -> str:
    for term in relations.terms.get(int(entry.id or 0), []):
        if term.taxonomy == "post_format":
            slug = term.slug.removeprefix("post-format-")
            return slug if slug in POST_FORMATS else "standard"
    return "standard"
