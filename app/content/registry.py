"""Which typed detail table each post type has; types not listed keep only the common columns."""

from __future__ import annotations

from sqlmodel import SQLModel

from app.acf.models import AcfField, AcfFieldGroup
from app.content.models import CustomCss, CustomizeChangeset, OembedCache, ReusableBlock, UserRequest
from app.events.models import Event
from app.media.models import Attachment
from app.menus.models import MenuItem

DETAIL_MODELS: dict[str, type[SQLModel]] = {
    "attachment": Attachment,
    "nav_menu_item": MenuItem,
    "custom_css": CustomCss,
    "customize_changeset": CustomizeChangeset,
    "oembed_cache": OembedCache,
    "user_request": UserRequest,
    "wp_block": ReusableBlock,
    "acf-field-group": AcfFieldGroup,
    "acf-field": AcfField,
    "ai1ec_event": Event,
}

# The post types the mission names; any other type is stored too, with only the common columns.
KNOWN_POST_TYPES = ("post", "page", "revision", *DETAIL_MODELS)


def detail_model_for(post_type: str) -> type[SQLModel] | None:
    """The detail table of ``post_type``, or None when it has only the common columns."""
    return DETAIL_MODELS.get(post_type)
