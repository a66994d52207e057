"""Fields WordPress's core REST API lacks: typed ``acf`` values, the parsed ``blocks`` tree, ``event``.

They follow core's fields in each item, where ``register_rest_field`` puts a plugin's fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.acf.definitions import FieldIndex, FieldRow, GroupDefinition, build_field_tree
from app.acf.models import AcfField, AcfFieldGroup
from app.acf.schema import JsonSchema, group_json_schema, targets_object
from app.api.wp_v2 import schema_values as sv
from app.api.wp_v2.rest_errors import ParamProblem, invalid_params
from app.auth.permissions import Caller, can_see_content
from app.content.models import Entry
from app.content.permalinks import Site
from app.content.render_context import EntryText, RenderData
from app.core.settings import get_settings
from app.events.models import Event
from app.events.occurrences import event_zone, parse_recurrence_dates
from app.events.queries import EVENT_TYPE, load_events, starts_between
from app.rendering.block_render import BlockRenderer
from app.rendering.blocks import Block, parse_blocks
from app.rendering.pipeline import ContentFilters
from app.rendering.static_blocks import prepare_top_level
from app.taxonomy.models import Term
from app.users.models import User

# Collection filters of /wp/v2/events on the event's first start (the plugin's ``start`` column).
EVENT_WINDOW_PARAMS = ("starts_after", "starts_before")
# ``?_blocks=1`` asks for the parsed block tree; like ``_embed`` it is a global switch, not a filter.
BLOCKS_PARAM = "_blocks"
_TRUE_VALUES = frozenset({"1", "true"})


def wants_blocks(query: Iterable[tuple[str, str]]) -> bool:
    """Whether the request asked for ``blocks`` (``_blocks=1`` or ``_blocks=true``)."""
    return any(key == BLOCKS_PARAM and value.lower() in _TRUE_VALUES for key, value in query)


def inactive_acf_names(session: Session) -> frozenset[str]:
    """Top-level field names that only inactive (``acf-disabled``) groups define.

    ACF's own REST integration only shows fields of active groups, so their stored values stay hidden;
    a name an active group also defines is shown.
    """
    query = select(col(AcfField.name), col(AcfFieldGroup.is_active)).join(
        AcfFieldGroup, col(AcfFieldGroup.entry_id) == col(AcfField.parent_id)
    )
    active: set[str] = set()
    inactive: set[str] = set()
    for name, is_active in session.execute(query):
        (active if is_active else inactive).add(name)
    return frozenset(inactive - active)


def hidden_acf_names(session: Session, objects: Iterable[Entry | Term | User]) -> frozenset[str]:
    """:func:`inactive_acf_names`, asked only when one of the objects has ACF values at all."""
    return inactive_acf_names(session) if any(obj.acf for obj in objects) else frozenset()


def visible_acf(values: Mapping[str, Any] | None, hidden: frozenset[str]) -> dict[str, Any]:
    """The object's typed ACF values (``{}`` when none), without fields of inactive groups."""
    return {name: value for name, value in (values or {}).items() if name not in hidden}


@dataclass(frozen=True, slots=True)
class PostExtras:
    """What the extra fields of a page of entries need, loaded once for the page."""

    caller: Caller
    hidden_acf: frozenset[str] = frozenset()
    events: Mapping[int, Event] = field(default_factory=dict)
    # None when the request did not ask for blocks.
    blocks: Mapping[int, list[dict[str, Any]]] | None = None
    password: str | None = None

    def fields(self, entry: Entry) -> dict[str, Any]:
        """The extra fields of one entry, in the order they follow core's fields."""
        data: dict[str, Any] = {"acf": visible_acf(entry.acf, self.hidden_acf)}
        entry_id = int(entry.id or 0)
        if self.blocks is not None:
            is_visible = can_see_content(entry, self.caller, password=self.password)
            data["blocks"] = self.blocks.get(entry_id, []) if is_visible else []
        if entry.type == EVENT_TYPE:
            event = self.events.get(entry_id)
            data["event"] = event_object(event, self.caller) if event is not None else None
        return data


def load_post_extras(
    session: Session,
    entries: Sequence[Entry],
    caller: Caller,
    *,
    with_blocks: bool,
    password: str | None = None,
) -> PostExtras:
    """Load inactive ACF names, events and (if asked) block trees for these entries."""
    events = load_events(session, [int(e.id or 0) for e in entries if e.type == EVENT_TYPE])
    blocks = None
    if with_blocks:
        shown = [entry for entry in entries if can_see_content(entry, caller, password=password)]
        blocks = block_trees(session, shown)
    return PostExtras(caller, hidden_acf_names(session, entries), events, blocks, password)


