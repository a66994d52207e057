"""Site options (what WordPress keeps in ``wp_options``), with Vellum's settings as defaults."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.content.site_changes import changed
from app.core.settings import get_settings
from app.options.models import Option

# The options get_permalink() reads: writing one changes the links rendered content shows (a gallery's
# links to its attachments' pages), so those entries render again ("links" in app.content.render_refs).
LINK_OPTIONS = frozenset({"permalink_structure", "category_base", "tag_base", "show_on_front", "page_on_front"})

# WordPress's defaults for a fresh install (``populate_options``), used until an import sets them.
WORDPRESS_DEFAULTS: dict[str, Any] = {
    "timezone_string": "",
    "gmt_offset": 0,
    "date_format": "F j, Y",
    "time_format": "g:i a",
    "start_of_week": 1,
    "permalink_structure": "/%year%/%monthnum%/%day%/%postname%/",
    "posts_per_page": 10,
    "default_category": 1,
    "show_on_front": "posts",
    "page_on_front": 0,
    "page_for_posts": 0,
    "nav_menu_locations": {},
    "sticky_posts": [],
}


def defaults() -> dict[str, Any]:
    settings = get_settings()
    return {
        **WORDPRESS_DEFAULTS,
        "blogname": settings.site_title,
        "blogdescription": settings.site_description,
        "home": settings.site_url,
        "siteurl": settings.site_url,
    }


def get_option(session: Session, name: str, default: Any = None) -> Any:
    """One option's value, WordPress's default for it, or ``default``."""
    option = session.get(Option, name)
    if option is not None:
        return option.value
    return defaults().get(name, default)


def get_options(session: Session, names: Iterable[str]) -> dict[str, Any]:
    """Several options in one query, defaults filled in."""
    wanted = list(names)
    stored = {row.name: row.value for row in session.scalars(select(Option).where(col(Option.name).in_(wanted)))}
    fallback = defaults()
    return {name: stored[name] if name in stored else fallback.get(name) for name in wanted}


def set_option(session: Session, name: str, value: Any) -> None:
    option = session.get(Option, name)
    if option is None:
        session.add(Option(name=name, value=value))
    else:
        option.value = value
    session.flush()
    changed(session, "options", *(("links",) if name in LINK_OPTIONS else ()))


def delete_option(session: Session, name: str) -> None:
    option = session.get(Option, name)
    if option is not None:
        session.delete(option)
        session.flush()
        changed(session, "options", *(("links",) if name in LINK_OPTIONS else ()))
