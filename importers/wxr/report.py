"""What an import did, per type: added, updated, unchanged, skipped and why, and what needs a look."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

# Lists in the report (missing files, dangling references ...) keep this many examples; counts stay exact.
LIST_LIMIT = 1000
OUTCOMES = ("added", "updated", "unchanged", "skipped")


@dataclass
class Listing:
    """A bounded list with an exact count, so a huge import cannot grow the report without bound."""

    count: int = 0
    items: list[Any] = field(default_factory=list)

    def add(self, item: Any) -> None:
        self.count += 1
        if len(self.items) < LIST_LIMIT:
            self.items.append(item)

    def as_json(self) -> dict[str, Any]:
        return {"count": self.count, "items": self.items, "truncated": self.count > len(self.items)}


@dataclass
class ImportReport:
    files: list[str] = field(default_factory=list)
    source: str = ""
    is_dry_run: bool = False
    entries: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    statuses: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    terms: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    users: Counter[str] = field(default_factory=Counter)
    comments: Counter[str] = field(default_factory=Counter)
    meta_rows: int = 0
    media: Counter[str] = field(default_factory=Counter)
    missing_files: Listing = field(default_factory=Listing)
    mime_mismatches: Listing = field(default_factory=Listing)
    events_with_dates: int = 0
    events_without_dates: Listing = field(default_factory=Listing)
    events_unmatched: Listing = field(default_factory=Listing)
    dangling: defaultdict[str, Listing] = field(default_factory=lambda: defaultdict(Listing))
    skipped: Listing = field(default_factory=Listing)
    warnings: Listing = field(default_factory=Listing)
    elapsed_seconds: float = 0.0

    def count_entry(self, post_type: str, status: str, outcome: str) -> None:
        self.entries[post_type][outcome] += 1
        self.statuses[post_type][status] += 1

    def skip(self, kind: str, wp_id: int | str, reason: str) -> None:
        self.skipped.add({"kind": kind, "id": wp_id, "reason": reason})

    @property
    def items_total(self) -> int:
        return sum(sum(counts.values()) for counts in self.entries.values())

    @property
    def is_unchanged(self) -> bool:
        """Nothing was added or updated anywhere: a repeated import of the same file."""
        counters = [*self.entries.values(), *self.terms.values(), self.users, self.comments]
        return all(counter["added"] == 0 and counter["updated"] == 0 for counter in counters)

    def as_json(self) -> dict[str, Any]:
        """The report as written by ``--report``."""
        return {
            "files": self.files,
            "source": self.source,
            "dry_run": self.is_dry_run,
            "unchanged": self.is_unchanged,
            "entries": {name: _outcomes(counts) for name, counts in sorted(self.entries.items())},
            "statuses": {name: dict(sorted(counts.items())) for name, counts in sorted(self.statuses.items())},
            "terms": {name: _outcomes(counts) for name, counts in sorted(self.terms.items())},
            "users": _outcomes(self.users),
            "comments": _outcomes(self.comments),
            "meta_rows": self.meta_rows,
            "media": {
                **{key: self.media[key] for key in ("attachments", "files_copied", "files_already_stored")},
                "missing_files": self.missing_files.as_json(),
                "mime_mismatches": self.mime_mismatches.as_json(),
            },
            "events": {
                "with_dates": self.events_with_dates,
                "without_dates": self.events_without_dates.as_json(),
                "unmatched_source_events": self.events_unmatched.as_json(),
            },
            "dangling_references": {name: listing.as_json() for name, listing in sorted(self.dangling.items())},
            "skipped": self.skipped.as_json(),
            "warnings": self.warnings.as_json(),
            "elapsed_seconds": round(self.elapsed_seconds, 3),
        }


def _outcomes(counts: Counter[str]) -> dict[str, int]:
    return {outcome: counts[outcome] for outcome in OUTCOMES}
