"""The demo iCal feed is the event calendar's export of exactly the export's ``ai1ec_event`` posts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest

from app.demo.paths import demo_events_ics
from tests.demo.demo_export_view import DemoExport, load_demo_export


@pytest.fixture(scope="module")
def vevents() -> list[Any]:
    calendar = icalendar.Calendar.from_ical(demo_events_ics().read_bytes())
    return list(calendar.walk("VEVENT"))


def test_every_event_uid_matches_an_event_post(vevents: list[Any]) -> None:
    export: DemoExport = load_demo_export()
    event_ids = {item.post_id for item in export.of_type("ai1ec_event")}
    uids = [str(event["UID"]) for event in vevents]
    # All-in-One Event Calendar names local events `ai1ec-{post_id}@{site host}`.
    assert sorted(uids) == sorted(f"ai1ec-{post_id}@hub.example.org" for post_id in event_ids)
    for event in vevents:
        post = export.items[int(str(event["UID"]).split("@")[0].removeprefix("ai1ec-"))]
        assert str(event["URL"]) == f"https://hub.example.org/event/{post.slug}/"


def test_every_event_post_is_filed_in_an_event_category() -> None:
    for item in load_demo_export().of_type("ai1ec_event"):
        assert any(taxonomy == "events_categories" for taxonomy, _ in item.terms), item.post_id


def test_feed_has_an_all_day_a_weekly_and_a_monthly_event_with_an_exception(vevents: list[Any]) -> None:
    all_day = [e for e in vevents if type(e.decoded("DTSTART")) is dt.date]
    weekly = [e for e in vevents if e.get("RRULE", {}).get("FREQ") == ["WEEKLY"]]
    monthly = [e for e in vevents if e.get("RRULE", {}).get("FREQ") == ["MONTHLY"]]
    assert len(all_day) == 1
    assert weekly[0]["RRULE"]["COUNT"] == [4]
    assert "EXDATE" in monthly[0]


def test_timed_events_carry_a_named_time_zone(vevents: list[Any]) -> None:
    timed = [e for e in vevents if isinstance(e.decoded("DTSTART"), dt.datetime)]
    assert timed
    for event in timed:
        assert event["DTSTART"].params["TZID"] in ("Europe/Zurich", "Asia/Bangkok")
        assert event.decoded("DTEND") > event.decoded("DTSTART")


def test_events_carry_the_plugins_detail_properties(vevents: list[Any]) -> None:
    for event in vevents:
        assert {"LOCATION", "URL", "X-COST", "CONTACT", "CATEGORIES"} <= set(event.keys())
        assert str(event["URL"]).startswith("https://hub.example.org/event/")
    assert any("GEO" in event for event in vevents)
