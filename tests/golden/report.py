"""What a replay found: the tallies of equal values and the differences, printed by kind."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.golden.site import ITEM, resource_of

# Which answer a post's content is compared in, best first: (rank, what it is).
CONTENT_RANKS = {3: "single answer", 2: "list in our order", 1: "list in another order", 0: "list without it"}


@dataclass(frozen=True, slots=True)
class Difference:
    request: str
    path: str
    want: Any
    got: Any

    @property
    def kind(self) -> str:
        """The path without item IDs, to group differences."""
        return ITEM.sub("[*]", self.path)

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
