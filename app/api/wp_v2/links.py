"""``_links`` of a post-type item, as ``WP_REST_Posts_Controller::prepare_links`` builds them."""

from __future__ import annotations

from typing import Any

from app.api.wp_v2.post_types import ROUTE_BASES, PostTypeSpec
from app.content.models import Entry
from app.content.permalinks import Site
from app.content.queries import EntryRelations

CURIES = [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}]
# Item types that have no attachments of their own (no wp:attachment link).
_NO_ATTACHMENTS = frozenset({"attachment", "nav_menu_item", "revision"})


def _route_for(entry_id: int, relations: EntryRelations) -> str:
    """``rest_get_route_for_post``: '' when the entry is missing or its type has no route."""
    related = relations.related.get(entry_id)
    base = ROUTE_BASES.get(related.type) if related else None
    return f"wp/v2/{base}/{entry_id}" if base else ""


def post_links(entry: Entry, spec: PostTypeSpec, site: Site, relations: EntryRelations) -> dict[str, Any]:
    """The item's relations; each value is a list of link objects, attributes before ``href``."""
    root = site.rest_root
    item = f"{root}wp/v2/{spec.rest_base}/{entry.id}"
    links: dict[str, Any] = {
        "self": [{"href": item}],
        "collection": [{"href": f"{root}wp/v2/{spec.rest_base}"}],
        "about": [{"href": f"{root}wp/v2/types/{spec.name}"}],
    }
    # Each only for types that support it (posts and pages always do).
    if spec.has_author and entry.author_id:
        links["author"] = [{"embeddable": True, "href": f"{root}wp/v2/users/{entry.author_id}"}]
    if spec.has_comments:
        links["replies"] = [{"embeddable": True, "href": f"{root}wp/v2/comments?post={entry.id}"}]
    if spec.has_revisions:
        links |= _revision_links(item, int(entry.id or 0), relations)
    if spec.is_hierarchical and entry.parent_id:
        links["up"] = [{"embeddable": True, "href": root + _route_for(entry.parent_id, relations)}]
    if entry.featured_media_id:
        # A dangling thumbnail ID still gets a link: to the API root, as WordPress 6.1 does.
        href = root + _route_for(entry.featured_media_id, relations)
        links["wp:featuredmedia"] = [{"embeddable": True, "href": href}]
    if entry.type not in _NO_ATTACHMENTS:
        links["wp:attachment"] = [{"href": f"{root}wp/v2/media?parent={entry.id}"}]
    if spec.taxonomies:
        links["wp:term"] = [
            {"taxonomy": route.taxonomy, "embeddable": True, "href": f"{root}wp/v2/{route.rest_base}?post={entry.id}"}
            for route in spec.taxonomies
        ]
    links["curies"] = CURIES
    return links


def _revision_links(item: str, entry_id: int, relations: EntryRelations) -> dict[str, Any]:
    count, last = relations.revisions.get(entry_id, (0, 0))
    links: dict[str, Any] = {"version-history": [{"count": count, "href": f"{item}/revisions"}]}
    if count:
        links["predecessor-version"] = [{"id": last, "href": f"{item}/revisions/{last}"}]
    return links
