"""Write events as an RFC 5545 feed, shaped like All-in-One Event Calendar's ``export_events``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from urllib.parse import urlsplit

from icalendar import Calendar, vRecur, vText
from icalendar import Event as VEvent

from app.events.models import Event
from app.events.occurrences import event_zone, parse_recurrence_dates

PRODID = "-//Vellum//Vellum CMS events//EN"
# DATE and UTC values carry no zone, yet the plugin keeps one per event; we name it in this x-property.
EVENT_TIMEZONE_PROPERTY = "X-VELLUM-TIMEZONE"


@dataclass(slots=True, frozen=True)
class EventEntryInfo:
    """What the feed needs from the event's entry (the ``ai1ec_event`` post)."""

    id: int
    title: str
    content_text: str
    link: str
    modified_gmt: datetime
    categories: tuple[str, ...] = ()


def events_to_ical(events: Sequence[tuple[EventEntryInfo, Event]], *, calendar_name: str, site_url: str) -> bytes:
    """One VCALENDAR with a VEVENT per event (not per occurrence), as the plugin's feed has it."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(calendar_name))
    calendar.add("x-original-url", vText(site_url))
    for info, event in events:
        calendar.add_component(_vevent(info, event, site_url))
    calendar.add_missing_timezones()
    feed: bytes = calendar.to_ical()
    return feed


def event_uid(info: EventEntryInfo, event: Event, site_url: str) -> str:
    """The event's UID: the stored one, else the plugin's ``ai1ec-{post_id}@{host}{path}``."""
    if event.ical_uid:
        return event.ical_uid
    parts = urlsplit(site_url)
    return f"ai1ec-{info.id}@{parts.netloc}{parts.path.rstrip('/')}"


def _vevent(info: EventEntryInfo, event: Event, site_url: str) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", event_uid(info, event, site_url))
    vevent.add("dtstamp", _as_utc(info.modified_gmt))
    _add_times(vevent, event, event_zone(event))
    vevent.add("summary", info.title)
    vevent.add("description", info.content_text)
    if info.link:
        vevent.add("url", info.link)
    _add_recurrence(vevent, event, event_zone(event))
    _add_place(vevent, event)
    if info.categories:
        vevent.add("categories", list(info.categories))
    _add_people_and_cost(vevent, event)
    return vevent


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _add_times(vevent: VEvent, event: Event, zone: tzinfo) -> None:
    if event.starts_at is None:
        return
    if event.is_all_day or zone is UTC:
        vevent.add(EVENT_TIMEZONE_PROPERTY, vText(event.timezone_name))
    vevent.add("dtstart", _local_value(event.starts_at, zone, event.is_all_day))
    if event.is_instant:
        vevent.add("x-instant-event", vText("1"))
    # The plugin writes no DTEND for an instant event; we keep one only if it says more than DTSTART.
    if event.ends_at is not None and not (event.is_instant and event.ends_at == event.starts_at):
        vevent.add("dtend", _local_value(event.ends_at, zone, event.is_all_day))


def _local_value(moment: datetime, zone: tzinfo, is_all_day: bool) -> date | datetime:
    local = moment.astimezone(zone)
    return local.date() if is_all_day else local


def _add_recurrence(vevent: VEvent, event: Event, zone: tzinfo) -> None:
    for name, rules in (("rrule", event.recurrence_rules), ("exrule", event.exception_rules)):
        for line in filter(None, (rule.strip() for rule in rules.splitlines())):
            vevent.add(name, vRecur.from_ical(line))
    for name, dates in (("rdate", event.recurrence_dates), ("exdate", event.exception_dates)):
        moments = [_zoned(moment, zone) for moment in parse_recurrence_dates(dates)]
        # One property line per value type: DATE and DATE-TIME cannot share a VALUE parameter.
        for kind in (datetime, date):
            same_kind = [m for m in moments if isinstance(m, datetime) == (kind is datetime)]
            if same_kind:
                vevent.add(name, same_kind)


def _zoned(moment: date | datetime, zone: tzinfo) -> date | datetime:
    if not isinstance(moment, datetime):
        return moment
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def _add_place(vevent: VEvent, event: Event) -> None:
    # The plugin's export joins venue and address as "venue @ address".
    location = " @ ".join(part for part in (event.venue, event.address) if part)
    if event.address and not event.venue:
        location = f"@ {event.address}"
    if location:
        vevent.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        vevent.add("geo", (float(event.latitude), float(event.longitude)))


def _add_people_and_cost(vevent: VEvent, event: Event) -> None:
    contact = (event.contact_name, event.contact_phone, event.contact_email, event.contact_url)
    if any(contact):
        vevent.add("contact", "; ".join(part for part in contact if part))
    if event.ical_organizer:
        vevent.add("organizer", event.ical_organizer)
    if event.is_free:
        vevent.add("x-cost-type", vText("free"))
    if event.is_free or event.cost:
        vevent.add("x-cost", vText(event.cost or "Free"))
    if event.ticket_url:
        vevent.add("x-tickets-url", vText(event.ticket_url))