def block_trees(session: Session, entries: Sequence[Entry]) -> dict[int, list[dict[str, Any]]]:
    """Each entry's raw content parsed into blocks, each block with its own rendered HTML."""
    site_url = get_settings().site_url
    texts = [EntryText(int(e.id or 0), e.type, e.title, e.content, e.excerpt) for e in entries]
    data = RenderData.load(session, texts, site_url)
    trees: dict[int, list[dict[str, Any]]] = {}
    for text in texts:
        renderer = ContentFilters(data.for_entry(text.id)).blocks
        top = [prepare_top_level(block) for block in parse_blocks(text.content)]
        trees[text.id] = [block_tree(block, renderer) for block in top if _is_shown(block)]
    return trees


def _is_shown(block: Block) -> bool:
    # The parser keeps the whitespace between delimiters as nameless blocks; they carry nothing.
    return block.name is not None or bool(block.inner_html.strip())


def block_tree(block: Block, renderer: BlockRenderer) -> dict[str, Any]:
    """One block: name, attributes, inner HTML, ``render_block()`` output and inner blocks."""
    return {
        "name": block.name,
        "attributes": block.attrs or {},
        "inner_html": block.inner_html,
        "rendered": renderer.render(block),
        "inner_blocks": [block_tree(inner, renderer) for inner in block.inner_blocks if _is_shown(inner)],
    }


def event_object(event: Event, caller: Caller) -> dict[str, Any]:
    """The plugin's typed event: times in the event's zone, recurrence, place, contact, cost, tickets."""
    zone = event_zone(event)
    return {
        "starts_at": event.starts_at.astimezone(zone).isoformat() if event.starts_at else None,
        "ends_at": event.ends_at.astimezone(zone).isoformat() if event.ends_at else None,
        "timezone": event.timezone_name or "UTC",
        "all_day": event.is_all_day,
        "instant": event.is_instant,
        "recurrence": _recurrence(event),
        "venue": _venue(event),
        "contact": _contact(event, caller),
        "cost": event.cost,
        "is_free": event.is_free,
        "ticket_url": event.ticket_url,
    }


def _recurrence(event: Event) -> dict[str, list[str]]:
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    return {
        "rules": lines(event.recurrence_rules),
        "exception_rules": lines(event.exception_rules),
        "dates": [_date_value(moment) for moment in parse_recurrence_dates(event.recurrence_dates)],
        "exception_dates": [_date_value(moment) for moment in parse_recurrence_dates(event.exception_dates)],
    }


def _date_value(moment: date | datetime) -> str:
    """RDATE/EXDATE as ISO 8601: a day, a UTC instant (``Z``), or a floating local time (no offset)."""
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.isoformat()


def _venue(event: Event) -> dict[str, Any]:
    has_geo = event.latitude is not None and event.longitude is not None
    return {
        "name": event.venue,
        "address": event.address,
        "city": event.city,
        "province": event.province,
        "postal_code": event.postal_code,
        "country": event.country,
        "show_map": event.show_map,
        "geo": {"latitude": event.latitude, "longitude": event.longitude} if has_geo else None,
    }


def _contact(event: Event, caller: Caller) -> dict[str, Any]:
    # The plugin prints the organiser's e-mail on the event page and in its feed; this API shows no
    # e-mail address to anonymous callers, so it is withheld from them here and in our feeds.
    return {
        "name": event.contact_name,
        "phone": event.contact_phone,
        "email": "" if caller.is_anonymous else event.contact_email,
        "url": event.contact_url,
    }


def event_window_condition(query: Mapping[str, str], site: Site) -> ColumnElement[bool]:
    """``starts_after``/``starts_before`` as a condition; invalid dates fail as ``rest_invalid_param``."""
    bounds: dict[str, datetime] = {}
    problems: dict[str, ParamProblem] = {}
    for name in EVENT_WINDOW_PARAMS:
        if name not in query:
            continue
        try:
            bounds[name] = parse_instant(name, query[name], site)
        except sv.InvalidValue as invalid:
            problems[name] = invalid.problem
    if problems:
        raise invalid_params(problems)
    return starts_between(bounds.get("starts_after"), bounds.get("starts_before"))


def parse_instant(name: str, value: str, site: Site) -> datetime:
    """An RFC 3339 date-time as an instant; without an offset it is the site's local time."""
    local = sv.as_date(name, value)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        moment = local
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone(timedelta(hours=site.gmt_offset)))
    return moment


