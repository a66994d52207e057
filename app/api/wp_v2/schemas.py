"""Item JSON Schemas as WordPress's controllers build them (``get_item_schema``), for ``OPTIONS``.

Each property lists the contexts it appears in: the serializers show a field in ``view`` only
where its schema says so, which the tests hold them to. Write actions (the schema ``links`` of
``action-publish`` and friends) are left out: this API only reads.
"""

from __future__ import annotations

from typing import Any

from app.api.wp_v2.post_types import PostTypeSpec
from app.api.wp_v2.term_serializer import TaxonomySpec

Schema = dict[str, Any]

DRAFT_04 = "http://json-schema.org/draft-04/schema#"
ALL = ["view", "edit", "embed"]
# The terms controller lists embed second; the users and comments controllers list it first.
TERM_ALL = ["view", "embed", "edit"]
EMBED_FIRST = ["embed", "view", "edit"]
VIEW_EDIT = ["view", "edit"]
EDIT = ["edit"]
# The statuses a post may be given over REST (get_item_schema's status enum).
WRITABLE_STATUSES = ["publish", "future", "draft", "pending", "private"]
# get_post_format_strings() keys: the enum of a post's ``format``.
POST_FORMATS = ["standard", "aside", "chat", "gallery", "link", "image", "quote", "status", "video", "audio"]


def prop(description: str, kind: str | list[str], context: list[str], **extra: Any) -> Schema:
    """A property as WordPress's controllers write it: description, type, then any keywords, then context."""
    return {"description": description, "type": kind, **extra, "context": context}


def readonly(description: str, kind: str | list[str], context: list[str], **extra: Any) -> Schema:
    """A property only the server sets."""
    return {**prop(description, kind, context, **extra), "readonly": True}


def object_schema(schema: dict[str, Any], title: str) -> Schema:
    """An item schema: draft 4, titled, with these properties."""
    return {"$schema": DRAFT_04, "title": title, "type": "object", "properties": schema}


def meta_schema(properties: Schema | None = None) -> Schema:
    """``WP_REST_Meta_Fields::get_field_schema``: the object's registered meta shown over REST."""
    # register_meta fields shown over REST; without any, PHP's empty array is a JSON list.
    return {"description": "Meta fields.", "type": "object", "context": VIEW_EDIT, "properties": properties or []}


def _text_field(noun: str, what: str, context: list[str], *, rendered: list[str]) -> Schema:
    """``title``/``content``/``excerpt``: raw for editors, rendered for display."""
    return {
        "description": f"The {what} for the post.",
        "type": "object",
        "context": context,
        "properties": {
            "raw": prop(f"{noun} for the post, as it exists in the database.", "string", EDIT),
            "rendered": readonly(f"HTML {noun.lower()} for the post, transformed for display.", "string", rendered),
        },
    }


def _protected(what: str) -> Schema:
    return readonly(f"Whether the {what} is protected with a password.", "boolean", ALL)


def _post_identity(statuses: list[str], *, is_viewable: bool) -> Schema:
    date = {"format": "date-time"}
    identity: Schema = {
        "date": prop("The date the post was published, in the site's timezone.", ["string", "null"], ALL, **date),
        "date_gmt": prop("The date the post was published, as GMT.", ["string", "null"], VIEW_EDIT, **date),
        "guid": {
            **readonly("The globally unique identifier for the post.", "object", VIEW_EDIT),
            "properties": {
                "raw": readonly("GUID for the post, as it exists in the database.", "string", EDIT),
                "rendered": readonly("GUID for the post, transformed for display.", "string", VIEW_EDIT),
            },
        },
        "id": readonly("Unique identifier for the post.", "integer", ALL),
        "link": readonly("URL to the post.", "string", ALL, format="uri"),
        "modified": readonly(
            "The date the post was last modified, in the site's timezone.", "string", VIEW_EDIT, **date
        ),
        "modified_gmt": readonly("The date the post was last modified, as GMT.", "string", VIEW_EDIT, **date),
        "slug": prop("An alphanumeric identifier for the post unique to its type.", "string", ALL),
        "status": prop(
            "A named status for the post.",
            "string",
            VIEW_EDIT,
            enum=statuses,
        ),
        "type": readonly("Type of post.", "string", ALL),
        "password": prop("A password to protect access to the content and excerpt.", "string", EDIT),
    }
    if is_viewable:
        # is_post_type_viewable: only a type with public URLs has permalinks to template.
        identity["permalink_template"] = readonly("Permalink template for the post.", "string", EDIT)
        identity["generated_slug"] = readonly("Slug automatically generated from the post title.", "string", EDIT)
    return identity


