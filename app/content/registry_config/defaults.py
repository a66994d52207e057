"""What WordPress core and the plugins Vellum knows register, before the site's own declarations."""

from __future__ import annotations

from app.content.registry_config.model import (
    PostStatusRegistration,
    PostTypeRegistration,
    Rewrite,
    TaxonomyRegistration,
)

P, T, S = PostTypeRegistration, TaxonomyRegistration, PostStatusRegistration

# create_initial_post_types(), in WordPress 6.1's order; the block-theme types are registered on every site.
CORE_POST_TYPES: tuple[PostTypeRegistration, ...] = (
    P("post", "Posts", public=True, show_in_rest=True, rest_base="posts", icon="dashicons-admin-post",
      supports=("title", "editor", "author", "thumbnail", "excerpt", "trackbacks", "custom-fields", "comments",
                "revisions", "post-formats")),
    P("page", "Pages", public=True, show_in_rest=True, rest_base="pages", hierarchical=True,
      icon="dashicons-admin-page",
      supports=("title", "editor", "author", "thumbnail", "page-attributes", "custom-fields", "comments",
                "revisions")),
    P("attachment", "Media", public=True, show_in_rest=True, rest_base="media", icon="dashicons-admin-media",
      supports=("title", "author", "comments")),
    P("revision", "Revisions", supports=("author",), rewrite=None),
    P("nav_menu_item", "Navigation Menu Items", show_in_rest=True, rest_base="menu-items", supports=(),
      rewrite=None),
    P("custom_css", "Custom CSS", supports=("title", "revisions"), rewrite=None),
    P("customize_changeset", "Changesets", supports=(), rewrite=None),
    P("oembed_cache", "oEmbed Responses", supports=(), rewrite=None),
    P("user_request", "User Requests", supports=(), rewrite=None),
    P("wp_block", "Reusable blocks", show_in_rest=True, rest_base="blocks", supports=("title", "editor", "revisions"),
      rewrite=None),
    P("wp_template", "Templates", show_in_rest=True, rest_base="templates",
      description="Templates to include in your theme.", rewrite=None),
    P("wp_template_part", "Template Parts", show_in_rest=True, rest_base="template-parts",
      description="Template parts to include in your templates.", rewrite=None),
    P("wp_global_styles", "Global Styles", supports=("title", "editor", "revisions"), rewrite=None),
    P("wp_navigation", "Navigation Menus", show_in_rest=True, rest_base="navigation",
      description="Navigation menus that can be inserted into your site.", rewrite=None),
)  # fmt: skip

# create_initial_taxonomies(), in order.
CORE_TAXONOMIES: tuple[TaxonomyRegistration, ...] = (
    T("category", "Categories", ("post",), show_in_rest=True, rest_base="categories", hierarchical=True,
      rewrite=Rewrite("category", hierarchical=True)),
    T("post_tag", "Tags", ("post",), show_in_rest=True, rest_base="tags", rewrite=Rewrite("tag")),
    T("nav_menu", "Navigation Menus", ("nav_menu_item",), public=False, show_in_rest=True, rest_base="menus",
      rewrite=None),
    T("link_category", "Link Categories", ("link",), public=False, rewrite=None),
    T("post_format", "Formats", ("post",), rewrite=Rewrite("type")),
    T("wp_theme", "Themes", ("wp_template", "wp_template_part", "wp_global_styles"), public=False, rewrite=None),
    T("wp_template_part_area", "Template Part Areas", ("wp_template_part",), public=False, rewrite=None),
)  # fmt: skip

# create_initial_post_types()'s register_post_status calls, in order.
CORE_POST_STATUSES: tuple[PostStatusRegistration, ...] = (
    S("publish", "Published", public=True),
    S("future", "Scheduled", protected=True),
    S("draft", "Draft", protected=True, date_floating=True),
    S("pending", "Pending", protected=True, date_floating=True),
    S("private", "Private", private=True),
    S("trash", "Trash", internal=True, show_in_list=False),
    S("auto-draft", "auto-draft", internal=True, show_in_list=False, date_floating=True),
    S("inherit", "inherit", internal=True, show_in_list=False),
    S("request-pending", "Pending", internal=True, show_in_list=False),
    S("request-confirmed", "Confirmed", internal=True, show_in_list=False),
    S("request-failed", "Failed", internal=True, show_in_list=False),
    S("request-completed", "Completed", internal=True, show_in_list=False),
)

