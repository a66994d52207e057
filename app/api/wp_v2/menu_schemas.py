"""Item schemas of the menu controllers (WordPress 6.1): menus, menu items and theme menu locations."""

from __future__ import annotations

from app.api.wp_v2.registry import Schema
from app.api.wp_v2.schemas import ALL, EMBED_FIRST, VIEW_EDIT, meta_schema, object_schema, prop, readonly, term_schema
from app.api.wp_v2.term_serializer import TaxonomySpec

NAV_MENU = TaxonomySpec("nav_menu", "menus", is_hierarchical=False)
# wp_setup_nav_menu_item's families of linked objects.
MENU_ITEM_TYPES = ["taxonomy", "post_type", "post_type_archive", "custom"]


def menu_schema() -> Schema:
    """``WP_REST_Menus_Controller::get_item_schema``: the nav_menu terms' schema without count, link and
    taxonomy, with the menu's theme locations and its auto-add setting."""
    schema = term_schema(NAV_MENU)
    properties = schema["properties"]
    for name in ("count", "link", "taxonomy"):
        del properties[name]
    properties["locations"] = prop("The locations assigned to the menu.", "array", VIEW_EDIT, items={"type": "string"})
    properties["auto_add"] = {
        "description": "Whether to automatically add top level pages to this menu.",
        "context": VIEW_EDIT,
        "type": "boolean",
    }
    return schema


def _strings(description: str) -> Schema:
    return prop(description, "array", ALL, items={"type": "string"})


def _menu_item_fields(statuses: list[str]) -> Schema:
    title = {
        "raw": prop("Title for the object, as it exists in the database.", "string", ["edit"]),
        "rendered": readonly("HTML title for the object, transformed for display.", "string", ALL),
    }
    return {
        "title": prop("The title for the object.", ["string", "object"], ALL, properties=title),
        "id": readonly("Unique identifier for the object.", "integer", ALL, default=0, minimum=0),
        "type_label": readonly("The singular label used to describe this type of menu item.", "string", ALL),
        "type": prop(
            'The family of objects originally represented, such as "post_type" or "taxonomy".',
            "string",
            ALL,
            enum=MENU_ITEM_TYPES,
        )
        | {"default": "custom"},
        "status": prop("A named status for the object.", "string", ALL, enum=statuses, default="publish"),
        "parent": prop("The ID for the parent of the object.", "integer", ALL, minimum=0, default=0),
        "attr_title": prop("Text for the title attribute of the link element for this menu item.", "string", ALL),
        "classes": _strings("Class names for the link element of this menu item."),
        "description": prop("The description of this menu item.", "string", ALL),
    }


def _menu_item_target_fields() -> Schema:
    # WordPress describes menu_order with the parent's text (a copy slip it ships in 6.1).
    order = "The DB ID of the nav_menu_item that is this item's menu parent, if any, otherwise 0."
    object_id = (
        "The database ID of the original object this menu item represents, for example the ID for posts or the "
        "term_id for categories."
    )
    what = 'The type of object originally represented, such as "category", "post", or "attachment".'
    return {
        "menu_order": {"description": order, "context": ALL, "type": "integer", "minimum": 1, "default": 1},
        "object": {"description": what, "context": ALL, "type": "string"},
        "object_id": {"description": object_id, "context": ALL, "type": "integer", "minimum": 0, "default": 0},
        "target": prop("The target attribute of the link element for this menu item.", "string", ALL)
        | {"enum": ["_blank", ""]},
        "url": prop("The URL to which this menu item points.", "string", ALL, format="uri"),
        "xfn": _strings("The XFN relationship expressed in the link of this menu item."),
        "invalid": {
            "description": "Whether the menu item represents an object that no longer exists.",
            "context": ALL,
            "type": "boolean",
            "readonly": True,
        },
        "menus": prop("The terms assigned to the object in the nav_menu taxonomy.", "integer", VIEW_EDIT),
        "meta": meta_schema(),
    }


def menu_item_schema(statuses: list[str], rest_root: str) -> Schema:
    """``WP_REST_Menu_Items_Controller::get_item_schema``, with the one schema link that reads: the linked
    object's (the write actions, such as ``action-publish``, are left out: this API only reads)."""
    schema = object_schema(_menu_item_fields(statuses) | _menu_item_target_fields(), "nav_menu_item")
    schema["links"] = [
        {
            "rel": "https://api.w.org/menu-item-object",
            "title": "Get linked object.",
            "href": f"{rest_root}wp/v2/menu-items/{{id}}",
            "targetSchema": {"type": "object", "properties": {"object": {"type": "integer"}}},
        }
    ]
    return schema


def menu_location_schema() -> Schema:
    """``WP_REST_Menu_Locations_Controller::get_item_schema``."""
    properties = {
        "name": readonly("The name of the menu location.", "string", EMBED_FIRST),
        "description": readonly("The description of the menu location.", "string", EMBED_FIRST),
        "menu": readonly("The ID of the assigned menu.", "integer", EMBED_FIRST),
    }
    return object_schema(properties, "menu-location")