def _post_body(spec: PostTypeSpec) -> Schema:
    """The fields that follow the type's supports, in WordPress's order."""
    body: Schema = {}
    if spec.has_title:
        body["title"] = _text_field("Title", "title", ALL, rendered=ALL)
    if spec.has_content:
        content = _text_field("Content", "content", VIEW_EDIT, rendered=VIEW_EDIT)
        content["properties"] |= {
            "block_version": readonly("Version of the content block format used by the post.", "integer", EDIT),
            "protected": _protected("content"),
        }
        body["content"] = content
    if spec.has_author:
        body["author"] = prop("The ID for the author of the post.", "integer", ALL)
    if spec.has_excerpt:
        excerpt = _text_field("Excerpt", "excerpt", ALL, rendered=ALL)
        excerpt["properties"]["protected"] = _protected("excerpt")
        body["excerpt"] = excerpt
    if spec.has_featured_media:
        body["featured_media"] = prop("The ID of the featured media for the post.", "integer", ALL)
    if spec.has_comments:
        open_closed = {"enum": ["open", "closed"]}
        body |= {
            "comment_status": prop("Whether or not comments are open on the post.", "string", VIEW_EDIT, **open_closed),
            "ping_status": prop("Whether or not the post can be pinged.", "string", VIEW_EDIT, **open_closed),
        }
    return body


def post_schema(spec: PostTypeSpec, statuses: list[str] | None = None) -> Schema:
    """``WP_REST_Posts_Controller::get_item_schema`` for the post type's supports and taxonomies.

    ``statuses``: the site's non-internal post statuses (``get_post_stati``), core's five by default.
    """
    properties = _post_identity(list(WRITABLE_STATUSES if statuses is None else statuses), is_viewable=spec.is_viewable)
    if spec.is_hierarchical:
        properties["parent"] = prop("The ID for the parent of the post.", "integer", VIEW_EDIT)
    properties |= _post_body(spec)
    if spec.has_menu_order:
        properties["menu_order"] = prop("The order of the post in relation to other posts.", "integer", VIEW_EDIT)
    if spec.has_format:
        properties["format"] = prop("The format for the post.", "string", VIEW_EDIT, enum=POST_FORMATS)
    if spec.has_meta:
        properties["meta"] = meta_schema()
    if spec.has_sticky:
        properties["sticky"] = prop("Whether or not the post should be treated as sticky.", "boolean", VIEW_EDIT)
    properties["template"] = prop("The theme file to use to display the post.", "string", VIEW_EDIT)
    for route in spec.taxonomies:
        description = f"The terms assigned to the post in the {route.taxonomy} taxonomy."
        properties[route.rest_base] = prop(description, "array", VIEW_EDIT, items={"type": "integer"})
    return object_schema(properties, spec.name)


def block_schema(spec: PostTypeSpec, statuses: list[str] | None = None) -> Schema:
    """``WP_REST_Blocks_Controller::get_item_schema``: a reusable block's title and content are shown raw."""
    schema = post_schema(spec, statuses)
    for name in ("title", "content"):
        field = schema["properties"][name]["properties"]
        del field["rendered"]
        field["raw"]["context"] = VIEW_EDIT
    return schema


def attachment_schema(spec: PostTypeSpec, statuses: list[str] | None = None) -> Schema:
    """``WP_REST_Attachments_Controller::get_item_schema``: the posts schema of ``attachment`` without a
    password, then the file's own fields."""
    schema = post_schema(spec, statuses)
    properties = schema["properties"]
    del properties["password"]
    properties |= {
        "alt_text": prop("Alternative text to display when attachment is not displayed.", "string", ALL),
        "caption": prop(
            "The attachment caption.", "object", ALL, properties=_raw_and_rendered("Caption", "caption", ALL)
        ),
        "description": prop(
            "The attachment description.",
            "object",
            VIEW_EDIT,
            properties=_raw_and_rendered("Description", "description", VIEW_EDIT),
        ),
        "media_type": readonly("Attachment type.", "string", ALL, enum=["image", "file"]),
        "mime_type": readonly("The attachment MIME type.", "string", ALL),
        "media_details": readonly("Details about the media file, specific to its type.", "object", ALL),
        "post": prop("The ID for the associated post of the attachment.", "integer", VIEW_EDIT),
        "source_url": readonly("URL to the original attachment file.", "string", ALL, format="uri"),
        "missing_image_sizes": readonly(
            "List of the missing image sizes of the attachment.", "array", EDIT, items={"type": "string"}
        ),
    }
    return schema


def _raw_and_rendered(noun: str, what: str, rendered: list[str]) -> Schema:
    return {
        "raw": prop(f"{noun} for the attachment, as it exists in the database.", "string", EDIT),
        "rendered": readonly(f"HTML {what} for the attachment, transformed for display.", "string", rendered),
    }