# All-in-One Event Calendar: registered when the site's data holds its events or their terms. Its items live at
# /event/<slug>/ (the plugin's rewrite slug), its archive there too; revisions are not among its supports.
EVENT_POST_TYPES: tuple[PostTypeRegistration, ...] = (
    P("ai1ec_event", "Events", public=True, show_in_rest=True, rest_base="events", has_archive=True,
      supports=("title", "editor", "author", "excerpt", "comments", "custom-fields", "thumbnail"),
      rewrite=Rewrite("event")),
)  # fmt: skip
EVENT_TAXONOMIES: tuple[TaxonomyRegistration, ...] = (
    T("events_categories", "Categories", ("ai1ec_event",), show_in_rest=True, rest_base="events_categories",
      hierarchical=True),
    T("events_tags", "Tags", ("ai1ec_event",), show_in_rest=True, rest_base="events_tags"),
)  # fmt: skip

# Advanced Custom Fields: its definitions are private post types; it adds a public "Inactive" status.
ACF_POST_TYPES: tuple[PostTypeRegistration, ...] = (
    P("acf-field-group", "Field Groups", supports=("title",)),
    P("acf-field", "Fields", supports=("title",)),
)
ACF_POST_STATUSES: tuple[PostStatusRegistration, ...] = (S("acf-disabled", "Inactive", public=True),)

# WooCommerce: registered when the site's data holds its products, orders or coupons. Products are public and
# in the REST API (/product/<slug>/, archive at /shop/); variations, orders, refunds and coupons are not public,
# so a coupon's code (its title) or an order never reaches an anonymous caller. Order statuses are not public.
# Attribute taxonomies (pa_*) are the site's own; like any undeclared taxonomy they are served under their name.
SHOP_TYPES = frozenset({"product", "product_variation", "shop_order", "shop_order_refund", "shop_coupon"})
SHOP_POST_TYPES: tuple[PostTypeRegistration, ...] = (
    P("product", "Products", public=True, show_in_rest=True, rest_base="product", has_archive="shop",
      icon="dashicons-archive", description="This is where you can browse products in this store.",
      supports=("title", "editor", "excerpt", "thumbnail", "custom-fields", "publicize", "wpcom-markdown",
                "comments"),
      rewrite=Rewrite("product", with_front=False)),
    P("product_variation", "Variations", supports=(), rewrite=None),
    P("shop_order", "Orders", supports=("title", "comments", "custom-fields"), rewrite=None,
      description="This is where store orders are stored."),
    P("shop_order_refund", "Refunds", supports=(), rewrite=None),
    P("shop_coupon", "Coupons", supports=("title",), rewrite=None,
      description="This is where you can add new coupons that customers can use in your store."),
)  # fmt: skip
SHOP_TAXONOMIES: tuple[TaxonomyRegistration, ...] = (
    T("product_type", "Product type", ("product",), public=False, rewrite=None),
    T("product_visibility", "Product visibility", ("product", "product_variation"), public=False, rewrite=None),
    T("product_cat", "Categories", ("product",), show_in_rest=True, rest_base="product_cat", hierarchical=True,
      rewrite=Rewrite("product-category", with_front=False, hierarchical=True)),
    T("product_tag", "Product tags", ("product",), show_in_rest=True, rest_base="product_tag",
      rewrite=Rewrite("product-tag", with_front=False)),
    T("product_shipping_class", "Shipping classes", ("product", "product_variation"), rewrite=None),
)  # fmt: skip
SHOP_POST_STATUSES: tuple[PostStatusRegistration, ...] = tuple(
    S(name, label)
    for name, label in (
        ("wc-pending", "Pending payment"),
        ("wc-processing", "Processing"),
        ("wc-on-hold", "On hold"),
        ("wc-completed", "Completed"),
        ("wc-cancelled", "Cancelled"),
        ("wc-refunded", "Refunded"),
        ("wc-failed", "Failed"),
    )
)
