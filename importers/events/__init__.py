"""Event data a WXR cannot carry: the All-in-One Event Calendar feed and its ``ai1ec_events`` table."""

from __future__ import annotations

from importers.events.fields import EventData, EventsSourceError
from importers.events.ics import read_events_ics
from importers.events.table import read_events_table

__all__ = ["EventData", "EventsSourceError", "read_events_ics", "read_events_table"]
