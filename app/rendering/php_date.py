"""PHP's ``date()`` format characters that WordPress's date options use, in English (``date_i18n``)."""

from __future__ import annotations

import calendar
from datetime import datetime

MONTHS = tuple(calendar.month_name)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _suffix(day: int) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _iso(value: datetime) -> str:
    offset = value.strftime("%z") or "+0000"
    return value.strftime("%Y-%m-%dT%H:%M:%S") + f"{offset[:3]}:{offset[3:]}"


_FORMATS = {
    "d": lambda v: f"{v.day:02d}",
    "D": lambda v: WEEKDAYS[v.weekday()][:3],
    "j": lambda v: str(v.day),
    "l": lambda v: WEEKDAYS[v.weekday()],
    "N": lambda v: str(v.isoweekday()),
    "S": lambda v: _suffix(v.day),
    "w": lambda v: str(v.isoweekday() % 7),
    "F": lambda v: MONTHS[v.month],
    "M": lambda v: MONTHS[v.month][:3],
    "m": lambda v: f"{v.month:02d}",
    "n": lambda v: str(v.month),
    "t": lambda v: str(calendar.monthrange(v.year, v.month)[1]),
    "Y": lambda v: str(v.year),
    "y": lambda v: f"{v.year % 100:02d}",
    "a": lambda v: "am" if v.hour < 12 else "pm",
    "A": lambda v: "AM" if v.hour < 12 else "PM",
    "g": lambda v: str(v.hour % 12 or 12),
    "G": lambda v: str(v.hour),
    "h": lambda v: f"{v.hour % 12 or 12:02d}",
    "H": lambda v: f"{v.hour:02d}",
    "i": lambda v: f"{v.minute:02d}",
    "s": lambda v: f"{v.second:02d}",
    "c": _iso,
}


def php_date(fmt: str, value: datetime) -> str:
    """``date($fmt)`` of the value; a backslash escapes the next character, unknown letters stay as written."""
    out: list[str] = []
    chars = iter(fmt)
    for char in chars:
        if char == "\\":
            out.append(next(chars, ""))
        else:
            formatter = _FORMATS.get(char)
            out.append(formatter(value) if formatter else char)
    return "".join(out)
