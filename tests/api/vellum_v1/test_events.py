"""``/wp-json/vellum/v1/events``: occurrences in a window and RFC 5545 feeds, checked by re-reading them."""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlmodel import Session

from tests.builders import make_entry
from tests.importers.wxr.cli import import_wxr
from tests.shared import SHARED

WORDPRESS_DB = SHARED / "fixtures" / "wordpress-db"
_INSTANCE_ROW = re.compile(r"\((\d+),(\d+),(\d+),(\d+)\)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _no_email_outside_uids(calendar: Calendar) -> bool:
    # A UID looks like an address (ai1ec-97@host) but names nobody.
    lines = calendar.to_ical().decode().replace("\r\n ", "").splitlines()
    return not any(_EMAIL.search(line) for line in lines if not line.startswith("UID:"))


def _event(session: Session, slug: str, starts_at: datetime, *, status: str = "publish", **columns: Any) -> int:
    details = {"starts_at": starts_at, "ends_at": starts_at + timedelta(hours=2), **columns}
    entry = make_entry(session, type="ai1ec_event", slug=slug, status=status, title=slug.title(), details=details)
    return int(entry.id or 0)


def _occurrences(client: TestClient, start: str, end: str) -> list[dict[str, Any]]:
    response = client.get("/wp-json/vellum/v1/events/occurrences", params={"starts_after": start, "starts_before": end})
    assert response.status_code == 200, response.text
    return list(response.json())


def _feed(client: TestClient, path: str) -> Calendar:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ({"starts_after": "2025-01-01T00:00:00Z"}, "The starts_before parameter is required."),
        ({"starts_after": "soon", "starts_before": "2025-02-01T00:00:00Z"}, "starts_after is not an RFC 3339"),
        ({"starts_after": "2025-02-01T00:00:00Z", "starts_before": "2025-01-01T00:00:00Z"}, "must be later"),
        ({"starts_after": "2025-01-01T00:00:00Z", "starts_before": "2027-01-03T00:00:00Z"}, "at most 731 days"),
    ],
)
def test_occurrence_window_problems_answer_400_problem_json(
    client: TestClient, query: dict[str, str], detail: str
) -> None:
    response = client.get("/wp-json/vellum/v1/events/occurrences", params=query)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "vellum_invalid_window"
    assert detail in body["detail"]


def test_occurrences_expand_rules_and_exceptions_of_published_events_only(client: TestClient, session: Session) -> None:
    weekly = _event(
        session,
        "weekly",
        datetime(2025, 3, 20, 9, 0, tzinfo=UTC),
        timezone_name="Europe/Zurich",
        recurrence_rules="FREQ=WEEKLY;COUNT=4",
        exception_dates="20250327T090000Z",
    )
    single = _event(session, "single", datetime(2025, 4, 1, 12, 0, tzinfo=UTC))
    _event(session, "hidden", datetime(2025, 4, 2, 12, 0, tzinfo=UTC), status="draft")
    session.commit()

    found = _occurrences(client, "2025-03-01T00:00:00Z", "2025-05-01T00:00:00Z")
    assert [(item["id"], item["starts_at"]) for item in found] == [
        (weekly, "2025-03-20T10:00:00+01:00"),
        # The weekly rule keeps 10:00 local across the DST change of 30 March.
        (single, "2025-04-01T12:00:00+00:00"),
        (weekly, "2025-04-03T10:00:00+02:00"),
        (weekly, "2025-04-10T10:00:00+02:00"),
    ]
    assert found[0]["ends_at"] == "2025-03-20T12:00:00+01:00"
    assert found[0]["timezone"] == "Europe/Zurich"
    assert found[0]["link"].endswith("/event/weekly/") or "weekly" in found[0]["link"]
    assert _occurrences(client, "2025-04-02T00:00:00Z", "2025-04-04T00:00:00Z") == [found[2]]


def test_feed_has_one_vevent_per_published_event_and_no_email(client: TestClient, session: Session) -> None:
    recurring = _event(
        session,
        "forum",
        datetime(2025, 3, 20, 9, 0, tzinfo=UTC),
        timezone_name="Europe/Zurich",
        recurrence_rules="FREQ=WEEKLY;COUNT=4",
        contact_name="Ana",
        contact_email="ana@example.org",
        venue="Town Hall",
    )
    _event(session, "draft", datetime(2025, 4, 2, 12, 0, tzinfo=UTC), status="draft")
    session.commit()

    calendar = _feed(client, "/wp-json/vellum/v1/events.ics")
    vevents = calendar.walk("VEVENT")
    assert [str(vevent["summary"]) for vevent in vevents] == ["Forum"]
    vevent = vevents[0]
    assert vevent.decoded("dtstart") == datetime(2025, 3, 20, 9, 0, tzinfo=UTC)
    assert str(vevent["location"]) == "Town Hall"
    assert str(vevent["contact"]) == "Ana"
    text = calendar.to_ical().decode()
    assert "RRULE:FREQ=WEEKLY;COUNT=4" in text
    assert _no_email_outside_uids(calendar)

    one = _feed(client, f"/wp-json/vellum/v1/events/{recurring}.ics")
    assert [str(item["uid"]) for item in one.walk("VEVENT")] == [str(vevent["uid"])]


