"""Expanding recurrences: against the plugin's own ``wp_ai1ec_event_instances``, and hand-made edge cases."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from app.events.models import Event
from app.events.occurrences import EventOccurrence, InvalidRecurrence, expand_occurrences
from importers.events import read_events_table

ZURICH = ZoneInfo("Europe/Zurich")
EVER_START, EVER_END = datetime(1970, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)


def make_event(starts_at: datetime, ends_at: datetime | None, **columns: Any) -> Event:
    """An event as the database returns it: instants in UTC, the zone only in ``timezone_name``."""
    columns.setdefault("timezone_name", "Europe/Zurich")
    ends_utc = ends_at.astimezone(UTC) if ends_at else None
    return Event(entry_id=7, starts_at=starts_at.astimezone(UTC), ends_at=ends_utc, **columns)


def expand_ever(event: Event, limit: int = 1000) -> list[EventOccurrence]:
    return expand_occurrences(event, window_start=EVER_START, window_end=EVER_END, limit=limit)


def utc_starts(event: Event, start: datetime = EVER_START, end: datetime = EVER_END) -> list[datetime]:
    occurrences = expand_occurrences(event, window_start=start, window_end=end)
    return [occurrence.starts_at.astimezone(UTC) for occurrence in occurrences]


def test_expansion_reproduces_every_plugin_instance(
    wordpress_db: Path, plugin_instances: dict[int, list[tuple[int, int]]]
) -> None:
    events = read_events_table(wordpress_db / "ai1ec_events.csv")
    assert sum(len(pairs) for pairs in plugin_instances.values()) == 165
    for data in events:
        assert data.post_id is not None
        event = Event(entry_id=data.post_id, **data.as_columns())
        pairs = plugin_instances[data.post_id]
        first, last = datetime.fromtimestamp(pairs[0][0], UTC), datetime.fromtimestamp(pairs[-1][0] + 1, UTC)
        occurrences = expand_occurrences(event, window_start=first, window_end=last)
        got = [(int(o.starts_at.timestamp()), int(o.ends_at.timestamp()) if o.ends_at else 0) for o in occurrences]
        assert got == pairs, data.post_id


def test_weekly_rule_keeps_local_time_across_spring_dst_change() -> None:
    event = make_event(
        datetime(2024, 3, 24, 10, tzinfo=ZURICH), datetime(2024, 3, 24, 11, 30, tzinfo=ZURICH),
        recurrence_rules="FREQ=WEEKLY;COUNT=3",
    )  # fmt: skip
    occurrences = expand_ever(event)
    # Summer time starts on 31 March 2024: 10:00 stays 10:00 locally, one hour earlier in UTC.
    assert [o.starts_at for o in occurrences] == [datetime(2024, 3, d, 10, tzinfo=ZURICH) for d in (24, 31)] + [
        datetime(2024, 4, 7, 10, tzinfo=ZURICH)
    ]
    assert [o.starts_at.astimezone(UTC).hour for o in occurrences] == [9, 8, 8]
    assert all((o.ends_at - o.starts_at).total_seconds() == 5400 for o in occurrences if o.ends_at)
    assert {o.entry_id for o in occurrences} == {7}


def test_exdate_in_utc_or_as_a_date_removes_that_occurrence() -> None:
    event = make_event(
        datetime(2024, 3, 20, 10, tzinfo=ZURICH), None,
        recurrence_rules="FREQ=WEEKLY;COUNT=4", exception_dates="20240403T080000Z,20240410",
    )  # fmt: skip
    assert utc_starts(event) == [datetime(2024, 3, 20, 9, tzinfo=UTC), datetime(2024, 3, 27, 9, tzinfo=UTC)]


def test_rdate_adds_and_exrule_removes_occurrences() -> None:
    event = make_event(
        datetime(2024, 1, 1, 9, tzinfo=ZURICH), None,
        recurrence_rules="FREQ=DAILY;COUNT=4", exception_rules="FREQ=DAILY;INTERVAL=2;COUNT=2",
        recurrence_dates="20240201T080000Z",
    )  # fmt: skip
    assert [o.starts_at for o in expand_ever(event)] == [
        datetime(2024, 1, 2, 9, tzinfo=ZURICH),
        datetime(2024, 1, 4, 9, tzinfo=ZURICH),
        datetime(2024, 2, 1, 9, tzinfo=ZURICH),
    ]


def test_all_day_multi_day_occurrences_end_at_local_midnight_across_autumn_dst() -> None:
    event = make_event(
        datetime(2024, 10, 19, tzinfo=ZURICH), datetime(2024, 10, 22, tzinfo=ZURICH),
        is_all_day=True, recurrence_rules="FREQ=WEEKLY;UNTIL=20241026",
    )  # fmt: skip
    occurrences = expand_ever(event)
    assert [(o.starts_at, o.ends_at) for o in occurrences] == [
        (datetime(2024, 10, 19, tzinfo=ZURICH), datetime(2024, 10, 22, tzinfo=ZURICH)),
        (datetime(2024, 10, 26, tzinfo=ZURICH), datetime(2024, 10, 29, tzinfo=ZURICH)),
    ]
    second = occurrences[1]
    assert second.ends_at is not None
    assert (second.ends_at - second.starts_at.astimezone(UTC)).total_seconds() == 3 * 86400 + 3600


def test_until_in_utc_includes_the_last_local_occurrence() -> None:
    # The plugin writes UNTIL as the last local second of the day, in UTC: 23:59:59 CEST = 21:59:59Z.
    event = make_event(
        datetime(2013, 5, 10, 10, tzinfo=ZURICH), None, recurrence_rules="FREQ=MONTHLY;UNTIL=20130710T215959Z"
    )
    assert len(utc_starts(event)) == 3


def test_window_bounds_and_limit_cut_the_expansion() -> None:
    event = make_event(datetime(2024, 1, 1, 9, tzinfo=ZURICH), None, recurrence_rules="FREQ=DAILY")
    start, end = datetime(2024, 1, 3, 8, tzinfo=UTC), datetime(2024, 1, 6, 8, tzinfo=UTC)
    assert [d.day for d in utc_starts(event, start, end)] == [3, 4, 5]
    assert len(expand_occurrences(event, window_start=start, window_end=end, limit=2)) == 2
    assert len(expand_ever(event, limit=1000)) == 1000


def test_single_event_has_one_occurrence_and_instant_keeps_its_end() -> None:
    start = datetime(2024, 5, 1, 12, tzinfo=UTC)
    (only,) = expand_ever(make_event(start, start, is_instant=True, timezone_name="Asia/Bangkok"))
    assert only.starts_at == only.ends_at == start
    assert expand_ever(make_event(start, None))[0].ends_at is None


def test_event_without_start_has_no_occurrences() -> None:
    assert expand_ever(Event(entry_id=1, timezone_name="Europe/Zurich")) == []


def test_unreadable_rule_raises_invalid_recurrence() -> None:
    event = make_event(datetime(2024, 1, 1, 9, tzinfo=ZURICH), None, recurrence_rules="FREQ=SOMETIMES")
    with pytest.raises(InvalidRecurrence, match="FREQ=SOMETIMES"):
        expand_ever(event)


def test_unreadable_exdate_raises_invalid_recurrence() -> None:
    event = make_event(datetime(2024, 1, 1, 9, tzinfo=ZURICH), None, exception_dates="next tuesday")
    with pytest.raises(InvalidRecurrence, match="next tuesday"):
        expand_ever(event)