def term_schema(spec: TaxonomySpec) -> Schema:
    """``WP_REST_Terms_Controller::get_item_schema``; ``parent`` only for hierarchical taxonomies."""
    properties: Schema = {
        "id": readonly("Unique identifier for the term.", "integer", TERM_ALL),
        "count": readonly("Number of published posts for the term.", "integer", VIEW_EDIT),
        "description": prop("HTML description of the term.", "string", VIEW_EDIT),
        "link": readonly("URL of the term.", "string", TERM_ALL, format="uri"),
        "name": {**prop("HTML title for the term.", "string", TERM_ALL), "required": True},
        "slug": prop("An alphanumeric identifier for the term unique to its type.", "string", TERM_ALL),
        "taxonomy": readonly("Type attribution for the term.", "string", TERM_ALL, enum=[spec.name]),
    }
    if spec.is_hierarchical:
        properties["parent"] = prop("The parent term ID.", "integer", VIEW_EDIT)
    properties["meta"] = meta_schema()
    # WordPress titles the tag schema "tag", every other taxonomy by its name.
    return object_schema(properties, "tag" if spec.name == "post_tag" else spec.name)


def _avatar_urls(description: str, context: list[str]) -> Schema:
    # rest_get_avatar_sizes(): 24, 48 and 96 pixels.
    sizes = {str(size): {"description": f"Avatar URL with image size of {size} pixels.", "type": "string",
                         "format": "uri", "context": EMBED_FIRST} for size in (24, 48, 96)}  # fmt: skip
    return readonly(description, "object", context, properties=sizes)


# wp_register_persisted_preferences_meta (WordPress 6.1): the editor's preferences, registered user meta.
_PERSISTED_PREFERENCES: Schema = {
    "type": "object",
    "description": "",
    "default": [],
    "context": EDIT,
    "properties": {
        "_modified": {
            "description": "The date and time the preferences were updated.",
            "type": "string",
            "format": "date-time",
            "readonly": False,
        }
    },
    "additionalProperties": True,
}


def user_schema() -> Schema:
    """``WP_REST_Users_Controller::get_item_schema``: private fields only in the ``edit`` context."""
    properties: Schema = {
        "id": readonly("Unique identifier for the user.", "integer", EMBED_FIRST),
        "username": prop("Login name for the user.", "string", EDIT, required=True),
        "name": prop("Display name for the user.", "string", EMBED_FIRST),
        "first_name": prop("First name for the user.", "string", EDIT),
        "last_name": prop("Last name for the user.", "string", EDIT),
        "email": prop("The email address for the user.", "string", EDIT, format="email", required=True),
        "url": prop("URL of the user.", "string", EMBED_FIRST, format="uri"),
        "description": prop("Description of the user.", "string", EMBED_FIRST),
        "link": readonly("Author URL of the user.", "string", EMBED_FIRST, format="uri"),
        "locale": prop("Locale for the user.", "string", EDIT, enum=["", "en_US"]),
        "nickname": prop("The nickname for the user.", "string", EDIT),
        "slug": prop("An alphanumeric identifier for the user.", "string", EMBED_FIRST),
        "registered_date": readonly("Registration date for the user.", "string", EDIT, format="date-time"),
        "roles": prop("Roles assigned to the user.", "array", EDIT, items={"type": "string"}),
        "password": prop("Password for the user (never included).", "string", [], required=True),
        "capabilities": readonly("All capabilities assigned to the user.", "object", EDIT),
        "extra_capabilities": readonly("Any extra capabilities assigned to the user.", "object", EDIT),
        "avatar_urls": _avatar_urls("Avatar URLs for the user.", EMBED_FIRST),
        "meta": meta_schema({"persisted_preferences": _PERSISTED_PREFERENCES}),
    }
    return object_schema(properties, "user")


def comment_schema() -> Schema:
    """``WP_REST_Comments_Controller::get_item_schema``: e-mail, IP and agent only in ``edit``."""
    content = {
        "raw": prop("Content for the comment, as it exists in the database.", "string", EDIT),
        "rendered": readonly("HTML content for the comment, transformed for display.", "string", ALL),
    }
    date = {"format": "date-time"}
    properties: Schema = {
        "id": readonly("Unique identifier for the comment.", "integer", ALL),
        "author": prop("The ID of the user object, if author was a user.", "integer", ALL),
        "author_email": prop("Email address for the comment author.", "string", EDIT, format="email"),
        "author_ip": prop("IP address for the comment author.", "string", EDIT, format="ip"),
        "author_name": prop("Display name for the comment author.", "string", ALL),
        "author_url": prop("URL for the comment author.", "string", ALL, format="uri"),
        "author_user_agent": prop("User agent for the comment author.", "string", EDIT),
        "content": prop("The content for the comment.", "object", ALL, properties=content),
        "date": prop("The date the comment was published, in the site's timezone.", "string", ALL, **date),
        "date_gmt": prop("The date the comment was published, as GMT.", "string", VIEW_EDIT, **date),
        "link": readonly("URL to the comment.", "string", ALL, format="uri"),
        "parent": prop("The ID for the parent of the comment.", "integer", ALL, default=0),
        "post": prop("The ID of the associated post object.", "integer", VIEW_EDIT, default=0),
        "status": prop("State of the comment.", "string", VIEW_EDIT),
        "type": readonly("Type of the comment.", "string", ALL),
        "author_avatar_urls": _avatar_urls("Avatar URLs for the comment author.", ALL),
        "meta": meta_schema(),
    }
    return object_schema(properties, "comment")