def test_single_event_feed_is_404_for_drafts_and_other_types(client: TestClient, session: Session) -> None:
    draft = _event(session, "draft", datetime(2025, 4, 2, 12, 0, tzinfo=UTC), status="draft")
    post = make_entry(session, type="post", slug="a-post")
    session.commit()
    for entry_id in (draft, post.id, 999999):
        response = client.get(f"/wp-json/vellum/v1/events/{entry_id}.ics")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


@pytest.fixture
def knowledge_hub(session: Session, tmp_path: Path) -> dict[int, list[tuple[int, int]]]:
    """The knowledge-hub site imported with its event feed; the plugin's instances from ``site.sql``."""
    if not (WORDPRESS_DB / "site.sql").is_file():
        pytest.skip("shared wordpress-db fixtures are not available")
    import_wxr(WORDPRESS_DB / "export.xml", "--events-ics", WORDPRESS_DB / "events.ics", report=tmp_path / "r.json")
    dump = (WORDPRESS_DB / "site.sql").read_text(encoding="utf-8")
    start = dump.index("INSERT INTO `wp_ai1ec_event_instances` VALUES")
    instances: dict[int, list[tuple[int, int]]] = {}
    for _id, post_id, begins, ends in _INSTANCE_ROW.findall(dump[start : dump.index(";\n", start)]):
        instances.setdefault(int(post_id), []).append((int(begins), int(ends)))
    return instances


def _published_event_ids(client: TestClient) -> set[int]:
    ids: set[int] = set()
    for page in range(1, 10):
        response = client.get("/wp-json/wp/v2/events", params={"per_page": 100, "page": page, "_fields": "id"})
        if response.status_code != 200:
            break
        ids |= {row["id"] for row in response.json()}
    return ids


def _plugin_zones() -> dict[int, tuple[str, bool]]:
    """Each event's zone and all-day flag as the plugin's own table holds them (``ai1ec_events.csv``)."""
    with (WORDPRESS_DB / "ai1ec_events.csv").open(encoding="utf-8", newline="") as table:
        return {int(row["post_id"]): (row["timezone_name"], row["allday"] == "1") for row in csv.DictReader(table)}


def _plugin_instance(post_id: int, pair: tuple[int, int], zones: dict[int, tuple[str, bool]]) -> tuple[Any, ...]:
    zone_name, is_all_day = zones[post_id]
    if not is_all_day:
        return (post_id, pair)
    # events.ics gives all-day events bare dates (no zone), so they are compared as local days.
    zone = ZoneInfo(zone_name)
    days = [datetime.fromtimestamp(moment, zone).date().isoformat() for moment in pair]
    return (post_id, tuple(days))


def _our_instance(item: dict[str, Any]) -> tuple[Any, ...]:
    starts_at, ends_at = datetime.fromisoformat(item["starts_at"]), datetime.fromisoformat(item["ends_at"])
    if item["all_day"]:
        return (item["id"], (starts_at.date().isoformat(), ends_at.date().isoformat()))
    return (item["id"], (int(starts_at.timestamp()), int(ends_at.timestamp())))


def test_knowledge_hub_occurrences_match_the_plugins_instances(
    client: TestClient, knowledge_hub: dict[int, list[tuple[int, int]]]
) -> None:
    published = _published_event_ids(client)
    assert len(published) == 83
    zones = _plugin_zones()
    pairs = [(post_id, pair) for post_id in published for pair in knowledge_hub.get(post_id, [])]
    expected = sorted(_plugin_instance(post_id, pair, zones) for post_id, pair in pairs)
    # A day's margin each side: all-day instances start at midnight in zones the import may not know.
    first = datetime.fromtimestamp(min(pair[0] for _, pair in pairs), UTC) - timedelta(days=1)
    last = datetime.fromtimestamp(max(pair[0] for _, pair in pairs), UTC) + timedelta(days=1)
    got: list[tuple[Any, ...]] = []
    window_start = first
    while window_start < last:
        window_end = min(window_start + timedelta(days=700), last)
        got += [_our_instance(item) for item in _occurrences(client, window_start.isoformat(), window_end.isoformat())]
        window_start = window_end
    assert len(expected) > 100
    assert sorted(got) == expected


def test_knowledge_hub_feed_rereads_with_every_published_event(
    client: TestClient, knowledge_hub: dict[int, list[tuple[int, int]]]
) -> None:
    calendar = _feed(client, "/wp-json/vellum/v1/events.ics")
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == len(_published_event_ids(client)) == 83
    source = Calendar.from_ical((WORDPRESS_DB / "events.ics").read_bytes())
    source_uids = {str(vevent["uid"]) for vevent in source.walk("VEVENT")}
    assert {str(vevent["uid"]) for vevent in vevents} <= source_uids
    assert _no_email_outside_uids(calendar)
