"""Read a CSV dump of the plugin's ``wp_ai1ec_events`` table (header row = the table's column names)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from pathlib import Path

from importers.events.fields import EventData, EventsSourceError, decode_cost, load_zone

_REQUIRED_COLUMNS = ("post_id", "start")
_FLAG_COLUMNS = {
    "allday": "is_all_day",
    "instant_event": "is_instant",
    "show_map": "show_map",
    "show_coordinates": "show_coordinates",
}
_TEXT_COLUMNS = (
    "recurrence_rules", "exception_rules", "recurrence_dates", "exception_dates",
    "venue", "country", "address", "city", "province", "postal_code",
    "contact_name", "contact_phone", "contact_email", "contact_url", "ticket_url",
    "ical_feed_url", "ical_source_url", "ical_organizer", "ical_contact", "ical_uid",
)  # fmt: skip
# How a dump writes SQL NULL: an empty field, MySQL's ``\N``, or the word NULL.
_NULLS = frozenset({"", "\\N", "NULL"})


def read_events_table(path: Path) -> list[EventData]:
    """One ``EventData`` per row of a ``wp_ai1ec_events`` CSV dump, in file order."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise EventsSourceError(path, f"line {line}", "encoding", "not UTF-8") from error
    return [row.read() for row in _rows(path, csv.DictReader(io.StringIO(text, newline="")))]


def _rows(path: Path, reader: csv.DictReader[str]) -> Iterator[_Row]:
    missing = [name for name in _REQUIRED_COLUMNS if name not in (reader.fieldnames or [])]
    if missing:
        raise EventsSourceError(path, "line 1", ", ".join(missing), "column missing from the header row")
    first_line = reader.line_num + 1
    try:
        for number, values in enumerate(reader, start=1):
            yield _Row(path, f"row {number} (line {first_line})", values)
            first_line = reader.line_num + 1
    except csv.Error as error:
        raise EventsSourceError(path, f"line {reader.line_num}", "csv", str(error)) from error


@dataclass(slots=True)
class _Row:
    path: Path
    where: str
    values: dict[str | None, str | None]

    def fail(self, column: str, problem: str) -> EventsSourceError:
        return EventsSourceError(self.path, self.where, column, problem)

    def text(self, column: str) -> str:
        value = self.values.get(column) or ""
        return "" if value == "\\N" else value

    def read(self) -> EventData:
        event = EventData(post_id=self._post_id(), uid=self.text("ical_uid"))
        event.timezone_name = self.text("timezone_name").strip()
        zone = self._zone(event.timezone_name)
        event.starts_at, event.ends_at = self._moment("start", zone), self._moment("end", zone)
        for column, attribute in _FLAG_COLUMNS.items():
            setattr(event, attribute, self._flag(column))
        for column in _TEXT_COLUMNS:
            setattr(event, column, self.text(column))
        event.latitude, event.longitude = self._decimal("latitude"), self._decimal("longitude")
        event.cost, event.is_free = decode_cost(self.text("cost"))
        return event

    def _post_id(self) -> int:
        raw = self.text("post_id").strip()
        if not raw.isdigit() or int(raw) == 0:
            raise self.fail("post_id", f"not a post id: {raw!r}")
        return int(raw)

    def _zone(self, name: str) -> tzinfo:
        if not name:
            return UTC
        zone = load_zone(name)
        if zone is None:
            raise self.fail("timezone_name", f"unknown time zone {name!r}")
        return zone

    def _moment(self, column: str, zone: tzinfo) -> datetime | None:
        raw = self.text(column).strip()
        if raw in _NULLS:
            return None
        if not raw.isdigit():
            raise self.fail(column, f"not a UNIX timestamp: {raw!r}")
        # The 2.x schema stores UTC UNIX seconds; we keep the instant, shown in the event's zone.
        return datetime.fromtimestamp(int(raw), UTC).astimezone(zone)

    def _flag(self, column: str) -> bool:
        raw = self.text(column).strip()
        if raw not in {"0", "1"} | _NULLS:
            raise self.fail(column, f"not a tinyint(1) flag: {raw!r}")
        return raw == "1"

    def _decimal(self, column: str) -> Decimal | None:
        raw = self.text(column).strip()
        if raw in _NULLS:
            return None
        try:
            return Decimal(raw)
        except InvalidOperation:
            raise self.fail(column, f"not a decimal number: {raw!r}") from None
