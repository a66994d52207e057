"""Reading the plugin's iCal feed: the real site's feed, and small hand-made feeds for the edge cases."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from importers.events import EventData, EventsSourceError, read_events_ics
from importers.events.ics import post_id_from

ZURICH = ZoneInfo("Europe/Zurich")
NEW_YORK = ZoneInfo("America/New_York")


def write_feed(tmp_path: Path, *events: str, calendar_zone: str = "Europe/Zurich") -> Path:
    """A feed in the plugin's shape around the given VEVENT bodies (CRLF lines)."""
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", f"X-WR-TIMEZONE:{calendar_zone}"]
    body = [line for event in events for line in ["BEGIN:VEVENT", *event.strip().splitlines(), "END:VEVENT"]]
    path = tmp_path / "feed.ics"
    path.write_text("\r\n".join([*head, *body, "END:VCALENDAR", ""]), encoding="utf-8")
    return path


def read_one(tmp_path: Path, event: str, **kwargs: str) -> EventData:
    (data,) = read_events_ics(write_feed(tmp_path, event, **kwargs))
    return data


def table_rows(wordpress_db: Path) -> dict[int, dict[str, str]]:
    with (wordpress_db / "ai1ec_events.csv").open(newline="", encoding="utf-8") as handle:
        return {int(row["post_id"]): row for row in csv.DictReader(handle)}


def test_real_feed_gives_one_event_per_vevent_each_with_post_id_and_dates(wordpress_db: Path) -> None:
    path = wordpress_db / "events.ics"
    vevents = path.read_text(encoding="utf-8").count("BEGIN:VEVENT")
    events = read_events_ics(path)
    assert len(events) == vevents == 95
    assert len({event.post_id for event in events}) == 95
    assert all(event.post_id is not None and event.uid == f"ai1ec-{event.post_id}@hub.freedomalliance.example"
               for event in events)  # fmt: skip
    assert all(event.starts_at is not None and event.starts_at.tzinfo is not None for event in events)
    assert all(event.ends_at is not None and event.ends_at >= event.starts_at for event in events if event.starts_at)


@pytest.mark.parametrize("post_id", [104, 141, 223, 1369, 1562, 1655])
def test_real_feed_event_matches_its_table_row(wordpress_db: Path, post_id: int) -> None:
    row = table_rows(wordpress_db)[post_id]
    event = next(event for event in read_events_ics(wordpress_db / "events.ics") if event.post_id == post_id)
    assert event.starts_at is not None
    assert event.ends_at is not None
    assert int(event.starts_at.timestamp()) == int(row["start"])
    assert int(event.ends_at.timestamp()) == int(row["end"])
    assert event.timezone_name == row["timezone_name"]
    assert (event.is_all_day, event.is_instant) == (row["allday"] == "1", row["instant_event"] == "1")
    assert (event.recurrence_rules, event.exception_dates) == (row["recurrence_rules"], row["exception_dates"])
    assert event.venue == row["venue"]
    assert f's:7:"is_free";b:{int(event.is_free)};' in row["cost"]
    assert f'"cost";s:{len(event.cost.encode())}:"{event.cost}";' in row["cost"]


def test_real_feed_keeps_the_local_wall_time_of_its_tzid(wordpress_db: Path) -> None:
    event = next(event for event in read_events_ics(wordpress_db / "events.ics") if event.post_id == 104)
    assert event.starts_at == datetime(2013, 2, 8, 9, 0, tzinfo=NEW_YORK)
    assert event.starts_at is not None
    assert event.starts_at.tzinfo == NEW_YORK
    assert event.latitude == Decimal("38.8977")
    assert event.longitude == Decimal("-77.0365")


