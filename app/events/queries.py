"""Finding events: by when they start, with their entries, for lists, occurrences and feeds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.content.models import Entry
from app.events.models import Event

EVENT_TYPE = "ai1ec_event"


def starts_between(starts_after: datetime | None, starts_before: datetime | None) -> ColumnElement[bool]:
    """Entries whose event's first start lies in ``[starts_after, starts_before)`` (aware bounds)."""
    query = select(col(Event.entry_id))
    if starts_after is not None:
        query = query.where(col(Event.starts_at) >= starts_after)
    if starts_before is not None:
        query = query.where(col(Event.starts_at) < starts_before)
    return col(Entry.id).in_(query)


def load_events(session: Session, entry_ids: Iterable[int]) -> dict[int, Event]:
    """The typed events of these entries, by entry ID (entries without one are left out)."""
    ids = sorted(set(entry_ids))
    if not ids:
        return {}
    rows = session.execute(select(Event).where(col(Event.entry_id).in_(ids))).scalars()
    return {event.entry_id: event for event in rows}


def events_with_entries(
    session: Session, visible: ColumnElement[bool], *, starts_before: datetime | None = None
) -> list[tuple[Entry, Event]]:
    """Visible events with a start, by start then ID; ``starts_before`` drops those that begin later."""
    query = (
        select(Entry, Event)
        .join(Event, col(Event.entry_id) == col(Entry.id))
        .where(col(Entry.type) == EVENT_TYPE, visible, col(Event.starts_at).is_not(None))
        .order_by(col(Event.starts_at), col(Entry.id))
    )
    if starts_before is not None:
        query = query.where(col(Event.starts_at) < starts_before)
    return [(entry, event) for entry, event in session.execute(query)]
