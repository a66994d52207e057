"""Writing the iCal feed, and reading it back with the importer's reader."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from icalendar import Calendar

from app.events.ical import EventEntryInfo, events_to_ical
from app.events.models import Event
from importers.events import EventData, read_events_ics, read_events_table

SITE = "https://hub.example/sub"
MODIFIED = datetime(2025, 6, 30, 14, 5, tzinfo=UTC)
# What a feed carries; the table's address parts, map flags and feed bookkeeping it does not.
FEED_FIELDS = (
    "post_id", "uid", "starts_at", "ends_at", "timezone_name", "is_all_day", "is_instant",
    "recurrence_rules", "exception_rules", "recurrence_dates", "exception_dates", "venue", "address",
    "latitude", "longitude", "contact_name", "contact_phone", "contact_email", "contact_url",
    "cost", "is_free", "ticket_url",
)  # fmt: skip


def info_for(entry_id: int, *categories: str) -> EventEntryInfo:
    return EventEntryInfo(
        id=entry_id,
        title=f"Event {entry_id}; with, punctuation",
        content_text="Line one\nLine two",
        link=f"{SITE}/?post_type=ai1ec_event&p={entry_id}",
        modified_gmt=MODIFIED,
        categories=categories,
    )


def feed_fields(event: EventData) -> dict[str, object]:
    return {name: getattr(event, name) for name in FEED_FIELDS}


def as_event(data: EventData) -> tuple[EventEntryInfo, Event]:
    assert data.post_id is not None
    return info_for(data.post_id), Event(entry_id=data.post_id, **data.as_columns())


def write_and_read(tmp_path: Path, events: list[tuple[EventEntryInfo, Event]]) -> list[EventData]:
    path = tmp_path / "export.ics"
    path.write_bytes(events_to_ical(events, calendar_name="Hub events", site_url=SITE))
    return read_events_ics(path)


def test_real_table_round_trips_through_the_feed(wordpress_db: Path, tmp_path: Path) -> None:
    originals = read_events_table(wordpress_db / "ai1ec_events.csv")
    events = [as_event(data) for data in originals]
    reread = write_and_read(tmp_path, events)
    assert len(reread) == len(originals) == 95
    for original, copy in zip(originals, reread, strict=True):
        assert feed_fields(copy) == feed_fields(original), original.post_id
        assert copy.url == info_for(original.post_id or 0).link


def test_real_feed_round_trips_through_our_writer(wordpress_db: Path, tmp_path: Path) -> None:
    originals = read_events_ics(wordpress_db / "events.ics")
    events = [as_event(data) for data in originals]
    reread = write_and_read(tmp_path, events)
    assert [feed_fields(copy) for copy in reread] == [feed_fields(original) for original in originals]


def test_feed_has_calendar_properties_and_a_vtimezone_per_zone(tmp_path: Path) -> None:
    timed = Event(
        entry_id=3, timezone_name="America/New_York", starts_at=datetime(2024, 3, 1, 14, tzinfo=UTC),
        ends_at=datetime(2024, 3, 1, 15, tzinfo=UTC), recurrence_rules="FREQ=WEEKLY;COUNT=2",
        exception_dates="20240308T140000Z",
    )  # fmt: skip
    all_day = Event(
        entry_id=4, timezone_name="Asia/Bangkok", is_all_day=True,
        starts_at=datetime(2024, 3, 1, 17, tzinfo=UTC), ends_at=datetime(2024, 3, 3, 17, tzinfo=UTC),
    )  # fmt: skip
    raw = events_to_ical([(info_for(3, "Training", "Webinar"), timed), (info_for(4), all_day)],
                         calendar_name="Hub events", site_url=SITE)  # fmt: skip
    calendar = Calendar.from_ical(raw)
    assert (str(calendar["METHOD"]), str(calendar["CALSCALE"]), str(calendar["VERSION"])) == (
        "PUBLISH", "GREGORIAN", "2.0"
    )  # fmt: skip
    assert str(calendar["X-WR-CALNAME"]) == "Hub events"
    assert "PRODID" in calendar
    assert {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")} == {"America/New_York"}
    text = raw.decode()
    assert "DTSTART;TZID=America/New_York:20240301T090000" in text
    assert "EXDATE;TZID=America/New_York:20240308T090000" in text
    assert "DTSTART;VALUE=DATE:20240302" in text
    assert "DTEND;VALUE=DATE:20240304" in text
    assert "CATEGORIES:Training,Webinar" in text
    first = calendar.walk("VEVENT")[0]
    assert str(first["SUMMARY"]) == "Event 3; with, punctuation"
    assert str(first["DESCRIPTION"]) == "Line one\nLine two"
    assert first.decoded("DTSTAMP") == MODIFIED


def test_uid_is_generated_like_the_plugin_when_none_is_stored(tmp_path: Path) -> None:
    event = Event(entry_id=42, timezone_name="UTC", starts_at=datetime(2024, 1, 1, tzinfo=UTC))
    (copy,) = write_and_read(tmp_path, [(info_for(42), event)])
    assert copy.uid == "ai1ec-42@hub.example/sub"
    assert copy.post_id == 42
    assert copy.is_instant
    assert copy.ends_at == copy.starts_at


def test_place_contact_and_cost_survive_the_round_trip(tmp_path: Path) -> None:
    event = Event(
        entry_id=5, timezone_name="Europe/Zurich", starts_at=datetime(2024, 1, 1, 9, tzinfo=UTC),
        ends_at=datetime(2024, 1, 1, 10, tzinfo=UTC), address="Avenue de la Paix 8, Geneva",
        contact_email="events@hub.example", contact_phone="+41 22 799 0000", cost="CHF 40", is_free=True,
        ticket_url="https://tickets.example/e/5?a=1,2", ical_organizer="mailto:jo@example.org",
    )  # fmt: skip
    event.latitude, event.longitude = 46.2266, 6.1404
    (copy,) = write_and_read(tmp_path, [(info_for(5), event)])
    assert (copy.venue, copy.address) == ("", "Avenue de la Paix 8, Geneva")
    assert (copy.latitude, copy.longitude) == (Decimal("46.2266"), Decimal("6.1404"))
    assert (copy.contact_name, copy.contact_email, copy.contact_phone) == ("", "events@hub.example", "+41 22 799 0000")
    assert (copy.cost, copy.is_free, copy.ticket_url) == ("CHF 40", True, "https://tickets.example/e/5?a=1,2")
    assert copy.ical_organizer == "mailto:jo@example.org"
