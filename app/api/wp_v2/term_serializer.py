"""One term as ``WP_REST_Terms_Controller::prepare_item_for_response`` shapes it (WordPress 6.1)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.api.wp_v2.links import CURIES
from app.content.permalinks import Site, term_link
from app.taxonomy.models import Term

# Fields whose schema lists the "embed" context.
_EMBED_FIELDS = frozenset({"id", "link", "name", "slug", "taxonomy"})


@dataclass(frozen=True, slots=True)
class TaxonomySpec:
    """A taxonomy with a REST route: its name, ``rest_base`` and whether terms nest."""

    name: str
    rest_base: str
    is_hierarchical: bool
    # The post-type collection its terms filter (``wp:post_type`` links).
    object_bases: tuple[str, ...] = ("posts",)
    # The post types it is registered for, whose published entries its terms count (empty: every type).
    object_types: tuple[str, ...] = ()


def serialize_term(
    term: Term,
    count: int,
    spec: TaxonomySpec,
    site: Site,
    ancestors: dict[int, tuple[str, int]],
    context: str,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The term in WordPress's field order; ``embed`` keeps only embeddable fields."""
    data: dict[str, Any] = {
        "id": term.id,
        "count": count,
        "description": term.description,
        "link": term_link(term, spec.name, site, ancestors),
        "name": term.name,
        "slug": term.slug,
        "taxonomy": term.taxonomy,
    }
    if spec.is_hierarchical:
        data["parent"] = term.parent_id
    # No term meta is registered for REST in WordPress 6.1: an empty array.
    data["meta"] = []
    # Fields beyond core's (acf) follow them, as register_rest_field adds them.
    data |= extra or {}
    data["_links"] = term_links(term, spec, site)
    if context == "embed":
        data = {key: value for key, value in data.items() if key in _EMBED_FIELDS or key == "_links"}
    return data


def term_links(term: Term, spec: TaxonomySpec, site: Site) -> dict[str, Any]:
    """``WP_REST_Terms_Controller::prepare_links``."""
    root = f"{site.rest_root}wp/v2/"
    links: dict[str, Any] = {
        "self": [{"href": f"{root}{spec.rest_base}/{term.id}"}],
        "collection": [{"href": f"{root}{spec.rest_base}"}],
        "about": [{"href": f"{root}taxonomies/{spec.name}"}],
    }
    if term.parent_id:
        links["up"] = [{"embeddable": True, "href": f"{root}{spec.rest_base}/{term.parent_id}"}]
    links["wp:post_type"] = [{"href": f"{root}{base}?{spec.rest_base}={term.id}"} for base in spec.object_bases]
    links["curies"] = CURIES
    return links
