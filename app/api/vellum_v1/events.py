"""``/wp-json/vellum/v1/events``: occurrences in a window, and RFC 5545 feeds of all events or one.

The plugin answers these from its ``ai1ec_event_instances`` table and ``export_events``; we expand the
stored recurrence on request and write the feed with :func:`app.events.ical.events_to_ical`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy import and_
from sqlalchemy.orm import Session
from sqlmodel import col

from app.api.deps import CallerDep, PathId, SessionDep
from app.api.errors import problem
from app.api.responses import OrjsonResponse
from app.api.wp_v2 import schema_values as sv
from app.api.wp_v2.extensions import parse_instant
from app.api.wp_v2.post_types import EVENT
from app.auth.permissions import Caller, can_read, can_see_content, readable_filter
from app.content.models import Entry
from app.content.permalinks import Site, gmt_from_local, load_site, permalink
from app.content.queries import load_relations
from app.events.ical import EventEntryInfo, events_to_ical
from app.events.models import Event
from app.events.occurrences import InvalidRecurrence, event_zone, expand_occurrences
from app.events.queries import EVENT_TYPE, events_with_entries, load_events
from app.options.service import get_option
from app.rendering.excerpt import strip_all_tags

router = APIRouter()

# A wider window would let one request expand daily rules for decades.
MAX_WINDOW = timedelta(days=731)
# Per event, as many occurrences as a daily rule has in the widest window.
MAX_OCCURRENCES_PER_EVENT = 800
CALENDAR_MEDIA_TYPE = "text/calendar; charset=utf-8"


class WindowProblem(ValueError):
    """The occurrence window is missing, unreadable, reversed or too wide."""


def _window(request: Request, site: Site) -> tuple[datetime, datetime]:
    bounds: dict[str, datetime] = {}
    for name in ("starts_after", "starts_before"):
        value = request.query_params.get(name)
        if value is None:
            raise WindowProblem(f"The {name} parameter is required.")
        try:
            bounds[name] = parse_instant(name, value, site)
        except sv.InvalidValue:
            raise WindowProblem(f"{name} is not an RFC 3339 date-time.") from None
    start, end = bounds["starts_after"], bounds["starts_before"]
    if end <= start:
        raise WindowProblem("starts_before must be later than starts_after.")
    if end - start > MAX_WINDOW:
        raise WindowProblem(f"The window may span at most {MAX_WINDOW.days} days.")
    return start, end


@router.get("/wp-json/vellum/v1/events/occurrences")
def list_occurrences(request: Request, session: SessionDep, caller: CallerDep) -> Response:
    """Every occurrence of the events the caller may read that starts in ``[starts_after, starts_before)``."""
    site = load_site(session)
    try:
        start, end = _window(request, site)
    except WindowProblem as error:
        return problem("Invalid occurrence window", 400, code="vellum_invalid_window", detail=str(error))
    rows = events_with_entries(session, readable_filter(caller, EVENT_TYPE), starts_before=end)
    relations = load_relations(session, [entry for entry, _ in rows], EVENT.all_taxonomies)
    found: list[dict[str, Any]] = []
    for entry, event in rows:
        link = permalink(entry, site, relations)
        found += [_occurrence(entry, event, link, when) for when in _expanded(event, start, end)]
    found.sort(key=lambda item: (item["starts_at_utc"], item["id"]))
    return OrjsonResponse([{k: v for k, v in item.items() if k != "starts_at_utc"} for item in found])


def _expanded(event: Event, start: datetime, end: datetime) -> list[tuple[datetime, datetime | None]]:
    try:
        occurrences = expand_occurrences(event, window_start=start, window_end=end, limit=MAX_OCCURRENCES_PER_EVENT)
    except InvalidRecurrence:
        # An unreadable rule still leaves the event's own first start, as the plugin keeps that instance.
        first = event.starts_at
        return [(first, event.ends_at)] if first is not None and start <= first < end else []
    return [(occurrence.starts_at, occurrence.ends_at) for occurrence in occurrences]


def _occurrence(entry: Entry, event: Event, link: str, when: tuple[datetime, datetime | None]) -> dict[str, Any]:
    zone = event_zone(event)
    starts_at, ends_at = when
    return {
        "id": entry.id,
        "title": entry.title_rendered,
        "link": link,
        "starts_at": starts_at.astimezone(zone).isoformat(),
        "ends_at": ends_at.astimezone(zone).isoformat() if ends_at is not None else None,
        "timezone": event.timezone_name or "UTC",
        "all_day": event.is_all_day,
        "starts_at_utc": starts_at.timestamp(),
    }


@router.get("/wp-json/vellum/v1/events.ics")
def events_feed(session: SessionDep, caller: CallerDep) -> Response:
    """All published events as one RFC 5545 calendar, a VEVENT per event with its recurrence."""
    published = and_(readable_filter(caller, EVENT_TYPE), col(Entry.status) == "publish")
    rows = events_with_entries(session, published)
    return _calendar(session, rows, caller)


@router.get("/wp-json/vellum/v1/events/{id:int}.ics")
def event_feed(id: PathId, session: SessionDep, caller: CallerDep) -> Response:
    """One event as an RFC 5545 calendar; 404 when it does not exist or the caller may not read it."""
    entry = session.get(Entry, id)
    event = load_events(session, [id]).get(id) if entry is not None and entry.type == EVENT_TYPE else None
    if entry is None or event is None or not can_read(entry, caller):
        return problem("Not Found", 404, code="vellum_event_not_found", detail=f"No event has the ID {id}.")
    return _calendar(session, [(entry, event)], caller)


def _calendar(session: Session, rows: Sequence[tuple[Entry, Event]], caller: Caller) -> Response:
    site = load_site(session)
    relations = load_relations(session, [entry for entry, _ in rows], EVENT.all_taxonomies)
    feed_rows = []
    for entry, event in rows:
        terms = relations.terms.get(int(entry.id or 0), [])
        info = EventEntryInfo(
            id=int(entry.id or 0),
            title=html.unescape(strip_all_tags(entry.title_rendered)),
            content_text=_description(entry, caller),
            link=permalink(entry, site, relations),
            modified_gmt=_stamp(entry, site),
            categories=tuple(term.name for term in terms if term.taxonomy == "events_categories"),
        )
        feed_rows.append((info, _shareable(event, caller)))
    name = str(get_option(session, "blogname", "") or site.home)
    return Response(events_to_ical(feed_rows, calendar_name=name, site_url=site.home), media_type=CALENDAR_MEDIA_TYPE)


def _stamp(entry: Entry, site: Site) -> datetime:
    """DTSTAMP: when the event's post last changed, in UTC (entries without dates get the epoch)."""
    for moment in (entry.modified_gmt, gmt_from_local(site, entry.modified), gmt_from_local(site, entry.date)):
        if moment is not None:
            return moment
    return datetime.fromtimestamp(0, UTC)


def _description(entry: Entry, caller: Caller) -> str:
    # A password-protected event keeps its text to itself, as content.rendered does.
    if not can_see_content(entry, caller):
        return ""
    return html.unescape(strip_all_tags(entry.content_rendered))


def _shareable(event: Event, caller: Caller) -> Event:
    # No e-mail addresses for anonymous callers, though the plugin's own feed carries the contact's
    # (and an ORGANIZER is usually a mailto: address).
    if not caller.is_anonymous:
        return event
    organizer = "" if "@" in event.ical_organizer else event.ical_organizer
    return event.model_copy(update={"contact_email": "", "ical_organizer": organizer})