@pytest.mark.parametrize(
    ("uid", "url", "expected"),
    [
        ("ai1ec-90@hub.example", "https://hub.example/event/x/", 90),
        ("other@feed", "https://hub.example/?post_type=ai1ec_event&p=90", 90),
        ("other@feed", "https://hub.example/?p=7", 7),
        ("other@feed", "https://hub.example/?ai1ec_event=launch-2012", None),
        ("other@feed", "https://hub.example/event/launch-2012/", None),
        ("other@feed", "https://hub.example/?page=3", None),
    ],
)
def test_post_id_comes_from_plugin_uid_or_plain_permalink_only(uid: str, url: str, expected: int | None) -> None:
    assert post_id_from(uid, url) == expected


def test_weekly_rule_across_dst_keeps_tzid_rule_and_normalises_exdate_to_utc(tmp_path: Path) -> None:
    event = read_one(
        tmp_path,
        """
UID:ai1ec-5@hub.example
DTSTART;TZID=Europe/Zurich:20240320T100000
DTEND;TZID=Europe/Zurich:20240320T113000
RRULE:FREQ=WEEKLY;COUNT=3
EXDATE;TZID=Europe/Zurich:20240403T100000
""",
    )
    assert event.starts_at == datetime(2024, 3, 20, 9, 0, tzinfo=UTC)
    assert event.timezone_name == "Europe/Zurich"
    assert event.recurrence_rules == "FREQ=WEEKLY;COUNT=3"
    # 10:00 in Zurich on 3 April is summer time (UTC+2).
    assert event.exception_dates == "20240403T080000Z"


def test_all_day_multi_day_event_starts_and_ends_at_midnight_in_calendar_zone(tmp_path: Path) -> None:
    event = read_one(tmp_path, "UID:x@feed\nDTSTART;VALUE=DATE:20241026\nDTEND;VALUE=DATE:20241029")
    assert event.is_all_day
    assert not event.is_instant
    assert event.timezone_name == "Europe/Zurich"
    assert event.starts_at == datetime(2024, 10, 26, tzinfo=ZURICH)
    assert event.ends_at == datetime(2024, 10, 29, tzinfo=ZURICH)


def test_all_day_event_without_dtend_lasts_one_day(tmp_path: Path) -> None:
    event = read_one(tmp_path, "UID:x@feed\nDTSTART;VALUE=DATE:20240101", calendar_zone="America/New_York")
    assert event.ends_at == datetime(2024, 1, 2, tzinfo=NEW_YORK)
    assert not event.is_instant


def test_event_without_dtend_or_with_instant_flag_is_instant(tmp_path: Path) -> None:
    no_end = read_one(tmp_path, "UID:a@feed\nDTSTART:20240101T120000Z")
    flagged = read_one(tmp_path, "UID:b@feed\nDTSTART:20240101T120000Z\nX-INSTANT-EVENT:1\nDTEND:20240101T121500Z")
    assert no_end.is_instant
    assert no_end.ends_at == no_end.starts_at
    assert no_end.timezone_name == "Europe/Zurich"  # UTC values fall back to the calendar's zone
    assert flagged.is_instant
    assert flagged.ends_at == datetime(2024, 1, 1, 12, 15, tzinfo=UTC)


def test_duration_instead_of_dtend_gives_the_end(tmp_path: Path) -> None:
    event = read_one(tmp_path, "UID:a@feed\nDTSTART;TZID=America/New_York:20240310T013000\nDURATION:PT1H")
    # 01:30 EST plus one hour of real time is 03:30 EDT (the clocks jump that night).
    assert event.ends_at == datetime(2024, 3, 10, 3, 30, tzinfo=NEW_YORK)
    assert not event.is_instant


def test_event_without_dtstart_is_returned_without_dates(tmp_path: Path) -> None:
    event = read_one(tmp_path, "UID:ai1ec-12@hub.example\nSUMMARY:No date yet")
    assert event.post_id == 12
    assert (event.starts_at, event.ends_at) == (None, None)