def load_field_index(session: Session) -> FieldIndex:
    """Every stored ACF group and field, nested as the value decoder nests them."""
    groups: dict[int, GroupDefinition] = {}
    query = select(AcfFieldGroup, col(Entry.title)).join(Entry, col(Entry.id) == col(AcfFieldGroup.entry_id))
    for group, title in session.execute(query):
        groups[group.entry_id] = GroupDefinition(group.key, title, group.location, group.settings, group.is_active)
    rows = []
    query_fields = select(AcfField, col(Entry.menu_order)).join(Entry, col(Entry.id) == col(AcfField.entry_id))
    for stored, menu_order in session.execute(query_fields):
        rows.append(_field_row(stored, int(menu_order)))
    return build_field_tree(rows, groups=groups)


def _field_row(stored: AcfField, menu_order: int) -> FieldRow:
    return FieldRow(
        entry_id=stored.entry_id,
        key=stored.key,
        name=stored.name,
        label=stored.label,
        type=stored.field_type,
        parent_id=stored.parent_id,
        settings=dict(stored.settings),
        menu_order=menu_order,
    )


def acf_field_schema(index: FieldIndex, kind: str | None = None, name: str = "") -> JsonSchema:
    """The ``acf`` property of an item schema, from the active groups whose location rules target objects of
    ``kind`` named ``name`` (every active group when no kind is given); ``x-vellum-field-groups`` keeps each
    group's own JSON Schema by its key."""
    groups = {
        key: group_json_schema(key, index)
        for key, group in index.groups.items()
        if group.is_active and (kind is None or targets_object(group.location, kind, name))
    }
    properties: dict[str, JsonSchema] = {}
    for schema in groups.values():
        properties.update(schema["properties"])
    return {
        "description": "Typed values of the object's Advanced Custom Fields (fields of inactive groups left out).",
        "type": "object",
        "context": ["view", "edit"],
        "readonly": True,
        "properties": properties,
        # Values whose field definition is gone are still shown, as they were decoded.
        "additionalProperties": True,
        "x-vellum-field-groups": groups,
    }


def _block_schema() -> JsonSchema:
    return {
        "type": "object",
        "properties": {
            "name": {"type": ["string", "null"], "description": "Block name; null for HTML between blocks."},
            "attributes": {"type": "object"},
            "inner_html": {"type": "string"},
            "rendered": {"type": "string", "description": "What render_block() makes of the block."},
            "inner_blocks": {"type": "array", "items": {"$ref": "#/definitions/block"}},
        },
    }


BLOCKS_FIELD_SCHEMA: JsonSchema = {
    "description": "The parsed block tree of the raw content; only with ?_blocks=1, empty while protected.",
    "type": "array",
    "context": ["view", "edit"],
    "readonly": True,
    "definitions": {"block": _block_schema()},
    "items": {"$ref": "#/definitions/block"},
}

_TEXT = {"type": "string"}
EVENT_FIELD_SCHEMA: JsonSchema = {
    "description": "The event's dates, recurrence, place, contact, cost and tickets (All-in-One Event Calendar).",
    "type": ["object", "null"],
    "context": ["view", "edit"],
    "readonly": True,
    "properties": {
        "starts_at": {"type": ["string", "null"], "format": "date-time"},
        "ends_at": {"type": ["string", "null"], "format": "date-time"},
        "timezone": _TEXT,
        "all_day": {"type": "boolean"},
        "instant": {"type": "boolean"},
        "recurrence": {
            "type": "object",
            "properties": {
                name: {"type": "array", "items": _TEXT}
                for name in ("rules", "exception_rules", "dates", "exception_dates")
            },
        },
        "venue": {"type": "object"},
        "contact": {"type": "object", "description": "The e-mail address is empty for anonymous callers."},
        "cost": _TEXT,
        "is_free": {"type": "boolean"},
        "ticket_url": _TEXT,
    },
}


def extension_field_schemas(index: FieldIndex, post_type: str) -> dict[str, JsonSchema]:
    """The extra fields' schemas, to add to a post type's item schema (OPTIONS, OpenAPI)."""
    schemas = {"acf": acf_field_schema(index, "post_type", post_type), "blocks": BLOCKS_FIELD_SCHEMA}
    is_event = post_type == EVENT_TYPE
    if is_event:
        schemas["event"] = EVENT_FIELD_SCHEMA
    return schemas
