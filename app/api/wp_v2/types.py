"""``/wp/v2/types``, ``/taxonomies``, ``/statuses`` (the site's registrations) and ``/wp/v2/settings``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from app.api.deps import CallerDep, SessionDep
from app.api.wp_v2.discovery_schemas import status_schema, taxonomy_schema, type_schema
from app.api.wp_v2.links import CURIES
from app.api.wp_v2.params import validate_args
from app.api.wp_v2.query_string import group_query
from app.api.wp_v2.registry import Arg, RestRoute, context_arg, fixed_schema, parsers_of, register
from app.api.wp_v2.rest_errors import RestError, forbidden
from app.api.wp_v2.rest_response import RestResult, error_result, send
from app.auth.permissions import Caller, can_edit
from app.content.permalinks import load_site
from app.content.registry_config.model import PostStatusRegistration, PostTypeRegistration, TaxonomyRegistration
from app.content.registry_config.registry import Registry, site_registry
from app.options.service import get_options

router = APIRouter()

ALLOWED_METHODS = ["GET"]
_ROOT = "/wp-json/wp/v2"


def _identifier_arg(what: str) -> Arg:
    return Arg({"description": f"An alphanumeric identifier for the {what}.", "type": "string"})


_LIST_ARGS = {"context": context_arg()}
_TAXONOMY_LIST_ARGS = _LIST_ARGS | {
    "type": Arg({"description": "Limit results to taxonomies associated with a specific post type.", "type": "string"})
}


def _item_args(name: str, what: str) -> dict[str, Arg]:
    return {name: _identifier_arg(what), "context": context_arg()}


def _context(request: Request, *, with_type: bool = False) -> dict[str, Any]:
    """The query checked against the args the index publishes for these routes."""
    raw = group_query(request.query_params.multi_items())
    return {"context": "view"} | validate_args(raw, parsers_of(_TAXONOMY_LIST_ARGS if with_type else _LIST_ARGS))


def _edits_any_type(registry: Registry, caller: Caller) -> bool:
    """Whether the caller may edit posts of some REST-visible type (the edit-context checks of these routes)."""
    return any(can_edit(caller, item.name) for item in registry.post_types if item.show_in_rest)


def _links(rest_root: str, collection: str, items: str) -> dict[str, Any]:
    return {
        "collection": [{"href": f"{rest_root}wp/v2/{collection}"}],
        "wp:items": [{"href": f"{rest_root}wp/v2/{items}"}],
        "curies": CURIES,
    }


def post_type_data(registry: Registry, item: PostTypeRegistration, rest_root: str) -> dict[str, Any]:
    """``WP_REST_Post_Types_Controller::prepare_item_for_response`` in the view context."""
    taxonomies = [tax.name for tax in registry.taxonomies_of(item.name) if tax.show_in_rest]
    return {
        "description": item.description,
        "hierarchical": item.hierarchical,
        "has_archive": item.has_archive,
        "name": item.label,
        "slug": item.name,
        "icon": item.icon,
        "taxonomies": taxonomies,
        "rest_base": item.rest_base,
        "rest_namespace": "wp/v2",
        "_links": _links(rest_root, "types", item.rest_base),
    }


def taxonomy_data(item: TaxonomyRegistration, rest_root: str) -> dict[str, Any]:
    """``WP_REST_Taxonomies_Controller::prepare_item_for_response`` in the view context."""
    return {
        "name": item.label,
        "slug": item.name,
        "description": item.description,
        "types": list(item.object_types),
        "hierarchical": item.hierarchical,
        "rest_base": item.rest_base,
        "rest_namespace": "wp/v2",
        "_links": _links(rest_root, "taxonomies", item.rest_base),
    }


def status_data(registry: Registry, item: PostStatusRegistration, rest_root: str) -> dict[str, Any]:
    """``WP_REST_Post_Statuses_Controller::prepare_item_for_response`` in the view context."""
    post = registry.post_type("post")
    archives = f"{rest_root}wp/v2/{post.rest_base if post else 'posts'}"
    # 'publish' archives are the plain post collection; every other status filters it.
    href = archives if item.name == "publish" else f"{archives}?status={item.name}"
    return {
        "name": item.label,
        "public": item.public,
        "queryable": item.queryable,
        "slug": item.name,
        "date_floating": item.date_floating,
        "_links": {"archives": [{"href": href}]},
    }


def _can_read_status(registry: Registry, item: PostStatusRegistration, caller: Caller) -> bool:
    """``check_read_permission``: public statuses for everyone, the others for whoever edits some type."""
    if item.public:
        return True
    return (not item.internal or item.name == "trash") and _edits_any_type(registry, caller)


def _types_result(registry: Registry, request: Request, caller: Caller, rest_root: str) -> RestResult:
    values = _context(request)
    if values["context"] == "edit" and not _edits_any_type(registry, caller):
        message = "Sorry, you are not allowed to edit posts in this post type."
        raise RestError("rest_cannot_view", message, 401, is_permission=True)
    shown = (item for item in registry.post_types if item.show_in_rest)
    data = {item.name: post_type_data(registry, item, rest_root) for item in shown}
    return RestResult(data=data, headers={"Allow": "GET"})


def _type_result(registry: Registry, name: str, request: Request, caller: Caller, rest_root: str) -> RestResult:
    values = _context(request)
    item = registry.post_type(name)
    if item is None:
        raise RestError("rest_type_invalid", "Invalid post type.", 404)
    if not item.show_in_rest:
        raise RestError("rest_cannot_read_type", "Cannot view post type.", 401)
    if values["context"] == "edit" and not can_edit(caller, name):
        message = "Sorry, you are not allowed to edit posts in this post type."
        raise RestError("rest_forbidden_context", message, 401)
    return RestResult(data=post_type_data(registry, item, rest_root), headers={"Allow": "GET"})


def _taxonomies_result(registry: Registry, request: Request, caller: Caller, rest_root: str) -> RestResult:
    values = _context(request, with_type=True)
    may_assign = caller.can("edit_posts")
    if values["context"] == "edit" and not may_assign:
        message = "Sorry, you are not allowed to manage terms in this taxonomy."
        raise RestError("rest_cannot_view", message, 401, is_permission=True)
    # get_object_taxonomies( type ) when a type is asked for, every taxonomy otherwise.
    chosen = registry.taxonomies_of(values["type"]) if "type" in values else registry.taxonomies
    data = {item.name: taxonomy_data(item, rest_root) for item in chosen if item.show_in_rest}
    return RestResult(data=data, headers={"Allow": "GET"})


def _taxonomy_result(registry: Registry, name: str, request: Request, caller: Caller, rest_root: str) -> RestResult:
    values = _context(request)
    item = registry.taxonomy(name)
    if item is not None and not item.show_in_rest:
        raise forbidden()
    if item is not None and values["context"] == "edit" and not caller.can("edit_posts"):
        message = "Sorry, you are not allowed to manage terms in this taxonomy."
        raise RestError("rest_forbidden_context", message, 401, is_permission=True)
    if item is None:
        raise RestError("rest_taxonomy_invalid", "Invalid taxonomy.", 404)
    return RestResult(data=taxonomy_data(item, rest_root), headers={"Allow": "GET"})


def _statuses_result(registry: Registry, request: Request, caller: Caller, rest_root: str) -> RestResult:
    values = _context(request)
    if values["context"] == "edit" and not _edits_any_type(registry, caller):
        message = "Sorry, you are not allowed to manage post statuses."
        raise RestError("rest_cannot_view", message, 401, is_permission=True)
    # get_post_stati( internal => false ) and then 'trash', as get_items lists them.
    listed = [item for item in registry.post_statuses if not item.internal]
    listed += [item for item in registry.post_statuses if item.name == "trash"]
    data = {
        item.name: status_data(registry, item, rest_root) for item in listed if _can_read_status(registry, item, caller)
    }
    return RestResult(data=data, headers={"Allow": "GET"})


def _status_result(registry: Registry, name: str, request: Request, caller: Caller, rest_root: str) -> RestResult:
    _context(request)
    item = registry.post_status(name)
    if item is not None and not _can_read_status(registry, item, caller):
        raise RestError("rest_cannot_read_status", "Cannot view status.", 401, is_permission=True)
    if item is None:
        raise RestError("rest_status_invalid", "Invalid status.", 404)
    return RestResult(data=status_data(registry, item, rest_root), headers={"Allow": "GET"})


Build = Callable[[Registry, Request, Caller, str], RestResult]


def _answer(session: Session, request: Request, caller: Caller, build: Build) -> Response:
    site = load_site(session)
    try:
        result = build(site_registry(session), request, caller, site.rest_root)
    except RestError as error:
        result = error_result(error, ALLOWED_METHODS)
    return send(request, result, site.rest_root)


def list_types(request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """Every post type registered with ``show_in_rest``, by name."""
    return _answer(session, request, caller, _types_result)


def get_type(type: str, request: Request, session: SessionDep, caller: CallerDep) -> Response:  # noqa: A002
    """One registered post type."""
    return _answer(session, request, caller, lambda reg, req, who, root: _type_result(reg, type, req, who, root))


def list_taxonomies(request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """Every taxonomy registered with ``show_in_rest`` (or only those of ``?type=``), by name."""
    return _answer(session, request, caller, _taxonomies_result)


def get_taxonomy(taxonomy: str, request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """One registered taxonomy."""
    build: Build = lambda reg, req, who, root: _taxonomy_result(reg, taxonomy, req, who, root)  # noqa: E731
    return _answer(session, request, caller, build)


def list_statuses(request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """The post statuses the caller may see, by name."""
    return _answer(session, request, caller, _statuses_result)


def get_status(status: str, request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """One post status."""
    return _answer(session, request, caller, lambda reg, req, who, root: _status_result(reg, status, req, who, root))


# register_initial_settings(): the REST name of each option shown by /wp/v2/settings, and its type.
_SETTINGS: tuple[tuple[str, str, Callable[[Any], Any]], ...] = (
    ("title", "blogname", str),
    ("description", "blogdescription", str),
    ("url", "siteurl", str),
    ("email", "admin_email", str),
    ("timezone", "timezone_string", str),
    ("date_format", "date_format", str),
    ("time_format", "time_format", str),
    ("start_of_week", "start_of_week", int),
    ("language", "WPLANG", lambda value: str(value) or "en_US"),
    ("use_smilies", "use_smilies", lambda value: str(value) not in ("", "0")),
    ("default_category", "default_category", int),
    ("default_post_format", "default_post_format", str),
    ("posts_per_page", "posts_per_page", int),
    ("show_on_front", "show_on_front", str),
    ("page_on_front", "page_on_front", int),
    ("page_for_posts", "page_for_posts", int),
    ("default_ping_status", "default_ping_status", str),
    ("default_comment_status", "default_comment_status", str),
    ("site_logo", "site_logo", lambda value: int(value) if value else None),
    ("site_icon", "site_icon", int),
)
# populate_options() values for the options an import may not carry.
_SETTING_DEFAULTS: dict[str, Any] = {
    "admin_email": "", "WPLANG": "", "use_smilies": "1", "default_post_format": "0",
    "default_ping_status": "open", "default_comment_status": "open", "site_logo": None, "site_icon": 0,
}  # fmt: skip


def _settings_result(session: Session, caller: Caller) -> RestResult:
    """``WP_REST_Settings_Controller``: only ``manage_options`` reads the settings."""
    if not caller.can("manage_options"):
        raise forbidden(401 if caller.is_anonymous else 403)
    stored = get_options(session, [option for _, option, _ in _SETTINGS])
    data = {}
    for name, option, convert in _SETTINGS:
        value = stored[option] if stored[option] is not None else _SETTING_DEFAULTS.get(option)
        data[name] = convert(value if value is not None else "")
    return RestResult(data=data, headers={"Allow": "GET"})


def get_settings_route(request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """The site settings; anonymous callers get 401 and users without ``manage_options`` 403."""
    return _answer(session, request, caller, lambda _reg, _req, who, _root: _settings_result(session, who))


for _path, _route in (
    ("/types", list_types),
    ("/types/{type}", get_type),
    ("/taxonomies", list_taxonomies),
    ("/taxonomies/{taxonomy}", get_taxonomy),
    ("/statuses", list_statuses),
    ("/statuses/{status}", get_status),
    ("/settings", get_settings_route),
):
    router.add_api_route(_ROOT + _path, _route, methods=["GET"])

# register_routes of the types, taxonomies, statuses and settings controllers (GET endpoints).
_NAME = r"(?P<{}>[\w-]+)"
_TYPE, _TAXONOMY, _STATUS = fixed_schema(type_schema), fixed_schema(taxonomy_schema), fixed_schema(status_schema)
register(RestRoute("/wp/v2/types", _LIST_ARGS, schema=_TYPE))
register(RestRoute("/wp/v2/types/" + _NAME.format("type"), _item_args("type", "post type"), schema=_TYPE))
register(RestRoute("/wp/v2/statuses", _LIST_ARGS, schema=_STATUS))
register(RestRoute("/wp/v2/statuses/" + _NAME.format("status"), _item_args("status", "status"), schema=_STATUS))
register(RestRoute("/wp/v2/taxonomies", _TAXONOMY_LIST_ARGS, schema=_TAXONOMY))
register(
    RestRoute("/wp/v2/taxonomies/" + _NAME.format("taxonomy"), _item_args("taxonomy", "taxonomy"), schema=_TAXONOMY)
)
register(RestRoute("/wp/v2/settings", {}, may_get=lambda caller, _query: caller.can("manage_options")))
