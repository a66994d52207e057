"""Expand an event's recurrence into occurrences, as the plugin's ``ai1ec_event_instances`` holds them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrule, rruleset, rrulestr

from app.events.models import Event

_DATE_VALUE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATE_TIME_VALUE = re.compile(r"^(\d{8}T\d{6})(Z?)$")
_UNTIL = re.compile(r"UNTIL=(\d{8})(T\d{6})?(Z?)", re.IGNORECASE)
_RULE_PREFIX = re.compile(r"^(?:RRULE|EXRULE):", re.IGNORECASE)


class InvalidRecurrence(ValueError):
    """An event's stored recurrence rule or date list cannot be read."""


@dataclass(slots=True)
class EventOccurrence:
    """One occurrence of an event: its start, and its end unless the event has none."""

    entry_id: int
    starts_at: datetime
    ends_at: datetime | None


def event_zone(event: Event) -> tzinfo:
    """The zone the event was entered in (the plugin's ``timezone_name``), UTC when unknown."""
    try:
        return ZoneInfo(event.timezone_name) if event.timezone_name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def parse_recurrence_dates(text: str) -> list[date | datetime]:
    """RDATE/EXDATE values as stored: dates, UTC date-times (aware) or floating date-times (naive)."""
    return [_parse_date_value(token.strip()) for token in re.split(r"[,\n]", text) if token.strip()]


def expand_occurrences(
    event: Event, *, window_start: datetime, window_end: datetime, limit: int = 1000
) -> list[EventOccurrence]:
    """Occurrences starting in ``[window_start, window_end)``, at most ``limit``, in the event's zone."""
    if event.starts_at is None:
        return []
    zone = event_zone(event)
    first = event.starts_at.astimezone(zone).replace(tzinfo=None)
    occurrences: list[EventOccurrence] = []
    for local_start in _local_starts(event, first, zone, window_start):
        starts_at = local_start.replace(tzinfo=zone)
        if starts_at >= window_end or len(occurrences) >= limit:
            break
        if starts_at >= window_start:
            occurrences.append(_occurrence(event, first, local_start, zone))
    return occurrences


def _local_starts(event: Event, first: datetime, zone: tzinfo, window_start: datetime) -> Iterator[datetime]:
    # Expanding in naive wall-clock time keeps 10:00 at 10:00 across DST changes, as the plugin does.
    rules, excluded_days = _ruleset(event, first, zone)
    # A day's margin: the window bound is an instant, the rule set runs on wall-clock time.
    after = window_start.astimezone(zone).replace(tzinfo=None) - timedelta(days=1)
    for local_start in rules.xafter(after, inc=True):
        if local_start.date() not in excluded_days:
            yield local_start


def _ruleset(event: Event, first: datetime, zone: tzinfo) -> tuple[rruleset, set[date]]:
    rules = rruleset()
    # RFC 5545 3.8.5.3: DTSTART is always the first instance, whether or not the rule matches it.
    rules.rdate(first)
    for line in _rule_lines(event.recurrence_rules):
        rules.rrule(_rule(line, first, zone, event.is_all_day))
    for line in _rule_lines(event.exception_rules):
        rules.exrule(_rule(line, first, zone, event.is_all_day))
    for moment in parse_recurrence_dates(event.recurrence_dates):
        rules.rdate(_wall_clock(moment, zone))
    excluded_days: set[date] = set()
    for moment in parse_recurrence_dates(event.exception_dates):
        if isinstance(moment, datetime):
            rules.exdate(_wall_clock(moment, zone))
        else:
            excluded_days.add(moment)  # a DATE exception removes that whole day
    return rules, excluded_days


def _rule_lines(text: str) -> list[str]:
    return [_RULE_PREFIX.sub("", line.strip()) for line in text.splitlines() if line.strip()]


def _rule(line: str, first: datetime, zone: tzinfo, is_all_day: bool) -> rrule:
    # dateutil wants UNTIL in the same style as DTSTART; ours is naive wall-clock time.
    localized = _UNTIL.sub(lambda match: _local_until(match, zone, is_all_day), line)
    try:
        parsed = rrulestr(localized, dtstart=first)
    except (ValueError, TypeError) as error:
        raise InvalidRecurrence(f"bad recurrence rule {line!r}: {error}") from error
    if not isinstance(parsed, rrule):
        raise InvalidRecurrence(f"expected one recurrence rule, got {line!r}")
    return parsed


def _local_until(match: re.Match[str], zone: tzinfo, is_all_day: bool) -> str:
    day, clock, is_utc = match.group(1), match.group(2), match.group(3)
    if clock is None:
        # A DATE UNTIL on a timed event still includes that whole day.
        return f"UNTIL={day}" if is_all_day else f"UNTIL={day}T235959"
    moment = datetime.strptime(day + clock, "%Y%m%dT%H%M%S")
    if is_utc:
        moment = moment.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)
    return f"UNTIL={moment:%Y%m%dT%H%M%S}"


def _wall_clock(moment: date | datetime, zone: tzinfo) -> datetime:
    if not isinstance(moment, datetime):
        return datetime(moment.year, moment.month, moment.day)
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(zone).replace(tzinfo=None)


def _parse_date_value(token: str) -> date | datetime:
    if _DATE_VALUE.match(token):
        return datetime.strptime(token, "%Y%m%d").date()
    match = _DATE_TIME_VALUE.match(token)
    if match is None:
        raise InvalidRecurrence(f"bad RDATE/EXDATE value {token!r}")
    moment = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S")
    return moment.replace(tzinfo=UTC) if match.group(2) else moment


def _occurrence(event: Event, first: datetime, local_start: datetime, zone: tzinfo) -> EventOccurrence:
    starts_at = local_start.replace(tzinfo=zone)
    if event.ends_at is None or event.starts_at is None:
        return EventOccurrence(entry_id=event.entry_id, starts_at=starts_at, ends_at=None)
    if event.is_all_day:
        # All-day events end at a local midnight, whatever DST did in between.
        wall_length = event.ends_at.astimezone(zone).replace(tzinfo=None) - first
        return EventOccurrence(event.entry_id, starts_at, (local_start + wall_length).replace(tzinfo=zone))
    # Timed events last the same number of seconds each time (aware arithmetic in one zone is wall-clock).
    length = event.ends_at.astimezone(UTC) - event.starts_at.astimezone(UTC)
    return EventOccurrence(event.entry_id, starts_at, (starts_at.astimezone(UTC) + length).astimezone(zone))