def test_location_contact_cost_and_geo_are_split_into_columns(tmp_path: Path) -> None:
    event = read_one(
        tmp_path,
        r"""
UID:a@feed
DTSTART:20240101T120000Z
LOCATION:Palais des Nations @ Avenue de la Paix 8\, Geneva
CONTACT:Amara Okafor\; +41 22 799 0000\; events@hub.example\; https://hub.example/contact
GEO:46.226600;6.140400
X-COST:a:2:{s:4:"cost";s:6:"CHF 40";s:7:"is_free";b:0;}
X-TICKETS-URL:https://tickets.example/e/1
""",
    )
    assert (event.venue, event.address) == ("Palais des Nations", "Avenue de la Paix 8, Geneva")
    assert (event.contact_name, event.contact_phone) == ("Amara Okafor", "+41 22 799 0000")
    assert (event.contact_email, event.contact_url) == ("events@hub.example", "https://hub.example/contact")
    assert (event.latitude, event.longitude) == (Decimal("46.2266"), Decimal("6.1404"))
    assert (event.cost, event.is_free) == ("CHF 40", False)
    assert event.ticket_url == "https://tickets.example/e/1"


def test_location_without_at_sign_splits_venue_at_first_comma(tmp_path: Path) -> None:
    event = read_one(tmp_path, "UID:a@feed\nDTSTART:20240101T120000Z\nLOCATION:UN Centre\\, Main Road\\, Bangkok")
    assert (event.venue, event.address) == ("UN Centre", "Main Road, Bangkok")


@pytest.mark.parametrize(
    ("cost_lines", "expected"),
    [("X-COST:Free", ("", True)), ("X-COST:25", ("25", False)), ("X-COST-TYPE:free", ("", True)), ("", ("", False))],
)
def test_cost_reads_free_and_plain_prices(tmp_path: Path, cost_lines: str, expected: tuple[str, bool]) -> None:
    event = read_one(tmp_path, f"UID:a@feed\nDTSTART:20240101T120000Z\n{cost_lines}")
    assert (event.cost, event.is_free) == expected


def test_organizer_fills_ical_organizer_and_missing_contact_name(tmp_path: Path) -> None:
    event = read_one(tmp_path, "UID:a@feed\nDTSTART:20240101T120000Z\nORGANIZER;CN=Jo Doe:mailto:jo@example.org")
    assert event.ical_organizer == "mailto:jo@example.org"
    assert event.contact_name == "Jo Doe"


def test_malformed_line_error_names_file_and_line(tmp_path: Path) -> None:
    path = write_feed(tmp_path, "UID:a@feed\nDTSTART:20240101T120000Z\nthis line has no colon")
    with pytest.raises(EventsSourceError, match=r"feed\.ics, line 8, field content line") as raised:
        read_events_ics(path)
    assert raised.value.path == path


def test_bad_date_value_error_names_file_line_and_field(tmp_path: Path) -> None:
    path = write_feed(tmp_path, "UID:a@feed\nDTSTART:20240101T120000Z", "UID:b@feed\nSUMMARY:x\nDTSTART:2024-13-01")
    with pytest.raises(EventsSourceError, match=r"feed\.ics, line 12, field DTSTART"):
        read_events_ics(path)


def test_unknown_tzid_is_an_error_on_dtstart(tmp_path: Path) -> None:
    path = write_feed(tmp_path, "UID:a@feed\nDTSTART;TZID=Mars/Olympus:20240101T120000")
    with pytest.raises(EventsSourceError, match=r"line 7, field DTSTART: unknown time zone 'Mars/Olympus'"):
        read_events_ics(path)


def test_folded_lines_are_unfolded_and_counted_from_their_first_line(tmp_path: Path) -> None:
    path = write_feed(tmp_path, "UID:a@feed\nSUMMARY:long\n  title\nDTSTART:2024XX01")
    with pytest.raises(EventsSourceError, match=r"line 9, field DTSTART"):
        read_events_ics(path)


def test_file_that_is_not_utf8_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Caf\xe9\r\nEND:VCALENDAR\r\n")
    with pytest.raises(EventsSourceError, match=r"latin1\.ics, line 3, field encoding"):
        read_events_ics(path)
