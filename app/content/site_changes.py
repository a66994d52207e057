"""What the comment, term and option services call after a write, for the listing blocks that show them.

Imported lazily by those services: rendering reads options and terms, so a module-level import would
be circular. The work is in :func:`app.content.rendering.site_data_changed`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session


def changed(session: Session, *keys: str) -> None:
    """``keys`` ("comments", "terms", "options", "links") were written through ``session``."""
    from app.content.rendering import site_data_changed

    site_data_changed(session, set(keys))
