"""Item schemas of the discovery controllers (WordPress 6.1): post types, taxonomies and post statuses."""

from __future__ import annotations

from typing import Any

from app.api.wp_v2.registry import Schema
from app.api.wp_v2.schemas import ALL, EDIT, EMBED_FIRST, VIEW_EDIT, object_schema, readonly


def _flags(descriptions: dict[str, str]) -> dict[str, Any]:
    """The booleans of a ``visibility`` object (its properties carry no context of their own)."""
    return {name: {"description": text, "type": "boolean"} for name, text in descriptions.items()}


def type_schema() -> Schema:
    """``WP_REST_Post_Types_Controller::get_item_schema`` (6.1: ``icon`` new, no ``template`` yet)."""
    visibility = _flags({
        "show_ui": "Whether to generate a default UI for managing this post type.",
        "show_in_nav_menus": "Whether to make the post type available for selection in navigation menus.",
    })  # fmt: skip
    archive = "If the value is a string, the value will be used as the archive slug. If the value is false the post "
    properties = {
        "capabilities": readonly("All capabilities used by the post type.", "object", EDIT),
        "description": readonly("A human-readable description of the post type.", "string", VIEW_EDIT),
        "hierarchical": readonly("Whether or not the post type should have children.", "boolean", VIEW_EDIT),
        "viewable": readonly("Whether or not the post type can be viewed.", "boolean", EDIT),
        "labels": readonly("Human-readable labels for the post type for various contexts.", "object", EDIT),
        "name": readonly("The title for the post type.", "string", ALL),
        "slug": readonly("An alphanumeric identifier for the post type.", "string", ALL),
        "supports": readonly("All features, supported by the post type.", "object", EDIT),
        "has_archive": readonly(archive + "type has no archive.", ["string", "boolean"], VIEW_EDIT),
        "taxonomies": readonly("Taxonomies associated with post type.", "array", VIEW_EDIT, items={"type": "string"}),
        "rest_base": readonly("REST base route for the post type.", "string", ALL),
        "rest_namespace": readonly("REST route's namespace for the post type.", "string", ALL),
        "visibility": readonly("The visibility settings for the post type.", "object", EDIT, properties=visibility),
        "icon": readonly("The icon for the post type.", ["string", "null"], ALL),
    }
    return object_schema(properties, "type")


def taxonomy_schema() -> Schema:
    """``WP_REST_Taxonomies_Controller::get_item_schema``."""
    visibility = _flags({
        "public": "Whether a taxonomy is intended for use publicly either via the admin interface or by front-end "
        "users.",
        "publicly_queryable": "Whether the taxonomy is publicly queryable.",
        "show_ui": "Whether to generate a default UI for managing this taxonomy.",
        "show_admin_column": "Whether to allow automatic creation of taxonomy columns on associated post-types "
        "table.",
        "show_in_nav_menus": "Whether to make the taxonomy available for selection in navigation menus.",
        "show_in_quick_edit": "Whether to show the taxonomy in the quick/bulk edit panel.",
    })  # fmt: skip
    properties = {
        "capabilities": readonly("All capabilities used by the taxonomy.", "object", EDIT),
        "description": readonly("A human-readable description of the taxonomy.", "string", VIEW_EDIT),
        "hierarchical": readonly("Whether or not the taxonomy should have children.", "boolean", VIEW_EDIT),
        "labels": readonly("Human-readable labels for the taxonomy for various contexts.", "object", EDIT),
        "name": readonly("The title for the taxonomy.", "string", ALL),
        "slug": readonly("An alphanumeric identifier for the taxonomy.", "string", ALL),
        "show_cloud": readonly("Whether or not the term cloud should be displayed.", "boolean", EDIT),
        "types": readonly("Types associated with the taxonomy.", "array", VIEW_EDIT, items={"type": "string"}),
        "rest_base": readonly("REST base route for the taxonomy.", "string", ALL),
        "rest_namespace": readonly("REST namespace route for the taxonomy.", "string", ALL),
        "visibility": readonly("The visibility settings for the taxonomy.", "object", EDIT, properties=visibility),
    }
    return object_schema(properties, "taxonomy")


def status_schema() -> Schema:
    """``WP_REST_Post_Statuses_Controller::get_item_schema``."""
    properties = {
        "name": readonly("The title for the status.", "string", EMBED_FIRST),
        "private": readonly("Whether posts with this status should be private.", "boolean", EDIT),
        "protected": readonly("Whether posts with this status should be protected.", "boolean", EDIT),
        "public": readonly(
            "Whether posts of this status should be shown in the front end of the site.", "boolean", VIEW_EDIT
        ),
        "queryable": readonly("Whether posts with this status should be publicly-queryable.", "boolean", VIEW_EDIT),
        "show_in_list": readonly("Whether to include posts in the edit listing for their post type.", "boolean", EDIT),
        "slug": readonly("An alphanumeric identifier for the status.", "string", EMBED_FIRST),
        "date_floating": readonly(
            "Whether posts of this status may have floating published dates.", "boolean", VIEW_EDIT
        ),
    }
    return object_schema(properties, "status")
