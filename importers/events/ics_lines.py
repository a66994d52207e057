"""Where things are in an iCalendar file: the line numbers icalendar's parser does not keep."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from importers.events.fields import EventsSourceError

# RFC 5545 section 3.1: name *(";" param) ":" value, params possibly quoted.
_PARAM_VALUE = r'(?:"[^"]*"|[^";:,]*)'
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_CONTENT_LINE = re.compile(rf"^[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+={_PARAM_VALUE}(?:,{_PARAM_VALUE})*)*:")


@dataclass(slots=True)
class EventLines:
    """The line of one VEVENT's ``BEGIN`` and of the first occurrence of each of its properties."""

    begin: int
    properties: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        """The property's line, or the event's BEGIN line when the property is absent."""
        return self.properties.get(name.upper(), self.begin)


def index_events(path: Path, text: str) -> list[EventLines]:
    """Check every content line and locate each VEVENT's properties, in document order."""
    events: list[EventLines] = []
    stack: list[str] = []
    for number, line in unfold(text):
        if not _CONTENT_LINE.match(line):
            raise EventsSourceError(path, f"line {number}", "content line", f"not name[;params]:value: {line!r}")
        name, value = _name_of(line), line.partition(":")[2].strip().upper()
        if name == "BEGIN":
            stack.append(value)
            if stack[-2:] == ["VCALENDAR", "VEVENT"]:
                events.append(EventLines(begin=number))
        elif name == "END" and stack:
            stack.pop()
        elif stack[-2:] == ["VCALENDAR", "VEVENT"]:
            events[-1].properties.setdefault(name, number)
    return events


def unfold(text: str) -> list[tuple[int, str]]:
    """Logical content lines (RFC 5545 folding undone), each with the number of its first physical line."""
    logical: list[tuple[int, str]] = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if line[:1] in {" ", "\t"} and logical:
            first, text_so_far = logical[-1]
            logical[-1] = (first, text_so_far + line[1:])
        elif line.strip():
            logical.append((number, line))
    return logical


def _name_of(line: str) -> str:
    return re.split(r"[;:]", line, maxsplit=1)[0].upper()
