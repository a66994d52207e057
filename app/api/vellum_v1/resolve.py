"""``/wp-json/vellum/v1/resolve?path=``: which entry an address of the site means, or where it moved.

A front end migrating from WordPress asks with the path a visitor requested. The entry's current
permalink answers 200 with the entry in its wp/v2 shape; an address the entry had on the old site
(its link, guid, attachment URL or an old slug) answers 301 to the current permalink; anything else,
and anything the caller may not read, is a 404.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Query, Response
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.api.caching import http_date
from app.api.deps import CallerDep, SessionDep
from app.api.errors import problem
from app.api.responses import OrjsonResponse
from app.api.wp_v2.extensions import load_post_extras
from app.api.wp_v2.post_serializer import RenderRequest, serialize_post
from app.api.wp_v2.post_types import POST_TYPES, ROUTE_BASES, PostTypeSpec
from app.api.wp_v2.registry import Arg, RestRoute, register
from app.auth.permissions import PUBLIC_POST_TYPES, Caller, can_read
from app.content.models import Entry, OldUrl
from app.content.permalinks import Site, load_site, permalink
from app.content.queries import EntryRelations, load_relations
from app.content.registry_config.registry import current_site_config, declared_post_type

router = APIRouter()

# Taxonomies a permalink can depend on (%category%) or the serializer shows.
_TAXONOMIES = ("category", "post_tag", "post_format")
# Query variables that name an entry by ID on a site without pretty links (WP::parse_request).
_ID_VARS = ("p", "page_id", "attachment_id")
# Old addresses in the order they are trusted: the old permalink first, then the guid, then the file.
_URL_KINDS = ("link", "guid", "attachment_url")
_MAX_CANDIDATES = 50
# Public types whose links are /{rewrite slug}/{slug}/; their old slugs are looked up among their own type.
_CUSTOM_TYPES = PUBLIC_POST_TYPES - {"post", "page", "attachment"}
_BUILT_IN = frozenset({"post", "page", "attachment"})
# Permalink structure tags that carry the post date, as wp_old_slug_redirect narrows by them.
_DATE_TAGS = {"%year%": r"(?P<year>\d{4})", "%monthnum%": r"(?P<monthnum>\d{1,2})", "%day%": r"(?P<day>\d{1,2})"}


@dataclass(frozen=True, slots=True)
class Address:
    """A requested address: its path and query, as the old site's links are stored."""

    path: str
    query: str

    @property
    def value(self) -> str:
        return f"{self.path}?{self.query}" if self.query else self.path

    @property
    def slug(self) -> str:
        """The last path segment: ``wp_old_slug_redirect`` compares it with old slugs."""
        return self.path.rstrip("/").rsplit("/", 1)[-1]

    def variants(self) -> list[str]:
        """The address as given and with its trailing slash toggled (``redirect_canonical`` adds it)."""
        path = self.path[:-1] if self.path.endswith("/") and self.path != "/" else self.path + "/"
        other = f"{path}?{self.query}" if self.query else path
        return [self.value, other]

    def entry_ids(self) -> list[int]:
        """IDs the query names (``?p=``, ``?page_id=``, ``?attachment_id=``)."""
        values = parse_qs(self.query)
        return [int(value) for name in _ID_VARS for value in values.get(name, []) if value.isdigit()]

    def numbers(self) -> list[int]:
        """Numeric path segments: a structure with ``%post_id%`` puts the ID there."""
        return [int(segment) for segment in self.path.split("/") if segment.isdigit()]


def parse_address(raw: str) -> Address:
    """The path and query of ``raw``, which may be a full URL; a path always starts with ``/``."""
    parts = urlsplit(raw.strip())
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    return Address(path=path, query=parts.query)


@dataclass(frozen=True, slots=True)
class Resolution:
    """The entry an address means; ``is_current`` when the address is its permalink as it is now."""

    entry: Entry
    link: str
    is_current: bool


