"""Read event data from an iCalendar feed, such as All-in-One Event Calendar's ``export_events``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from icalendar import Calendar, Component

from app.events.ical import EVENT_TIMEZONE_PROPERTY
from importers.events.fields import (
    EventData,
    EventsSourceError,
    decode_cost,
    format_utc_value,
    load_zone,
    local_midnight,
    split_contact,
    split_location,
)
from importers.events.ics_lines import EventLines, index_events

# The plugin's UID for local events, ``ai1ec-{post_id}@{host}{path}``.
_UID_POST_ID = re.compile(r"^ai1ec-(\d+)@")
# ``?p=90`` / ``&p=90`` in a plain permalink; ``?ai1ec_event=slug`` names no id.
_URL_POST_ID = re.compile(r"[?&]p=(\d+)(?:[&#]|$)")
_TEXT_ESCAPE = re.compile(r"\\([\\;,nN])")


def read_events_ics(path: Path) -> list[EventData]:
    """Every top-level VEVENT of an iCalendar file, in file order."""
    text = _decode(path)
    locations = index_events(path, text)
    calendar = _parse_calendar(path, text)
    calendar_zone = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    components = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    return [
        _EventReader(path, lines, calendar_zone).read(component)
        for lines, component in zip(locations, components, strict=True)
    ]


def post_id_from(uid: str, url: str) -> int | None:
    """The WordPress post id a feed event names in its UID or plain permalink, if any."""
    match = _UID_POST_ID.match(uid) or _URL_POST_ID.search(url)
    return int(match.group(1)) if match else None


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise EventsSourceError(path, f"line {line}", "encoding", "not UTF-8") from error


def _parse_calendar(path: Path, text: str) -> Component:
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as error:
        raise EventsSourceError(path, "line 1", "VCALENDAR", str(error)) from error
    if not isinstance(calendar, Calendar):
        raise EventsSourceError(path, "line 1", "VCALENDAR", "the file holds no single VCALENDAR")
    return calendar


@dataclass(slots=True)
class _EventReader:
    path: Path
    lines: EventLines
    calendar_zone: str

    def fail(self, name: str, problem: str) -> EventsSourceError:
        return EventsSourceError(self.path, f"line {self.lines.line_of(name)}", name, problem)

    def read(self, component: Component) -> EventData:
        for name, problem in component.errors:
            raise self.fail(name or "content line", problem)
        uid, url = _text(component, "UID"), _text(component, "URL")
        event = EventData(post_id=post_id_from(uid, url), uid=uid, url=url, ical_uid=uid)
        zone = self._read_times(component, event)
        self._read_recurrence(component, event, zone)
        self._read_place(component, event)
        self._read_people(component, event)
        self._read_cost(component, event)
        return event

    def _read_times(self, component: Component, event: EventData) -> tzinfo:
        start = component.get("DTSTART")
        params = start.params if start is not None else {}
        event.timezone_name = params.get("TZID") or self._fallback_zone_name(component)
        zone = self._zone(event.timezone_name, start.dt if start is not None else None, "TZID" in params)
        if start is None:
            return zone
        event.is_all_day = not isinstance(start.dt, datetime)
        event.starts_at = _moment(start.dt, zone)
        event.ends_at, event.is_instant = self._end(component, start.dt, event.starts_at, zone)
        return zone

    def _fallback_zone_name(self, component: Component) -> str:
        # DATE and UTC values carry no zone: our own export names it, else the calendar's X-WR-TIMEZONE.
        return _text(component, EVENT_TIMEZONE_PROPERTY) or self.calendar_zone or "UTC"

    def _zone(self, name: str, start: date | datetime | None, is_explicit: bool) -> tzinfo:
        zone = load_zone(name)
        if zone is not None:
            return zone
        if isinstance(start, datetime) and start.tzinfo is not None:
            return start.tzinfo  # a TZID defined only by the file's own VTIMEZONE
        if is_explicit:
            raise self.fail("DTSTART", f"unknown time zone {name!r}")
        return UTC

    def _end(
        self, component: Component, start: date | datetime, starts_at: datetime, zone: tzinfo
    ) -> tuple[datetime, bool]:
        is_instant = _text(component, "X-INSTANT-EVENT").lower() in {"1", "true", "yes"}
        end, duration = component.get("DTEND"), component.get("DURATION")
        if end is not None:
            return _moment(end.dt, zone), is_instant
        if duration is not None:
            return _after(starts_at, duration.dt, zone), is_instant
        if isinstance(start, datetime):
            # RFC 5545 3.6.1: a DATE-TIME start without an end ends when it starts (the plugin's "instant").
            return starts_at, True
        return local_midnight(starts_at.date() + timedelta(days=1), zone), is_instant

    def _read_recurrence(self, component: Component, event: EventData, zone: tzinfo) -> None:
        event.recurrence_rules = _rules(component, "RRULE")
        event.exception_rules = _rules(component, "EXRULE")
        event.recurrence_dates = _dates(component, "RDATE", zone)
        event.exception_dates = _dates(component, "EXDATE", zone)

    def _read_place(self, component: Component, event: EventData) -> None:
        event.venue, event.address = split_location(_text(component, "LOCATION"))
        geo = component.get("GEO")
        if geo is not None:
            event.latitude, event.longitude = Decimal(repr(geo.latitude)), Decimal(repr(geo.longitude))
            # The feed gave coordinates, so they need no geocoding: the plugin's "show_coordinates".
            event.show_coordinates = True

    def _read_people(self, component: Component, event: EventData) -> None:
        for name, value in split_contact(_text(component, "CONTACT")).items():
            setattr(event, name, value)
        organizer = component.get("ORGANIZER")
        if organizer is not None:
            event.ical_organizer = str(organizer)
            # The plugin's import falls back to the organizer's name when there is no contact name.
            event.contact_name = event.contact_name or str(organizer.params.get("CN", ""))

    def _read_cost(self, component: Component, event: EventData) -> None:
        raw = _text(component, "X-COST")
        if raw.lower() == "free":
            event.cost, event.is_free = "", True
        else:
            event.cost, event.is_free = decode_cost(raw)
        event.is_free = event.is_free or _text(component, "X-COST-TYPE").lower() == "free"
        event.ticket_url = _text(component, "X-TICKETS-URL")


def _moment(value: date | datetime, zone: tzinfo) -> datetime:
    if not isinstance(value, datetime):
        return local_midnight(value, zone)
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)  # floating time, or a TZID we resolved ourselves
    return value


def _after(starts_at: datetime, length: timedelta, zone: tzinfo) -> datetime:
    # Whole days are calendar days (all-day events end at a local midnight); the rest is exact time.
    if length.seconds == 0 and length.microseconds == 0:
        return starts_at + length
    return (starts_at.astimezone(UTC) + length).astimezone(zone)


def _values(component: Component, name: str) -> list[Any]:
    value = component.get(name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(component: Component, name: str) -> str:
    values = _values(component, name)
    if not values:
        return ""
    text = str(values[0])
    if name.startswith("X-"):
        # icalendar leaves unknown properties escaped; they are TEXT in every feed we read.
        text = _TEXT_ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)
    return text.strip()


def _rules(component: Component, name: str) -> str:
    return "\n".join(rule.to_ical().decode("ascii") for rule in _values(component, name))


def _dates(component: Component, name: str, zone: tzinfo) -> str:
    moments = [item.dt for value in _values(component, name) for item in value.dts]
    # A PERIOD value (start, end or duration) recurs at its start.
    starts = [moment[0] if isinstance(moment, tuple) else moment for moment in moments]
    return ",".join(format_utc_value(_moment(m, zone) if isinstance(m, datetime) else m) for m in starts)
