"""The less common post types: patterns, an unknown plugin type, and core's non-exportable internals.

``revision``, ``customize_changeset``, ``oembed_cache`` and ``user_request`` are ``can_export => false``
in core, but exports made by plugins or database converters carry them, so the importer must cope.
"""

from __future__ import annotations

import hashlib
import json
import uuid

from bench.wxr_content import SITE_URL, image_block
from bench.wxr_items import EXPORTED_AT, ItemFactory, mysql
from bench.wxr_xml import ItemRecord, php_serialize

THEME = "twentytwentyfour"


def wp_block(factory: ItemFactory, index: int) -> ItemRecord:
    """A synced pattern (no sync meta) or an unsynced one (``wp_pattern_sync_status`` = ``unsynced``)."""
    image = factory.plan.nearby("attachment", index, block_delta=0, pick=index)
    body = factory.content.block_content(factory.content.length(3), image_id=0, pattern_id=0)
    body += "\n\n" + image_block(image) if image else ""
    item = factory.base(index, "wp_block", "publish", title=f"Pattern {index}", content=body)
    item.excerpt = "Call to action — دعوة"
    item.terms = [("wp_pattern_category", "call-to-action", "Call to action")]
    item.meta = [("wp_pattern_sync_status", "unsynced")] if index % 2 else []
    return item


def partner(factory: ItemFactory, index: int) -> ItemRecord:
    """A post type registered by a plugin the target site does not have."""
    rng = factory.rng
    body = factory.content.classic_content(factory.content.length(3), image_id=0, gallery=())
    item = factory.base(index, "partner", factory.status(), title=factory.content.title(index), content=body)
    item.meta = (item.meta or []) + [
        ("partner_url", f"https://partner{index}.example/?src=bench&lang=ar"),
        ("partner_tier", rng.choice(("gold", "silver", "bronze"))),
        ("partner_regions", php_serialize(["EU", "MENA", "APAC"][: rng.randint(1, 3)])),
    ]
    return item


def custom_css(factory: ItemFactory, index: int) -> ItemRecord:
    """The theme's Additional CSS post: title and slug are the stylesheet name."""
    css = "body { font-family: 'Noto Sans Thai', sans-serif; }\n.site-title::after { content: \"🚀\"; }\n"
    item = factory.base(index, "custom_css", "publish", title=THEME, content=css)
    item.slug, item.meta = THEME, []
    return item


def customize_changeset(factory: ItemFactory, index: int) -> ItemRecord:
    """A Customizer changeset: UUID slug, pretty JSON of settings; published ones end up in the trash."""
    changed = mysql(EXPORTED_AT)
    settings = {
        f"{THEME}::header_textcolor": {
            "value": "ff0000",
            "type": "theme_mod",
            "user_id": 1,
            "date_modified_gmt": changed,
        },
        "blogname": {"value": "Bench — موقع", "type": "option", "user_id": 1, "date_modified_gmt": changed},
    }
    body = json.dumps(settings, indent=4, ensure_ascii=False)
    item = factory.base(index, "customize_changeset", "trash" if index % 2 else "draft", title="", content=body)
    item.slug = str(uuid.UUID(int=factory.rng.getrandbits(128), version=4))
    item.meta = []
    return item


def oembed_cache(factory: ItemFactory, index: int) -> ItemRecord:
    """A cached embed: slug = md5 of URL + serialized attributes, as ``WP_Embed::shortcode`` keys it."""
    url = f"https://www.youtube.com/watch?v=bench{index}"
    key = hashlib.md5((url + php_serialize({"width": 640, "height": 360})).encode(), usedforsecurity=False)
    html = f'<iframe title="Bench {index}" width="640" height="360" src="https://www.youtube.com/embed/bench{index}"></iframe>'
    item = factory.base(index, "oembed_cache", "publish", title="", content=html)
    item.slug, item.meta = key.hexdigest(), []
    return item


def user_request(factory: ItemFactory, index: int) -> ItemRecord:
    """A privacy export or erasure request: e-mail as title, action as slug, hashed key as password."""
    status = ("request-pending", "request-confirmed", "request-completed")[index % 3]
    item = factory.base(index, "user_request", status, title=f"reader{index}@mail.example", content="[]")
    item.slug = "export_personal_data" if index % 2 else "remove_personal_data"
    item.password = "$generic$" + hashlib.sha256(str(index).encode()).hexdigest()[:40]
    item.link = f"{SITE_URL}/?post_type=user_request&p={item.post_id}"
    item.meta = [("_wp_user_request_confirmed_timestamp", str(1_700_000_000 + index))]
    if status == "request-completed":
        item.meta.append(("_wp_user_request_completed_timestamp", str(1_700_003_600 + index)))
    return item
