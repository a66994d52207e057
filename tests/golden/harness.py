"""Replay what a real WordPress 6.1 answered against a running Vellum, and compare field by field.

A :class:`Site` names one golden capture (``compat/<name>``: one JSON file per request, see its
README), how to import the same content into Vellum, and where WordPress numbered things
differently. :func:`replay` sends every anonymous request of the capture's ``_manifest.json`` to a
real server, maps the golden host and golden IDs onto ours, and counts

* **values**: the status, the headers WordPress sends (:data:`COMPARED_HEADERS`) and every leaf of
  the body except ``content.rendered``;
* **fields**: every golden leaf present in our answer with the same JSON type;
* **content**: ``content.rendered`` of each post, whitespace-normalised, counted once per post, from
  the answer that shows it best (:data:`CONTENT_RANKS`): its single-item answer where the capture has
  one, else a list whose posts are ours in our order (a list carries request state, such as the
  gallery counters of the posts rendered before, that depends on that order), else any list of ours
  that holds it. Which posts a list holds, and in what order, is a value compared on its own
  (``[ids]``); it is not counted again as a content difference.

``OPTIONS`` requests are tallied apart. Nothing is normalised away except WordPress's renumbering
and the host; what the capture's README calls nondeterministic is excluded by the site, with why.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from app.core.settings import get_settings
from app.options.service import set_option
from tests.golden.content import (
    ContentSource,
    FileNames,
    MediaFiles,
    answered_media_files,
    base_url,
    our_media_files,
    single_answer_content,
    without_renamed_decisions,
)
from tests.importers.wxr.cli import vellum
from tests.shared import SHARED

COMPAT = SHARED / "compat"
COMPARED_HEADERS = (
    "Content-Type", "X-WP-Total", "X-WP-TotalPages", "Link", "Allow", "Access-Control-Expose-Headers",
    "Access-Control-Allow-Headers", "Vary", "X-Content-Type-Options", "X-Robots-Tag",
)  # fmt: skip
# Vellum's additions (app/api/wp_v2/extensions.py): WordPress without ACF's REST integration has none.
EXTENSION_FIELDS = frozenset({"acf", "blocks", "event"})
ABSENT = "<absent>"
_WHITESPACE = re.compile(r"\s+")
_ITEM = re.compile(r"\[id=\d+\]")
_INNERMOST_ITEM = re.compile(r"^.*\[id=(\d+)\]\.(.*)$")
_CONTENT_PATH = re.compile(r"^(?:\[id=(\d+)\]\.)?content\.rendered$")
# Which answer a post's content is compared in, best first: (rank, what it is).
CONTENT_RANKS = {3: "single answer", 2: "list in our order", 1: "list in another order", 0: "list without it"}


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
        kind = _ITEM.sub("[*]", path)
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


@dataclass(slots=True)
class Mapper:
    """Golden JSON and URLs with our host and our IDs."""

    site: Site
    ids: IdMap
    host: str
    _urls: re.Pattern[str] = field(init=False)
    _url_kinds: list[str] = field(init=False)
    _files: FileNames = field(init=False)
    # Posts (our IDs) whose content was equal only without what WordPress decided from renamed files.
    renamed_equal: set[int] = field(init=False, default_factory=set)

    def __post_init__(self) -> None:
        posts, terms = "|".join(map(re.escape, self.site.post_bases)), "|".join(map(re.escape, self.site.term_bases))
        prefixes = [  # one pass over all of them, so that no ID is mapped twice
            (r"/wp/v2/comments/|/wp/v2/comments\?parent=|#comment-", "comment"),
            (rf"/wp/v2/(?:{posts})/|[?&](?:post|parent)=", "post"),
            (r"/wp/v2/users/", "user"),
            (rf"/wp/v2/(?:{terms})/|[?&](?:{terms})(?:%5B0%5D)?=", "term"),
        ]
        self._urls = re.compile("|".join(f"({prefix})(\\d+)" for prefix, _ in prefixes))
        self._url_kinds = [kind for _, kind in prefixes]
        self._files = FileNames(self.ids.media, self.host)

    def content(self, post: int, want: str, got: str) -> tuple[str, str]:
        """A post's content as WordPress rendered it (mapped) and ours, as :mod:`tests.golden.content` compares them."""
        golden = self.golden_post(post) or post
        source = self.site.content_sources.get(golden)
        if source is None:
            want = self._files.rename(self.site.folder, self.site.media_files, self.site.host, want)
            left_want, left_got = (without_renamed_decisions(html, self.site.renamed_files) for html in (want, got))
            if want != got and left_want == left_got:
                self.renamed_equal.add(post)
            return left_want, left_got
        folder = COMPAT / source.folder
        other = single_answer_content(folder, golden, self.site.post_bases)
        other = self.url(other.replace(base_url(folder), self.site.host))  # our host and IDs
        want = self._files.rename(folder, answered_media_files(folder), base_url(folder), other)
        return source.normalise(normalise_html(want)), source.normalise(got)

    def golden_post(self, ours: Any) -> int | None:
        """The golden ID of one of our posts (the inverse of the site's renumbering)."""
        if not isinstance(ours, int):
            return None
        return next((golden for golden, mine in self.ids.posts.items() if mine == ours), ours)

    def url(self, value: str) -> str:
        return self._urls.sub(self._mapped_url_id, value.replace(self.site.host, self.host))

    def _mapped_url_id(self, match: re.Match[str]) -> str:
        for index, kind in enumerate(self._url_kinds):
            prefix = match.group(2 * index + 1)
            if prefix is not None:
                number = int(match.group(2 * index + 2))
                return prefix + str(self.ids.table(kind).get(number, number))
        raise AssertionError(match.group(0))

    def untied(self, want: Any, got: Any) -> Any:
        """``got``, or ``want`` if the two lists of IDs differ only in the order of a group the site calls tied."""
        if not (isinstance(want, list) and isinstance(got, list)) or want == got or len(want) != len(got):
            return got
        if not all(isinstance(number, int) for number in [*want, *got]):
            return got
        groups = [{self.ids.table(kind).get(number, number) for number in tie} for kind, tie in self.site.ties]
        for wanted, ours in zip(want, got, strict=True):
            if wanted != ours and not any(wanted in group and ours in group for group in groups):
                return got
        return want

    def body(self, value: Any, hint: str = "") -> Any:
        """``value`` mapped; ``hint`` is the kind of the top-level objects (their route's), if known."""
        if isinstance(value, dict):
            holder = kind_of(value, hint) if "id" in value else ""
            return {key: self._field(holder, key, item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.body(item, hint) for item in value]
        if isinstance(value, str):
            return self.url(value)
        return value

    def _field(self, holder: str, key: str, value: Any) -> Any:
        target = _REFERENCES.get(holder, {}).get(key)
        if holder == "post" and key in self.site.term_bases:
            target = "term"
        if target is not None and isinstance(value, int) and not isinstance(value, bool):
            return self.ids.table(target).get(value, value)
        if target == "term" and isinstance(value, list):
            return [self.ids.terms.get(item, item) if isinstance(item, int) else item for item in value]
        return self.body(value)


# Which fields of each kind of object hold the ID of what.
_REFERENCES: dict[str, dict[str, str]] = {
    "post": {"id": "post", "parent": "post", "author": "user", "featured_media": "post", "post": "post"},
    "comment": {"id": "comment", "parent": "comment", "post": "post", "author": "user"},
    "term": {"id": "term", "parent": "term"},
    "user": {"id": "user"},
}


def flatten(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Leaf values by path (Vellum's extra fields left out); collection items are keyed by their ID."""
    if isinstance(value, dict):
        if not value:
            yield path, {}
        for name, item in value.items():
            if name not in EXTENSION_FIELDS:
                yield from flatten(item, f"{path}.{name}" if path else name)
    elif isinstance(value, list) and value and all(isinstance(item, dict) and "id" in item for item in value):
        yield f"{path}[ids]", [item["id"] for item in value]
        for item in value:
            yield from flatten(item, f"{path}[id={item['id']}]")
    else:
        yield path, value


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object" if isinstance(value, dict) else type(value).__name__


def normalise_html(html: Any) -> Any:
    """Whitespace runs as one space, ends trimmed: what the comparison of ``content.rendered`` ignores."""
    return _WHITESPACE.sub(" ", html).strip() if isinstance(html, str) else html


@dataclass(frozen=True, slots=True)
class Difference:
    request: str
    path: str
    want: Any
    got: Any

    @property
    def kind(self) -> str:
        """The path without item IDs, to group differences."""
        return _ITEM.sub("[*]", self.path)

    def __str__(self) -> str:
        return f"{self.request}: {self.path}: {self.want!r} != {self.got!r}"


@dataclass(slots=True)
class Tally:
    checked: int = 0
    differences: list[Difference] = field(default_factory=list)
    per_request: Counter[str] = field(default_factory=Counter)  # values checked, by request

    def add(self, request: str, path: str, want: Any, got: Any) -> None:
        self.checked += 1
        self.per_request[request] += 1
        if want != got:
            self.differences.append(Difference(request, path, want, got))

    @property
    def percent(self) -> float:
        return 100.0 * (self.checked - len(self.differences)) / self.checked if self.checked else 100.0

    def split(self, key: Callable[[str], str]) -> dict[str, Tally]:
        """This tally divided by ``key`` of each request (a resource, say)."""
        parts: dict[str, Tally] = {}
        for request, checked in self.per_request.items():
            parts.setdefault(key(request), Tally()).checked += checked
        for difference in self.differences:
            parts[key(difference.request)].differences.append(difference)
        return parts

    def line(self, title: str) -> str:
        return f"{title}: {self.checked - len(self.differences)}/{self.checked} equal ({self.percent:.2f}%)"

    def groups(self) -> list[tuple[str, int, Difference]]:
        """Kinds of difference, most frequent first, each with a count and its first example."""
        counts = Counter(difference.kind for difference in self.differences)
        first: dict[str, Difference] = {}
        for difference in self.differences:
            first.setdefault(difference.kind, difference)
        return [(kind, count, first[kind]) for kind, count in counts.most_common()]


@dataclass(slots=True)
class Report:
    site: str
    requests: int = 0
    values: Tally = field(default_factory=Tally)  # GET and anonymous writes: status, headers, body leaves
    fields: Tally = field(default_factory=Tally)  # golden leaves of ``values`` present with the same JSON type
    apart: dict[str, Tally] = field(default_factory=dict)  # OPTIONS and what the site keeps apart, by title
    content: dict[int, Difference | None] = field(default_factory=dict)  # post ID -> its difference, if any
    sent: dict[str, str] = field(default_factory=dict)  # golden file -> its request (golden IDs)
    _content_rank: dict[int, int] = field(default_factory=dict)  # post ID -> CONTENT_RANKS of its answer
    # Posts whose content is equal only without what WordPress decided from files it renamed (content.py).
    renamed_equal: list[int] = field(default_factory=list)

    @property
    def content_percent(self) -> float:
        equal = sum(1 for difference in self.content.values() if difference is None)
        return 100.0 * equal / len(self.content) if self.content else 100.0

    def by_resource(self) -> dict[str, Tally]:
        """The ``values`` tally by REST resource (``posts``, ``comments`` ...; ``posts?_embed`` for embedding)."""
        return dict(sorted(self.values.split(lambda name: resource_of(self.sent[name])).items()))

    def content_differences(self) -> list[int]:
        return sorted(post for post, difference in self.content.items() if difference is not None)

    def add_content(self, post: int, difference: Difference | None, rank: int) -> None:
        """Count a post's content from this answer if no better-ranked one (:data:`CONTENT_RANKS`) came first."""
        if rank > self._content_rank.get(post, -1):
            self.content[post] = difference
            self._content_rank[post] = rank

    def print(self, groups: int = 40) -> None:
        """The percentages and the differences grouped by kind; every difference to ``VELLUM_GOLDEN_DUMP`` if set."""
        tallies = {"values": self.values, "fields present, same JSON type": self.fields} | self.apart
        if os.environ.get("VELLUM_GOLDEN_DUMP"):
            # One section per tally (headed "## <title>"), so that what counts towards the floors reads apart.
            everything: list[str] = []
            for title, tally in tallies.items():
                everything += [f"## {title}", *(str(item) for item in tally.differences)]
            everything += ["## content.rendered", *(str(item) for item in self.content.values() if item is not None)]
            Path(os.environ["VELLUM_GOLDEN_DUMP"]).write_text("\n".join(everything) + "\n")
        equal = len(self.content) - len(self.content_differences())
        print(f"\n{self.site}: {self.requests} requests replayed against a running server")  # noqa: T201
        for title, tally in tallies.items():
            print(f"  {tally.line(title)}")  # noqa: T201
        for resource, tally in self.by_resource().items():
            print(f"    {tally.line(resource)}")  # noqa: T201
        print(  # noqa: T201
            f"  content.rendered (whitespace-normalised): {equal}/{len(self.content)} posts equal "
            f"({self.content_percent:.2f}%); different: {self.content_differences()}"
        )
        if self.renamed_equal:
            print(  # noqa: T201
                f"    {len(self.renamed_equal)} of them equal only without the image attributes WordPress took from "
                f"metadata of files it renamed: {self.renamed_equal}"
            )
        for title, tally in tallies.items():
            if tally.differences:
                print(f"  differences in {title}, by kind:")  # noqa: T201
            for kind, count, example in tally.groups()[:groups]:
                print(f"    {count:5d} x {kind}   e.g. {_short(str(example))}")  # noqa: T201


def _short(text_: str, limit: int = 220) -> str:
    return text_ if len(text_) <= limit else text_[: limit - 3] + "..."


def import_site(site: Site, engine: Engine, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> IdMap:
    """Import the site's export through the public CLI as its README describes, and map golden IDs to ours."""
    if site.config:
        config = workdir / "vellum.toml"
        config.write_text(site.config)
        monkeypatch.setenv("VELLUM_SITE_CONFIG", str(config))
        get_settings.cache_clear()
    code, output = vellum("import", "wxr", site.export, *site.import_args, "--report", workdir / "import.json")
    assert code == 0, output[-2000:]
    if site.options:
        with Session(engine) as session:
            for name, value in site.options.items():
                set_option(session, name, value)
            session.commit()
    return build_id_map(site, engine)


def our_host(base_url: str) -> str:
    """The site address our answers are written with (what WordPress's ``home`` is in the golden ones)."""
    return str(httpx.get(f"{base_url}/wp-json/").json()["home"]).rstrip("/")


def replay(site: Site, base_url: str, ids: IdMap, host: str, names: list[str] | None = None) -> Report:
    """Send each golden request to the server at ``base_url`` and compare our answers with WordPress's."""
    mapper = Mapper(site, ids, host)
    report = Report(site.name)
    with httpx.Client(base_url=base_url, timeout=60) as http:
        for name in site.anonymous_requests() if names is None else names:
            expected = site.load(name)
            request = mapper.url(expected["request"])
            parts = urlsplit(request)
            response = http.request(
                expected["method"],
                parts.path + (f"?{parts.query}" if parts.query else ""),
                json=expected.get("request_body"),
            )
            report.requests += 1
            report.sent[name] = expected["request"]
            _compare(report, name, expected, response, mapper)
    report.renamed_equal = sorted(post for post in mapper.renamed_equal if report.content.get(post, 0) is None)
    return report


def _compare(report: Report, name: str, expected: dict[str, Any], response: httpx.Response, mapper: Mapper) -> None:
    title = mapper.site.tally_title(name)
    values = report.values if title == "values" else report.apart.setdefault(title, Tally())
    values.add(name, "status", expected["status"], response.status_code)
    for header in COMPARED_HEADERS:
        want, got = expected["headers"].get(header), response.headers.get(header)
        if want is not None or got is not None:
            values.add(name, f"header {header}", None if want is None else mapper.url(want), got)
    try:
        ours = response.json()
    except ValueError:
        ours = ABSENT
    hint = mapper.site.kind_of_route(expected["request"])
    golden_body = mapper.body(expected["body"], hint)
    posts = _post_ids(golden_body, hint)
    # Only posts (of any type) at the top level: a term or comment may have an edited post's number.
    edited = {mapper.ids.posts.get(post, post) for post in mapper.site.edited_posts} & posts
    wanted, got_values = dict(flatten(golden_body)), dict(flatten(ours))
    same_order = wanted.get("[ids]") is not None and wanted.get("[ids]") == got_values.get("[ids]")
    for path in sorted(set(wanted) | set(got_values)):
        if _item_of(path, golden_body) in edited:
            continue
        want, got = wanted.get(path, ABSENT), got_values.get(path, ABSENT)
        match = _CONTENT_PATH.match(path)
        apart = None
        if match is not None and (int(match.group(1)) if match.group(1) else golden_body.get("id")) not in posts:
            match = None  # a comment's content is a value like any other
        if match is None:
            single = golden_body.get("id") if isinstance(golden_body, dict) else None

            def golden_item(number: int | None, single: Any = single) -> int | None:
                return mapper.golden_post(single if number is None else number)

            apart = mapper.site.field_tally_title(path, golden_item) if values is report.values else None
            tally = values if apart is None else report.apart.setdefault(apart, Tally())
            tally.add(name, path, want, mapper.untied(want, got))
        elif want != ABSENT:
            post = int(match.group(1)) if match.group(1) else int(golden_body["id"])
            rank = 3 if match.group(1) is None else 2 if same_order else 1 if got != ABSENT else 0
            want, got = mapper.content(post, normalise_html(want), normalise_html(got))
            difference = None if want == got else Difference(name, path, want, got)
            report.add_content(post, difference, rank)
        # Fields a site tallies apart for one item are made by the capture's site itself: not required of us.
        if want != ABSENT and values is report.values and (apart is None or apart in mapper.site.apart_fields.values()):
            report.fields.add(name, path, json_type(want), json_type(got) if got != ABSENT else ABSENT)


_LISTED_ITEM = re.compile(r"^\[id=(\d+)\]\.")


def _item_of(path: str, body: Any) -> int | None:
    """The ID of the top-level item a field belongs to (a list's item, or the single answer's)."""
    listed = _LISTED_ITEM.match(path)
    if listed is not None:
        return int(listed.group(1))
    if isinstance(body, dict) and isinstance(body.get("id"), int):
        return int(body["id"])
    return None


def _post_ids(body: Any, hint: str = "") -> set[int]:
    """IDs of the posts (of any type) at the top level of an answer: their ``content.rendered`` counts apart."""
    items = body if isinstance(body, list) else [body]
    return {item["id"] for item in items if isinstance(item, dict) and "id" in item and kind_of(item, hint) == "post"}


def resource_of(request: str) -> str:
    """``/wp-json/wp/v2/posts/5?_embed`` -> ``posts?_embed``; ``/?rest_route=/wp/v2/users`` -> ``users``."""
    parts = urlsplit(request)
    query = parse_qs(parts.query, keep_blank_values=True)
    route = query.pop("rest_route", [parts.path.removeprefix("/wp-json")])[0]
    segments = [segment for segment in route.split("/") if segment]
    name = segments[2] if segments[:2] == ["wp", "v2"] and len(segments) > 2 else "/".join(segments[:2]) or "/"
    return f"{name}?_embed" if "_embed" in query else name
