"""Post types served by the wp/v2 posts controller, each under its ``rest_base``."""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.content.registry_config.model import PostTypeRegistration
from app.content.registry_config.registry import Registry


@dataclass(frozen=True, slots=True)
class TaxonomyRoute:
    """A taxonomy with a REST route: its name and its ``rest_base`` (also the query parameter)."""

    taxonomy: str
    rest_base: str
    is_hierarchical: bool


@dataclass(frozen=True, slots=True)
class PostTypeSpec:
    """What ``WP_REST_Posts_Controller`` derives from a registered post type."""

    name: str
    rest_base: str
    is_hierarchical: bool = False
    # Fields and links that depend on post-type supports (post and page have fixed lists): ``title``,
    # ``editor`` (content), ``author``, ``excerpt``, ``thumbnail`` (featured_media), ``comments``
    # (comment_status, ping_status, the replies link), ``revisions`` (version-history), ``page-attributes``
    # (menu_order), ``post-formats`` (format), ``custom-fields`` (meta).
    has_menu_order: bool = False
    has_sticky: bool = False
    has_format: bool = False
    has_excerpt: bool = True
    has_title: bool = True
    has_content: bool = True
    has_author: bool = True
    has_featured_media: bool = True
    has_comments: bool = True
    has_revisions: bool = True
    has_meta: bool = True
    # is_post_type_viewable: public URLs (permalink_template and generated_slug in the schema).
    is_viewable: bool = True
    taxonomies: tuple[TaxonomyRoute, ...] = ()
    # Object taxonomies without a REST route still count for terms and permalinks (post_format).
    hidden_taxonomies: tuple[str, ...] = ()

    @property
    def all_taxonomies(self) -> tuple[str, ...]:
        return (*(route.taxonomy for route in self.taxonomies), *self.hidden_taxonomies)


CATEGORIES = TaxonomyRoute("category", "categories", is_hierarchical=True)
TAGS = TaxonomyRoute("post_tag", "tags", is_hierarchical=False)

POST = PostTypeSpec(
    "post", "posts", has_sticky=True, has_format=True, taxonomies=(CATEGORIES, TAGS), hidden_taxonomies=("post_format",)
)
PAGE = PostTypeSpec("page", "pages", is_hierarchical=True, has_menu_order=True)
# All-in-One Event Calendar's post type, as the knowledge-hub site registered it (show_in_rest, rest_base events).
EVENT = PostTypeSpec(
    "ai1ec_event",
    "events",
    has_revisions=False,
    taxonomies=(
        TaxonomyRoute("events_categories", "events_categories", is_hierarchical=True),
        TaxonomyRoute("events_tags", "events_tags", is_hierarchical=False),
    ),
)
# Reusable blocks: not public, so only callers who may edit them read any (WP_REST_Blocks_Controller).
BLOCK = PostTypeSpec(
    "wp_block",
    "blocks",
    has_excerpt=False,
    has_author=False,
    has_featured_media=False,
    has_comments=False,
    has_meta=False,
    is_viewable=False,
)

# Adding a public post type here gives it the same list and item routes under its rest_base.
POST_TYPES: tuple[PostTypeSpec, ...] = (POST, PAGE, EVENT, BLOCK)

# rest_get_route_for_post: where an entry of each type lives; types not listed have no route ('').
ROUTE_BASES: dict[str, str] = {
    **{spec.name: spec.rest_base for spec in POST_TYPES},
    "attachment": "media",
    "wp_block": "blocks",
    "nav_menu_item": "menu-items",
}

# Core types with a controller of their own: the posts controller never serves them by rest_base.
OWN_CONTROLLERS = frozenset(
    {"attachment", "nav_menu_item", "wp_block", "wp_template", "wp_template_part", "wp_navigation"}
)
# WordPress gives these two a fixed field list whatever their supports say.
_FIXED = {spec.name: spec for spec in (POST, PAGE)}


def spec_from_registration(registry: Registry, registration: PostTypeRegistration) -> PostTypeSpec:
    """What ``WP_REST_Posts_Controller`` derives from a registered type: its fields follow ``supports``."""
    object_taxonomies = registry.taxonomies_of(registration.name)
    routes = tuple(
        TaxonomyRoute(item.name, item.rest_base, is_hierarchical=item.hierarchical)
        for item in object_taxonomies
        if item.show_in_rest
    )
    hidden = tuple(item.name for item in object_taxonomies if not item.show_in_rest)
    if registration.name in _FIXED:
        # Posts and pages keep their core field set; plugins may still add taxonomies to them (region).
        return replace(_FIXED[registration.name], taxonomies=routes, hidden_taxonomies=hidden)
    supports = registration.supports
    return PostTypeSpec(
        registration.name,
        registration.rest_base,
        is_hierarchical=registration.hierarchical,
        has_menu_order="page-attributes" in supports,
        has_format="post-formats" in supports,
        has_excerpt="excerpt" in supports,
        has_title="title" in supports,
        has_content="editor" in supports,
        has_author="author" in supports,
        has_featured_media="thumbnail" in supports,
        has_comments="comments" in supports,
        has_revisions="revisions" in supports,
        has_meta="custom-fields" in supports,
        taxonomies=routes,
        hidden_taxonomies=hidden,
    )


def served_post_type(registry: Registry, rest_base: str) -> PostTypeSpec | None:
    """The public ``show_in_rest`` post type the posts controller serves under ``rest_base``."""
    registration = registry.post_type_at(rest_base)
    if registration is None or not registration.is_served or registration.name in OWN_CONTROLLERS:
        return None
    return spec_from_registration(registry, registration)
