"""One golden answer compared with ours: golden JSON mapped onto our host and IDs, then leaf by leaf."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.golden.content import (
    FileNames,
    answered_media_files,
    base_url,
    single_answer_content,
    without_renamed_decisions,
)
from tests.golden.report import Difference, Report, Tally
from tests.golden.site import COMPAT, IdMap, Site, kind_of

COMPARED_HEADERS = (
    "Content-Type", "X-WP-Total", "X-WP-TotalPages", "Link", "Allow", "Access-Control-Expose-Headers",
    "Access-Control-Allow-Headers", "Vary", "X-Content-Type-Options", "X-Robots-Tag",
)  # fmt: skip
# Vellum's additions (app/api/wp_v2/extensions.py): WordPress without ACF's REST integration has none.
EXTENSION_FIELDS = frozenset({"acf", "blocks", "event"})
ABSENT = "<absent>"
_WHITESPACE = re.compile(r"\s+")
_CONTENT_PATH = re.compile(r"^(?:\[id=(\d+)\]\.)?content\.rendered$")


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


def compare(report: Report, name: str, expected: dict[str, Any], response: httpx.Response, mapper: Mapper) -> None:
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
