"""Item schemas as the site makes them: core's, with the site's statuses and the extra fields' schemas.

``OPTIONS`` and the OpenAPI document show these; the ``acf`` property holds the JSON Schema of every
active ACF field group whose location rules target the object.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.api.wp_v2.extensions import acf_field_schema, extension_field_schemas, load_field_index
from app.api.wp_v2.post_types import BLOCK, PostTypeSpec
from app.api.wp_v2.registry import Schema, SchemaBuilder
from app.api.wp_v2.schemas import (
    attachment_schema,
    block_schema,
    comment_schema,
    post_schema,
    term_schema,
    user_schema,
)
from app.api.wp_v2.term_serializer import TaxonomySpec
from app.content.registry_config.registry import Registry, site_registry


def public_statuses(registry: Registry) -> list[str]:
    """``get_post_stati(['internal' => false])``: the statuses a post's ``status`` may name."""
    return [status.name for status in registry.post_statuses if not status.internal]


def listed_statuses(registry: Registry) -> list[str]:
    """``get_post_stati()`` and ``any``: the items of a post collection's ``status`` argument."""
    return [*(status.name for status in registry.post_statuses), "any"]


def post_item_schema(spec: PostTypeSpec) -> SchemaBuilder:
    """The item schema of a post type: core's fields, then ``acf``, ``blocks`` (and ``event``)."""

    # Reusable blocks have a controller of their own, which changes the posts controller's schema.
    core_schema = block_schema if spec.name == BLOCK.name else post_schema

    def build(session: Session) -> Schema:
        schema = core_schema(spec, public_statuses(site_registry(session)))
        schema["properties"] |= extension_field_schemas(load_field_index(session), spec.name)
        return schema

    return build


def attachment_item_schema(spec: PostTypeSpec) -> SchemaBuilder:
    """The attachments' item schema, with the site's statuses (media have no extra fields)."""

    def build(session: Session) -> Schema:
        return attachment_schema(spec, public_statuses(site_registry(session)))

    return build


def term_item_schema(spec: TaxonomySpec) -> SchemaBuilder:
    """The item schema of a taxonomy's terms, with the ``acf`` of groups shown on its term screens."""

    def build(session: Session) -> Schema:
        schema = term_schema(spec)
        schema["properties"]["acf"] = acf_field_schema(load_field_index(session), "taxonomy", spec.name)
        return schema

    return build


def user_item_schema(session: Session) -> Schema:
    """The users' item schema, with the ``acf`` of groups shown on user screens."""
    schema = user_schema()
    schema["properties"]["acf"] = acf_field_schema(load_field_index(session), "user")
    return schema


def comment_item_schema(session: Session) -> Schema:
    """The comments' item schema (no extra fields)."""
    return comment_schema()
