"""`vellum demo` loads the bundled knowledge hub: every item, its media files and its events."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from app.content.models import Entry
from app.events.models import Event
from app.media.models import Attachment
from tests.importers.wxr.cli import vellum


def test_demo_imports_the_bundled_site_without_serving(session: Session) -> None:
    code, output = vellum("demo", "--no-serve")

    assert code == 0, output
    assert session.scalar(select(func.count()).select_from(Entry)) == 56
    attachments = session.exec(select(Attachment)).all()
    assert attachments
    assert all(attachment.is_stored for attachment in attachments)
    events = session.exec(select(Event)).all()
    assert len(events) == 5
    assert all(event.starts_at is not None for event in events)
    vision = session.exec(select(Entry).where(Entry.slug == "vision-and-mission")).first()
    assert vision is not None
    assert vision.type == "page"
