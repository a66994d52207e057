"""Synthetic WordPress export (WXR 1.2) of any size, streamed to disk in constant memory.

Usage: ``python bench/wxrgen.py OUT.xml N [--seed S]``. The mix of post types, meta, ACF data,
comments and terms mirrors a real site (see ``bench/wxr_plan.py``); the same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script (`python bench/wxrgen.py`): make the repository root importable.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import wxr_rare
from bench.wxr_items import (
    EXPORTED_AT,
    ItemFactory,
    author_login,
    category_term,
    event_category_term,
    menu_term,
    rfc822,
    tag_term,
)
from bench.wxr_plan import SitePlan
from bench.wxr_xml import ItemRecord, TermRecord, author_xml, document_head, document_tail, item_xml, term_xml

AUTHOR_NAMES = ("Ana Lima", "Bo Li", "Chaiya Srisuk", "Layla Haddad", "Zoë Müller", "Kenji Sato")
_WRITE_BUFFER = 1 << 20


@dataclass
class GeneratedStats:
    """What a generated file holds: items per post type, meta rows, comments, terms and its size."""

    post_types: Counter[str] = field(default_factory=Counter)
    meta_rows: int = 0
    comments: int = 0
    comment_meta_rows: int = 0
    terms: Counter[str] = field(default_factory=Counter)
    authors: int = 0
    bytes: int = 0

    @property
    def items(self) -> int:
        """Number of ``<item>`` elements."""
        return sum(self.post_types.values())

    def count(self, item: ItemRecord) -> None:
        """Add one item's post type, meta rows and comments."""
        self.post_types[item.post_type] += 1
        self.meta_rows += len(item.meta or ())
        for comment in item.comments or ():
            self.comments += 1
            self.comment_meta_rows += len(comment.meta or ())


def write_wxr(path: Path, n_items: int, *, seed: int = 1) -> GeneratedStats:
    """Write a WXR file of ``n_items`` items to ``path``; the same seed always gives the same file."""
    plan = SitePlan(n_items, seed)
    factory = ItemFactory(plan, random.Random(seed))
    stats = GeneratedStats(authors=plan.n_authors)
    with path.open("wb", buffering=_WRITE_BUFFER) as out:

        def write(text: str) -> None:
            data = text.encode("utf-8")
            stats.bytes += len(data)
            out.write(data)

        write(
            document_head(
                title="Bench & Co",
                site_url="https://bench.example",
                created="2025-02-01 10:30",
                pub_date=rfc822(EXPORTED_AT),
            )
        )
        for number in range(plan.n_authors):
            write(author_xml(number + 1, author_login(number), AUTHOR_NAMES[number % len(AUTHOR_NAMES)]))
        for term in channel_terms(plan):
            stats.terms[term.taxonomy] += 1
            write(term_xml(term))
        builders = item_builders(factory)
        for index in range(n_items):
            item = builders[plan.post_type(index)](index)
            stats.count(item)
            write(item_xml(item))
        write(document_tail())
    return stats


def item_builders(factory: ItemFactory) -> dict[str, Callable[[int], ItemRecord]]:
    """The builder for each post type the plan places."""
    rare = {
        name: (lambda index, build=build: build(factory, index))
        for name, build in (
            ("wp_block", wxr_rare.wp_block),
            ("partner", wxr_rare.partner),
            ("custom_css", wxr_rare.custom_css),
            ("customize_changeset", wxr_rare.customize_changeset),
            ("oembed_cache", wxr_rare.oembed_cache),
            ("user_request", wxr_rare.user_request),
        )
    }
    return {
        "post": factory.post,
        "page": factory.page,
        "attachment": factory.attachment,
        "revision": factory.revision,
        "nav_menu_item": factory.nav_menu_item,
        "ai1ec_event": factory.event,
        "acf-field-group": factory.acf,
        "acf-field": factory.acf,
        **rare,
    }


def channel_terms(plan: SitePlan) -> Iterator[TermRecord]:
    """Categories (parents first), tags, event categories and nav menus, with consecutive term IDs."""
    term_id = 0
    for number in range(plan.n_categories):
        _, slug, name = category_term(number)
        parent = category_term((number - 3) // 4)[1] if number >= 3 else ""
        meta = (("color", f"#{number * 2654435761 % 0xFFFFFF:06x}"),) if number % 5 == 0 else ()
        description = f"Alles über {name} — كل شيء" if number % 4 == 0 else ""
        term_id += 1
        yield TermRecord(term_id, "category", slug, name, parent, description, meta)
    for number in range(plan.n_tags):
        term_id += 1
        yield TermRecord(term_id, *tag_term(number))
    for number in range(plan.n_event_categories):
        parent = event_category_term((number - 2) // 3)[1] if number >= 2 else ""
        term_id += 1
        yield TermRecord(term_id, *event_category_term(number), parent=parent)
    for number in range(plan.n_menus):
        term_id += 1
        yield TermRecord(term_id, *menu_term(number))


def main(argv: list[str] | None = None) -> int:
    """Command line: write OUT with N items and print what it holds."""
    parser = argparse.ArgumentParser(description="Write a synthetic WordPress export (WXR 1.2).")
    parser.add_argument("out", type=Path, help="file to write")
    parser.add_argument("items", type=int, help="number of <item> elements")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same file)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    stats = write_wxr(args.out, args.items, seed=args.seed)
    elapsed = time.perf_counter() - started
    print(f"wrote {args.out}: {stats.items} items, {stats.bytes / 1e6:.1f} MB in {elapsed:.1f} s")
    print(f"  meta rows {stats.meta_rows}, comments {stats.comments}, comment meta {stats.comment_meta_rows}")
    print(f"  authors {stats.authors}, terms {dict(stats.terms)}")
    print(f"  post types {dict(stats.post_types.most_common())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
