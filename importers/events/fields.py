"""The event record both event sources produce, and the field decoders they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.core.phpserial import maybe_unserialize

# Fields that say which post an event belongs to; they are not columns of ``events``.
_MATCH_FIELDS = frozenset({"post_id", "uid", "url"})
_EMAIL = re.compile(r"^(?:mailto:)?[^@\s]+@[^@\s]+\.[^@\s]+$", re.IGNORECASE)
_URL = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s().\-/]{5,}$")


class EventsSourceError(Exception):
    """An events file (iCalendar feed or table dump) holds a value we cannot read."""

    def __init__(self, path: Path, where: str, field: str, problem: str) -> None:
        super().__init__(f"{path.name}, {where}, field {field}: {problem}")
        self.path = path
        self.where = where
        self.field = field
        self.problem = problem


@dataclass(slots=True, kw_only=True)
class EventData:
    """One event as read from a source: every ``Event`` column plus the keys that find its post."""

    post_id: int | None = None
    uid: str = ""
    url: str = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    timezone_name: str = ""
    is_all_day: bool = False
    is_instant: bool = False
    recurrence_rules: str = ""
    exception_rules: str = ""
    recurrence_dates: str = ""
    exception_dates: str = ""
    venue: str = ""
    country: str = ""
    address: str = ""
    city: str = ""
    province: str = ""
    postal_code: str = ""
    show_map: bool = False
    show_coordinates: bool = False
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    contact_url: str = ""
    cost: str = ""
    is_free: bool = False
    ticket_url: str = ""
    ical_uid: str = ""
    ical_feed_url: str = ""
    ical_source_url: str = ""
    ical_organizer: str = ""
    ical_contact: str = ""

    def as_columns(self) -> dict[str, Any]:
        """Keyword arguments for ``Event(...)`` (everything but the post-matching keys)."""
        columns = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in _MATCH_FIELDS}
        # The source's exact decimal text stays here; the table keeps coordinates as doubles.
        for name in ("latitude", "longitude"):
            columns[name] = None if columns[name] is None else float(columns[name])
        return columns


def load_zone(name: str) -> tzinfo | None:
    """The IANA zone called ``name``, or None when there is no such zone."""
    if name.upper() in {"UTC", "Z", "GMT"}:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_midnight(day: date, zone: tzinfo) -> datetime:
    """Midnight of ``day`` in ``zone``: where the plugin anchors all-day events."""
    return datetime.combine(day, time(0), tzinfo=zone)


def decode_cost(raw: str) -> tuple[str, bool]:
    """The plugin's ``cost`` column: PHP-serialized ``{cost, is_free}``, or a legacy plain string."""
    value = maybe_unserialize(raw)
    if isinstance(value, dict):
        return str(value.get("cost") or ""), _php_truthy(value.get("is_free"))
    return str(value), False


def _php_truthy(value: Any) -> bool:
    # PHP's (bool) cast: "", "0", 0, null and false are false.
    return value not in (None, False, 0, "", "0")


def split_contact(raw: str) -> dict[str, str]:
    """Split the feed's ``CONTACT`` (non-empty parts of name; phone; email; url) into contact fields."""
    contact = {"contact_name": "", "contact_phone": "", "contact_email": "", "contact_url": ""}
    for part in (piece.strip() for piece in raw.split(";")):
        key = _contact_kind(part)
        if part and not contact[key]:
            contact[key] = part.removeprefix("mailto:") if key == "contact_email" else part
    return contact


def _contact_kind(part: str) -> str:
    # The plugin drops empty parts before joining, so the position of a part says nothing.
    if _URL.match(part):
        return "contact_url"
    if _EMAIL.match(part):
        return "contact_email"
    if _PHONE.match(part):
        return "contact_phone"
    return "contact_name"


def split_location(raw: str) -> tuple[str, str]:
    """Venue and address from a feed's ``LOCATION``."""
    if raw.startswith("@ "):
        return "", raw[2:].strip()  # an address without a venue
    venue, separator, address = raw.partition(" @ ")
    if separator:
        # The plugin's own export writes "venue @ address".
        return venue.strip(), address.strip()
    # Other feeds (this site's among them) write "venue, street, city, country".
    venue, _, address = raw.partition(",")
    return venue.strip(), address.strip()


def format_utc_value(moment: datetime | date) -> str:
    """An RFC 5545 DATE (``Ymd``) or UTC DATE-TIME (``YmdTHisZ``) value, as the table stores them."""
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return moment.strftime("%Y%m%d")
