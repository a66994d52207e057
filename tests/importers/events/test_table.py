"""Reading a CSV dump of ``wp_ai1ec_events``, and checking it against the feed of the same site."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.events.models import Event
from importers.events import EventData, EventsSourceError, read_events_ics, read_events_table

HEADER = (
    "post_id,start,end,timezone_name,allday,instant_event,recurrence_rules,exception_rules,recurrence_dates,"
    "exception_dates,venue,country,address,city,province,postal_code,show_map,contact_name,contact_phone,"
    "contact_email,contact_url,cost,ticket_url,ical_feed_url,ical_source_url,ical_organizer,ical_contact,"
    "ical_uid,show_coordinates,latitude,longitude,force_regenerate"
)
ROW = (
    "104,1360332000,1360337400,America/New_York,0,0,FREQ=MONTHLY;UNTIL=20130813T035959Z,,,20130308T140000Z,"
    'Press Club,United States,529 14th St NW,"Washington, DC",DC,20045,1,Zoë Eze,+1 212 555 0147,'
    'events@hub.example,https://hub.example/e/,"a:2:{s:4:""cost"";s:2:""25"";s:7:""is_free"";b:0;}",'
    "https://tickets.example/e/104,,,,,ai1ec-104@hub.example,1,38.897700,-77.036500,0"
)


def write_table(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "ai1ec_events.csv"
    path.write_text("\n".join([header, *rows, ""]), encoding="utf-8")
    return path


def with_column(column: str, value: str, **more: str) -> str:
    """ROW with some columns replaced (by header position), CSV-quoted again."""
    values = next(csv.reader([ROW]))
    for name, replacement in {column: value, **more}.items():
        values[HEADER.split(",").index(name)] = replacement
    return ",".join('"' + v.replace('"', '""') + '"' for v in values)


def test_row_becomes_event_data_with_every_column(tmp_path: Path) -> None:
    (event,) = read_events_table(write_table(tmp_path, ROW))
    assert (event.post_id, event.uid, event.ical_uid) == (104, "ai1ec-104@hub.example", "ai1ec-104@hub.example")
    assert event.starts_at == datetime(2013, 2, 8, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    assert event.ends_at == datetime(2013, 2, 8, 15, 30, tzinfo=UTC)
    assert (event.recurrence_rules, event.exception_dates) == (
        "FREQ=MONTHLY;UNTIL=20130813T035959Z",
        "20130308T140000Z",
    )
    assert (event.venue, event.city, event.postal_code) == ("Press Club", "Washington, DC", "20045")
    assert (event.show_map, event.show_coordinates, event.is_all_day, event.is_instant) == (True, True, False, False)
    assert (event.latitude, event.longitude) == (Decimal("38.897700"), Decimal("-77.036500"))
    assert (event.contact_name, event.contact_phone, event.contact_email) == ("Zoë Eze", "+1 212 555 0147",
                                                                               "events@hub.example")  # fmt: skip
    assert (event.cost, event.is_free, event.ticket_url) == ("25", False, "https://tickets.example/e/104")


def test_as_columns_gives_exactly_the_event_table_columns(tmp_path: Path) -> None:
    (event,) = read_events_table(write_table(tmp_path, ROW))
    columns = event.as_columns()
    assert set(columns) == set(Event.model_fields) - {"entry_id"}
    event_row = Event(entry_id=1, **columns)
    assert (event_row.venue, event_row.latitude, event_row.longitude) == ("Press Club", 38.8977, -77.0365)


@pytest.mark.parametrize(
    ("cost", "expected"),
    [
        ('a:2:{s:4:"cost";s:0:"";s:7:"is_free";b:1;}', ("", True)),
        ("US$15", ("US$15", False)),  # a legacy plain-string row: never free
        ("", ("", False)),
    ],
)
def test_cost_is_unserialized_or_kept_as_plain_string(tmp_path: Path, cost: str, expected: tuple[str, bool]) -> None:
    (event,) = read_events_table(write_table(tmp_path, with_column("cost", cost)))
    assert (event.cost, event.is_free) == expected


@pytest.mark.parametrize("null", ["", "\\N", "NULL"])
def test_null_end_and_coordinates_read_as_none(tmp_path: Path, null: str) -> None:
    (event,) = read_events_table(write_table(tmp_path, with_column("end", null, latitude=null)))
    assert (event.ends_at, event.latitude) == (None, None)
    assert event.starts_at is not None
    assert event.longitude == Decimal("-77.036500")
    assert (event.cost, event.is_free) == ("25", False)


def test_instant_and_all_day_flags_are_read(tmp_path: Path) -> None:
    (event,) = read_events_table(write_table(tmp_path, with_column("instant_event", "1")))
    assert event.is_instant
    assert not event.is_all_day


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("start", "2013-02-08", r"ai1ec_events\.csv, row 2 \(line 3\), field start: not a UNIX timestamp"),
        ("timezone_name", "Europe/Geneva", r"row 2 \(line 3\), field timezone_name: unknown time zone"),
        ("allday", "yes", r"row 2 \(line 3\), field allday: not a tinyint\(1\) flag"),
        ("latitude", "north", r"row 2 \(line 3\), field latitude: not a decimal number"),
        ("post_id", "", r"row 2 \(line 3\), field post_id: not a post id"),
    ],
)
def test_bad_value_error_names_file_row_and_field(tmp_path: Path, column: str, value: str, message: str) -> None:
    path = write_table(tmp_path, ROW, with_column(column, value))
    with pytest.raises(EventsSourceError, match=message):
        read_events_table(path)


def test_row_number_counts_rows_and_line_counts_multiline_fields(tmp_path: Path) -> None:
    path = write_table(tmp_path, with_column("venue", "two\nlines"), with_column("end", "soon"))
    with pytest.raises(EventsSourceError, match=r"row 2 \(line 4\), field end"):
        read_events_table(path)


def test_header_without_start_column_is_an_error(tmp_path: Path) -> None:
    path = write_table(tmp_path, "104", header="post_id")
    with pytest.raises(EventsSourceError, match=r"line 1, field start: column missing"):
        read_events_table(path)


def test_real_table_dump_reads_every_row(wordpress_db: Path) -> None:
    events = read_events_table(wordpress_db / "ai1ec_events.csv")
    assert len(events) == 95
    assert sum(1 for event in events if event.recurrence_rules) == 16
    assert {event.timezone_name for event in events} == {"America/New_York", "Europe/Zurich", "Asia/Bangkok"}


def _local_dates(event: EventData, zone_name: str) -> tuple[object, object]:
    zone = ZoneInfo(zone_name)
    assert event.starts_at is not None
    assert event.ends_at is not None
    return event.starts_at.astimezone(zone).date(), event.ends_at.astimezone(zone).date()


def test_real_table_and_feed_agree_on_every_event(wordpress_db: Path) -> None:
    table = {event.post_id: event for event in read_events_table(wordpress_db / "ai1ec_events.csv")}
    feed = {event.post_id: event for event in read_events_ics(wordpress_db / "events.ics")}
    assert table.keys() == feed.keys()
    for post_id, row in table.items():
        item = feed[post_id]
        assert (item.is_all_day, item.is_instant) == (row.is_all_day, row.is_instant), post_id
        assert (item.recurrence_rules, item.exception_rules) == (row.recurrence_rules, row.exception_rules), post_id
        assert (item.recurrence_dates, item.exception_dates) == (row.recurrence_dates, row.exception_dates), post_id
        assert (item.venue, item.cost, item.is_free, item.uid) == (row.venue, row.cost, row.is_free, row.uid), post_id
        assert (item.latitude, item.longitude) == (row.latitude, row.longitude), post_id
        if row.is_all_day:
            # A DATE value has no zone in the feed: the same calendar days, read in the row's zone.
            assert _local_dates(item, item.timezone_name) == _local_dates(row, row.timezone_name), post_id
        else:
            assert (item.starts_at, item.ends_at, item.timezone_name) == (
                row.starts_at,
                row.ends_at,
                row.timezone_name,
            ), post_id