class Resolver:
    """Looks an address up for one caller against one site's permalinks."""

    def __init__(self, session: Session, site: Site, caller: Caller) -> None:
        self.session = session
        self.site = site
        self.caller = caller

    def resolve(self, address: Address) -> Resolution | None:
        """Current permalink first, then old links, guids and files, then old slugs."""
        return self._current(address) or self._old_url(address) or self._old_slug(address)

    def _current(self, address: Address) -> Resolution | None:
        conditions = [col(Entry.slug) == address.slug] if address.slug else []
        if address.entry_ids() or address.numbers():
            conditions.append(col(Entry.id).in_(address.entry_ids() + address.numbers()))
        if self.site.show_on_front == "page" and self.site.page_on_front and address.path == "/":
            conditions.append(col(Entry.id) == self.site.page_on_front)
        if not conditions:
            return None
        candidates = self._entries(or_(*conditions))
        relations = load_relations(self.session, candidates, _TAXONOMIES)
        by_id = [entry for entry in candidates if entry.id in address.entry_ids()]
        return self._matching(candidates, relations, address) or self._moved(by_id, relations)

    def _matching(self, entries: Sequence[Entry], relations: EntryRelations, address: Address) -> Resolution | None:
        exact, toggled = address.variants()
        for entry in entries:
            link = permalink(entry, self.site, relations)
            current = parse_address(link).value
            if current == exact:
                return Resolution(entry, link, is_current=True)
            if current == toggled:
                return Resolution(entry, link, is_current=False)
        return None

    def _moved(self, entries: Sequence[Entry], relations: EntryRelations) -> Resolution | None:
        if not entries:
            return None
        return Resolution(entries[0], permalink(entries[0], self.site, relations), is_current=False)

    def _old_url(self, address: Address) -> Resolution | None:
        rows = self.session.execute(
            select(col(OldUrl.entry_id), col(OldUrl.kind))
            .where(col(OldUrl.kind).in_(_URL_KINDS), col(OldUrl.value).in_(address.variants()))
            .limit(_MAX_CANDIDATES)
        ).all()
        ranked = sorted(rows, key=lambda row: (_URL_KINDS.index(row.kind), row.entry_id))
        return self._first_redirect([int(row.entry_id) for row in ranked])

    def _old_slug(self, address: Address) -> Resolution | None:
        """``wp_old_slug_redirect``: the last segment among old slugs of the same post type (and date)."""
        if not address.slug:
            return None
        post_type = self._post_type_of(address)
        query = (
            select(col(Entry.id))
            .join(OldUrl, col(OldUrl.entry_id) == col(Entry.id))
            .where(col(OldUrl.kind) == "old_slug", col(OldUrl.value) == address.slug, col(Entry.type) == post_type)
            .order_by(col(Entry.id).desc())
            .limit(_MAX_CANDIDATES)
        )
        ids = [int(entry_id or 0) for entry_id in self.session.scalars(query)]
        date = _date_parts(self.site.permalink_structure, address.path) if post_type == "post" else {}
        return self._first_redirect(ids, date)

    def _post_type_of(self, address: Address) -> str:
        # A custom post type's links start with its rewrite slug (get_post_permalink); everything else is a post.
        path = address.path.strip("/") + "/"
        configured = {item.name for item in current_site_config().post_types}
        for name in sorted((_CUSTOM_TYPES | configured) - _BUILT_IN):
            registration = declared_post_type(name)
            if registration is None or registration.rewrite is None:
                continue
            front = self.site.front if registration.rewrite.with_front else "/"
            prefixes = {f"{front}{registration.rewrite_slug}/".lstrip("/"), f"{name}/"}
            if any(path.startswith(prefix) for prefix in prefixes):
                return name
        return "post"

    def _first_redirect(self, ids: Sequence[int], date: dict[str, int] | None = None) -> Resolution | None:
        if not ids:
            return None
        by_id = {entry.id: entry for entry in self._entries(col(Entry.id).in_(list(ids)))}
        entries = [by_id[entry_id] for entry_id in ids if entry_id in by_id and _on_date(by_id[entry_id], date)]
        return self._moved(entries, load_relations(self.session, entries, _TAXONOMIES))

    def _entries(self, condition: ColumnElement[bool]) -> list[Entry]:
        """Entries meeting ``condition`` that the caller may read, attachments through their parent."""
        query = select(Entry).where(condition).order_by(col(Entry.id)).limit(_MAX_CANDIDATES)
        entries = list(self.session.scalars(query))
        parents = {entry.parent_id for entry in entries if entry.status == "inherit" and entry.parent_id}
        loaded = {parent.id: parent for parent in self.session.scalars(select(Entry).where(col(Entry.id).in_(parents)))}
        return [entry for entry in entries if can_read(entry, self.caller, parent=loaded.get(entry.parent_id))]


