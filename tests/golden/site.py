"""The golden captures' side of a replay: which capture, how Vellum builds the same site, whose IDs are whose.

A :class:`Site` names one golden capture (``compat/<name>``: one JSON file per request, see its
README), how to import the same content into Vellum, and where WordPress numbered things
differently; :func:`build_id_map` maps the capture's users, terms and comments onto ours.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import Engine, text

from app.core.settings import get_settings
from tests.golden.content import ContentSource, MediaFiles, our_media_files
from tests.shared import SHARED

COMPAT = SHARED / "compat"
# An item of a list in a field path (``[id=5].title``), and the innermost one with the rest of the path.
ITEM = re.compile(r"\[id=\d+\]")
_INNERMOST_ITEM = re.compile(r"^.*\[id=(\d+)\]\.(.*)$")


def _no_item(number: int | None) -> int | None:
    return number


@dataclass(frozen=True)
class Site:
    """One golden capture and how to build the same site in Vellum."""

    name: str  # folder under compat/
    export: Path  # the WXR WordPress imported
    import_args: tuple[str | Path, ...] = ()  # further `vellum import wxr` options (uploads, events)
    config: str = ""  # vellum.toml: the site's post type and taxonomy registrations
    options: Mapping[str, str] = field(default_factory=dict)  # site settings its export does not carry
    renumbered_posts: Mapping[int, int] = field(default_factory=dict)  # golden post ID -> export ID
    # golden comment ID -> export ID, for comments no anonymous answer shows (spam, pingbacks: parents of some)
    renumbered_comments: Mapping[int, int] = field(default_factory=dict)
    post_bases: tuple[str, ...] = ("posts", "pages", "media")  # REST bases whose IDs are posts
    term_bases: Mapping[str, str] = field(default_factory=lambda: {"categories": "category", "tags": "post_tag"})
    excluded: Mapping[str, str] = field(default_factory=dict)  # file name pattern -> why it is not replayed
    # file name pattern -> title of a tally of its own (for answers that describe what a read-only API
    # does not offer, such as WordPress's write and editor routes in the index); OPTIONS always go apart
    apart: Mapping[str, str] = field(default_factory=dict)
    # (kind, golden IDs) of objects whose order WordPress leaves to the database (README: "ties"); a list of IDs
    # that differs from ours only by the order of one of these groups counts as equal
    ties: tuple[tuple[str, frozenset[int]], ...] = ()
    # golden post IDs the capture's site changed after its export (README): their fields, wherever they are
    # listed, are not compared, nor their content; single answers about them are best excluded by name
    edited_posts: frozenset[int] = frozenset()
    # field path pattern (regular expression over the path without item IDs, e.g. ``(\[\*\]\.)?modified$``)
    # -> title of a tally of its own: differences the site's README explains, still counted and shown
    apart_fields: Mapping[str, str] = field(default_factory=dict)
    # golden post ID -> {field path within that item (a prefix: "media_details.sizes" covers what is under it)
    # -> title of a tally of its own}: fields of single items that the capture's site made itself (README),
    # still counted and shown, wherever the item appears (lists, single answers, ``_embedded``)
    apart_item_fields: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    # The files of the capture's attachments as its WordPress named them (tests/golden/content.py): in content,
    # each is mapped to our name for the same attachment and size
    media_files: MediaFiles = field(default_factory=dict)
    # attachment ID -> names of its files in the export's metadata that the capture's WordPress stored under
    # others: what WordPress decided from the metadata about an image showing one is left out (content.py)
    renamed_files: Mapping[int, frozenset[str]] = field(default_factory=dict)
    # golden post ID -> another capture its content is compared with, and why (tests/golden/content.py)
    content_sources: Mapping[int, ContentSource] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return COMPAT / self.name

    def available(self) -> bool:
        return (self.folder / "_manifest.json").is_file() and self.export.is_file()

    def kind_of_route(self, request: str) -> str:
        """The kind of the top-level objects a request's route answers with, or "" (search: by shape)."""
        resource = resource_of(request).removesuffix("?_embed")
        if resource in self.term_bases:
            return "term"
        if resource in self.post_bases:
            return "post"
        return {"users": "user", "comments": "comment"}.get(resource, "")

    def require(self) -> None:
        if not self.available():
            pytest.skip(f"the shared golden capture {self.name} or its export is not beside the repository")

    @cached_property
    def host(self) -> str:
        return str(json.loads((self.folder / "_meta.json").read_text())["base_url"])

    @cached_property
    def manifest(self) -> dict[str, dict[str, Any]]:
        return dict(json.loads((self.folder / "_manifest.json").read_text()))

    def load(self, name: str) -> dict[str, Any]:
        return dict(json.loads((self.folder / name).read_text()))

    def exclusion(self, name: str) -> str | None:
        """Why ``name`` is not replayed, or None."""
        return next((why for pattern, why in self.excluded.items() if fnmatch.fnmatchcase(name, pattern)), None)

    def field_tally_title(self, path: str, golden_item: Callable[[int | None], int | None] = _no_item) -> str | None:
        """The tally of its own a field of a ``values`` answer counts in, or None.

        ``golden_item(number)`` is the golden ID of the item numbered so in ``path``, or (None) of the single
        answer's item.
        """
        kind = ITEM.sub("[*]", path)
        title = next((title for pattern, title in self.apart_fields.items() if re.fullmatch(pattern, kind)), None)
        if title is not None or not self.apart_item_fields:
            return title
        owner = _INNERMOST_ITEM.match(path)  # the innermost item the field belongs to
        item = golden_item(int(owner.group(1)) if owner is not None else None)
        within = owner.group(2) if owner is not None else path
        for prefix, title in self.apart_item_fields.get(item, {}).items() if item is not None else ():
            if within == prefix or within.startswith((prefix + ".", prefix + "[")):
                return title
        return None

    def tally_title(self, name: str) -> str:
        """Which tally a request counts in: ``values``, ``OPTIONS`` or one the site keeps apart."""
        if self.manifest[name]["method"] == "OPTIONS":
            return "OPTIONS"
        return next((title for pattern, title in self.apart.items() if fnmatch.fnmatchcase(name, pattern)), "values")

    def anonymous_requests(self) -> list[str]:
        """Every anonymous request of the manifest that the site does not exclude."""
        return sorted(
            name for name, entry in self.manifest.items() if not entry["auth"] and self.exclusion(name) is None
        )


