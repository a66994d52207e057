"""Permalinks as WordPress's ``get_permalink`` builds them from the site's options."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from app.content.models import Entry
from app.content.queries import EntryRelations
from app.content.registry_config.model import Rewrite
from app.content.registry_config.registry import declared_post_type
from app.options.service import get_options

# get_permalink falls back to the plain query link for entries that are not public yet, and for trashed ones
# (wp_force_plain_post_permalink: a status neither public nor private gets the plain link).
_UNPUBLISHED = frozenset({"draft", "pending", "auto-draft", "future", "trash"})
_SITE_OPTIONS = ("home", "permalink_structure", "show_on_front", "page_on_front", "gmt_offset")


@dataclass(frozen=True, slots=True)
class Site:
    """The options links and dates depend on, read once per request."""

    home: str
    permalink_structure: str
    show_on_front: str = "posts"
    page_on_front: int = 0
    gmt_offset: float = 0.0

    @property
    def rest_root(self) -> str:
        return f"{self.home}/wp-json/"

    @property
    def front(self) -> str:
        """``WP_Rewrite::$front``: the structure's static start before its first tag (``/`` or ``/blog/``)."""
        structure = self.permalink_structure
        return structure[: structure.index("%")] if "%" in structure else "/"

    def extra_permastruct(self, rewrite: Rewrite, slug: str, path: str) -> str:
        """A custom type's or taxonomy's pretty link: ``{front}{slug}/{path}`` under home, slashed as the site is."""
        start = self.front if rewrite.with_front else "/"
        return self.trailing(f"{self.home}/{(start + slug).lstrip('/')}/{path}")

    def trailing(self, path: str) -> str:
        """``user_trailingslashit``: the structure decides whether links end in a slash."""
        path = path.rstrip("/")
        return path + "/" if self.permalink_structure.endswith("/") else path


def load_site(session: Session) -> Site:
    """The site's link and time options in one query."""
    options = get_options(session, _SITE_OPTIONS)
    return Site(
        home=str(options["home"]).rstrip("/"),
        permalink_structure=str(options["permalink_structure"] or ""),
        show_on_front=str(options["show_on_front"] or "posts"),
        page_on_front=_as_int(options["page_on_front"]),
        gmt_offset=_as_float(options["gmt_offset"]),
    )


def _as_int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


def _as_float(value: object) -> float:
    try:
        return float(str(value or 0))
    except ValueError:
        return 0.0


def gmt_from_local(site: Site, local: datetime | None) -> datetime | None:
    """``get_gmt_from_date`` with the site's fixed offset, for rows that never got a GMT date."""
    return None if local is None else local - timedelta(hours=site.gmt_offset)


def permalink(entry: Entry, site: Site, relations: EntryRelations) -> str:
    """The public URL of ``entry``."""
    if entry.status in _UNPUBLISHED:
        return _plain_link(entry, site)
    if entry.type == "page":
        return _page_link(entry, site, relations)
    if entry.type == "post":
        return _post_link(entry, site, relations)
    return _custom_link(entry, site, relations)


def _custom_link(entry: Entry, site: Site, relations: EntryRelations) -> str:
    """``get_post_permalink``: the type's rewrite slug and the item's slug (its ancestors' first if it nests)."""
    registration = declared_post_type(entry.type)
    if registration is None or not registration.public:
        return _plain_link(entry, site)
    slug = entry.slug
    if registration.hierarchical:
        slug = "/".join([ancestor.slug for ancestor in reversed(relations.ancestors(entry))] + [entry.slug])
    if not site.permalink_structure or registration.rewrite is None or registration.rewrite_slug is None:
        # Without rewrite rules the type's query variable (its name) names the item.
        return f"{site.home}/?{entry.type}={slug}"
    return site.extra_permastruct(registration.rewrite, registration.rewrite_slug, slug)


def _plain_link(entry: Entry, site: Site) -> str:
    if entry.type == "post":
        return f"{site.home}/?p={entry.id}"
    if entry.type == "page":
        return f"{site.home}/?page_id={entry.id}"
    return f"{site.home}/?post_type={entry.type}&p={entry.id}"


def attachment_parent_link(entry: Entry, site: Site, relations: EntryRelations) -> str:
    """The link ``get_attachment_link`` builds under: a page's own path even when it is the front page."""
    # get_attachment_link() calls _get_page_link() for a page parent, which ignores page_on_front.
    if entry.type == "page" and entry.status not in _UNPUBLISHED:
        return _page_path_link(entry, site, relations)
    return permalink(entry, site, relations)


def _page_link(entry: Entry, site: Site, relations: EntryRelations) -> str:
    if site.show_on_front == "page" and site.page_on_front == entry.id:
        return f"{site.home}/"
    return _page_path_link(entry, site, relations)


def _page_path_link(entry: Entry, site: Site, relations: EntryRelations) -> str:
    if not site.permalink_structure:
        return _plain_link(entry, site)
    # get_page_uri: the ancestors' slugs, outermost first.
    slugs = [ancestor.slug for ancestor in reversed(relations.ancestors(entry))] + [entry.slug]
    return site.trailing(f"{site.home}/{'/'.join(slugs)}")


def _post_link(entry: Entry, site: Site, relations: EntryRelations) -> str:
    if not site.permalink_structure:
        return _plain_link(entry, site)
    date = entry.date or datetime(1970, 1, 1)
    tags = {
        "%year%": f"{date.year:04d}",
        "%monthnum%": f"{date.month:02d}",
        "%day%": f"{date.day:02d}",
        "%hour%": f"{date.hour:02d}",
        "%minute%": f"{date.minute:02d}",
        "%second%": f"{date.second:02d}",
        "%postname%": entry.slug,
        "%post_id%": str(entry.id),
        "%category%": _category_slug(entry, relations),
        "%author%": relations.author_slugs.get(entry.author_id or 0, ""),
    }
    path = site.permalink_structure
    for tag, value in tags.items():
        path = path.replace(tag, value)
    return site.home + path


def _category_slug(entry: Entry, relations: EntryRelations) -> str:
    # get_permalink picks the category with the lowest term ID.
    categories = sorted(
        (term for term in relations.terms.get(int(entry.id or 0), []) if term.taxonomy == "category"),
        key=lambda term: term.id,
    )
    return categories[0].slug if categories else "uncategorized"