def _date_parts(structure: str, path: str) -> dict[str, int]:
    """The year, month and day the address names where the structure puts them (``_find_post_by_old_slug``)."""
    pattern = re.escape(structure.rstrip("/"))
    for tag, group in _DATE_TAGS.items():
        pattern = pattern.replace(re.escape(tag), group)
    pattern = re.sub(r"%[a-z_]+%", "[^/]+", pattern)
    match = re.fullmatch(pattern + "/?", path)
    return {name: int(value) for name, value in match.groupdict().items()} if match else {}


def _on_date(entry: Entry, date: dict[str, int] | None) -> bool:
    if not date or entry.date is None:
        return True
    actual = {"year": entry.date.year, "monthnum": entry.date.month, "day": entry.date.day}
    return all(actual[name] == value for name, value in date.items())


def _spec_for(post_type: str) -> PostTypeSpec:
    """The wp/v2 controller's spec for the type; types it does not serve get a plain one."""
    for spec in POST_TYPES:
        if spec.name == post_type:
            return spec
    return PostTypeSpec(post_type, ROUTE_BASES.get(post_type, post_type))


def _found(session: Session, resolution: Resolution, site: Site, caller: Caller) -> Response:
    spec = _spec_for(resolution.entry.type)
    relations = load_relations(session, [resolution.entry], spec.all_taxonomies)
    # The same item as /wp/v2 answers, extra fields (acf, event) included.
    extras = load_post_extras(session, [resolution.entry], caller, with_blocks=False)
    render = RenderRequest(spec=spec, site=site, caller=caller, extra_fields=extras.fields)
    data = serialize_post(resolution.entry, relations, render)
    response = OrjsonResponse(data)
    response.headers["Link"] = f'<{resolution.link}>; rel="alternate"; type=text/html'
    modified = resolution.entry.modified_gmt
    if modified is not None:
        response.headers["Last-Modified"] = http_date(modified)
    return response


def _moved_response(resolution: Resolution) -> Response:
    entry = resolution.entry
    body = {"id": entry.id, "type": entry.type, "link": resolution.link}
    return OrjsonResponse(body, status_code=301, headers={"Location": resolution.link})


_PATH_DESCRIPTION = "A path on the site with its query: /2017/05/a-slug/"


@router.get("/wp-json/vellum/v1/resolve", name="resolve_path")
def resolve_path(
    session: SessionDep,
    caller: CallerDep,
    path: Annotated[str, Query(min_length=1, description=_PATH_DESCRIPTION)],
) -> Response:
    """The entry at ``path`` in its wp/v2 shape, a 301 to where it moved, or a 404 problem."""
    site = load_site(session)
    resolution = Resolver(session, site, caller).resolve(parse_address(path))
    if resolution is None:
        return problem("Not Found", 404, code="vellum_path_not_found", detail=f"Nothing is published at {path}.")
    if resolution.is_current:
        return _found(session, resolution, site, caller)
    return _moved_response(resolution)


_PATH_ARG = Arg({"description": _PATH_DESCRIPTION, "type": "string", "minLength": 1}, required=True)
register(RestRoute("/vellum/v1/resolve", {"path": _PATH_ARG}))