@dataclass(slots=True)
class IdMap:
    """Golden IDs to ours, per kind; an ID missing from a table is the same on both sides."""

    posts: dict[int, int] = field(default_factory=dict)
    users: dict[int, int] = field(default_factory=dict)
    terms: dict[int, int] = field(default_factory=dict)
    comments: dict[int, int] = field(default_factory=dict)
    media: dict[int, dict[str, str]] = field(default_factory=dict)  # our attachments' files (content.py)

    def table(self, kind: str) -> dict[int, int]:
        return {"post": self.posts, "user": self.users, "term": self.terms, "comment": self.comments}[kind]


def build_id_map(site: Site, engine: Engine) -> IdMap:
    """Posts from the site's renumbering; users by slug, terms by taxonomy and slug, comments by post, date, author."""
    ids = IdMap(posts=dict(site.renumbered_posts), comments=dict(site.renumbered_comments))
    ids.media = our_media_files(engine, get_settings().site_url)
    with engine.connect() as connection:
        users = {str(slug): int(key) for slug, key in connection.execute(text("SELECT nicename, id FROM users"))}
        terms = {
            (str(taxonomy), str(slug)): int(key)
            for taxonomy, slug, key in connection.execute(text("SELECT taxonomy, slug, id FROM terms"))
        }
        comments = {
            (int(post), str(date).replace(" ", "T")[:19], str(name)): int(key)
            for post, date, name, key in connection.execute(
                text("SELECT entry_id, date, author_name, id FROM comments")
            )
        }
    for kind, item in _golden_objects(site):
        if kind == "user" and item.get("slug") in users:
            ids.users[item["id"]] = users[item["slug"]]
        elif kind == "term" and (item.get("taxonomy"), item.get("slug")) in terms:
            ids.terms[item["id"]] = terms[(item["taxonomy"], item["slug"])]
        elif kind == "comment" and "post" in item:  # embedded replies name no post
            key = (ids.posts.get(item["post"], item["post"]), item["date"], item["author_name"])
            if key in comments:
                ids.comments[item["id"]] = comments[key]
    # WordPress's own users that the export does not carry (its installing admin): an ID no user of ours
    # has, so that they cannot be taken for the user of ours that happens to have their number.
    for kind, item in _golden_objects(site):
        if kind == "user" and item["id"] not in ids.users:
            ids.users[item["id"]] = -item["id"]
    return ids


def _golden_objects(site: Site) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every user, term and comment object in the capture's anonymous GET answers."""
    for name, entry in site.manifest.items():
        if entry["method"] != "GET" or entry["auth"] or site.exclusion(name) is not None:
            continue
        expected = site.load(name)
        yield from _objects(expected["body"], site.kind_of_route(expected["request"]))


def _objects(value: Any, hint: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Objects with an ID; ``hint`` is the kind of the top-level ones (their route's), if known."""
    if isinstance(value, dict):
        if isinstance(value.get("id"), int):
            yield kind_of(value, hint), value
        for item in value.values():
            yield from _objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from _objects(item, hint)


def kind_of(item: Mapping[str, Any], hint: str = "") -> str:
    """What an object with an ``id`` is: ``hint`` (its route's kind) if given, else by its shape.

    The shape is the same in lists, single answers and ``_embedded``, except in ``_fields`` answers,
    which keep only some keys: their kind comes from the route (``hint``).
    """
    if hint:
        return hint
    if "author_name" in item:
        return "comment"
    if "taxonomy" in item:
        return "term"
    if "url" in item and isinstance(item.get("title"), str):  # a /wp/v2/search result: posts name a subtype
        return "post" if "subtype" in item else "term"
    if "avatar_urls" in item:
        return "user"
    return "post"


def resource_of(request: str) -> str:
    """``/wp-json/wp/v2/posts/5?_embed`` -> ``posts?_embed``; ``/?rest_route=/wp/v2/users`` -> ``users``."""
    parts = urlsplit(request)
    query = parse_qs(parts.query, keep_blank_values=True)
    route = query.pop("rest_route", [parts.path.removeprefix("/wp-json")])[0]
    segments = [segment for segment in route.split("/") if segment]
    name = segments[2] if segments[:2] == ["wp", "v2"] and len(segments) > 2 else "/".join(segments[:2]) or "/"
    return f"{name}?_embed" if "_embed" in query else name
