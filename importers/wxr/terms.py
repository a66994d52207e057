"""Channel-level terms (categories, tags, menus, custom taxonomies) and terms met only on items."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from app.options.models import Option
from app.taxonomy.models import Term
from app.taxonomy.service import TERM_TABLE, TermWrite, save_terms
from importers.wxr import provenance
from importers.wxr.mapping import meta_pairs, wp_slug
from importers.wxr.records import ItemTerm, TermRecord
from importers.wxr.report import ImportReport


@dataclass
class Terms:
    """Maps (taxonomy, slug) to local term IDs; parents named by slug are linked once both are known."""

    session: Session
    source_id: int
    report: ImportReport
    by_slug: dict[tuple[str, str], int] = field(default_factory=dict)
    by_name: dict[tuple[str, str], int] = field(default_factory=dict)
    pending_parents: list[tuple[int, str, str]] = field(default_factory=list)
    # (taxonomy, WordPress term ID) -> local ID of the export's terms (the first of each ID).
    by_wp_id: dict[tuple[str, int], int] = field(default_factory=dict)
    # (taxonomy, WordPress term ID) -> the slug it came with first, and how often another slug repeated it.
    first_slugs: dict[tuple[str, int], str] = field(default_factory=dict)
    repeats: Counter[tuple[str, int]] = field(default_factory=Counter)
    _default_category: list[int] = field(default_factory=list)  # found once: [ID] or [] when there is none
    # Called before the session is used: a batch may be being written with it (see importers.wxr.write_behind).
    wait_for_writes: Callable[[], None] = field(default=lambda: None, repr=False)

    def add(self, records: list[TermRecord]) -> None:
        """Write a batch of channel terms; each keeps its WordPress ID unless that ID is taken."""
        self.wait_for_writes()
        # Before WordPress 4.2 a category and a tag could share one term ID: records are kept per taxonomy.
        kinds = [(self._kind(record), record) for record in records]
        for kind in dict.fromkeys(kind for kind, _ in kinds):
            batch = [record for each, record in kinds if each == kind]
            ids = [record.term_id for record in batch if record.term_id is not None]
            known = provenance.known(self.session, self.source_id, kind, ids)
            is_repeat = ":dup" in kind
            remembered = [outcome for record in batch if (outcome := self._add_one(record, known, is_repeat))]
            provenance.remember(self.session, self.source_id, kind, remembered)

    def _kind(self, record: TermRecord) -> str:
        """Provenance kind: "term:TAXONOMY", or "term:TAXONOMY:dupN" for a term repeating another term's ID
        (the same term listed twice, as split exports do, is no repeat)."""
        kind = f"term:{record.taxonomy}"
        if record.term_id is None:
            return kind
        key = (record.taxonomy, record.term_id)
        if self.first_slugs.setdefault(key, record.slug) == record.slug:
            return kind
        self.repeats[key] += 1
        return f"{kind}:dup{self.repeats[key] + 1}"

    def _add_one(
        self, record: TermRecord, known: dict[int, tuple[int, str]], is_repeat: bool
    ) -> tuple[int, int, str] | None:
        key = (record.taxonomy, record.slug)
        fields = {
            "taxonomy": record.taxonomy,
            "slug": record.slug,
            "name": record.name or record.slug,
            "description": record.description,
            "source_id": self.source_id,
        }
        if record.extra:
            fields["extra"] = record.extra  # elements of the export nobody models, kept for a later export
        value = provenance.digest(fields, record.parent_slug, meta_pairs(record.meta))
        previous = known.get(record.term_id) if record.term_id is not None else None
        existing = self._find(key)
        if previous is not None and existing is not None and existing.id != previous[0]:
            previous = None  # the slug is another term's now: that term is updated, never given a second slug
        if previous is not None and previous[1] == value:
            self._note(key, record, previous[0], "unchanged")
            return None
        if previous is None and existing is not None and existing.source_id != self.source_id:
            # WordPress's importer reuses a term with the same slug; so do we, without changing it.
            self._note(key, record, int(existing.id or 0), "skipped")
            self.report.skip("term", f"{record.taxonomy}:{record.slug}", "a term with this slug exists; reused")
            return None
        wanted = None if is_repeat else record.term_id
        term_id = previous[0] if previous else existing.id if existing else self._free_id(wanted)
        parent_id = self._parent_id(record)
        write = TermWrite(fields={**fields, "id": term_id, "parent_id": parent_id}, meta=meta_pairs(record.meta))
        save_terms(self.session, [write])
        local_id = int(write.fields["id"])
        if record.parent_slug and not parent_id:
            self.pending_parents.append((local_id, record.taxonomy, record.parent_slug))
        self._note(key, record, local_id, "updated" if previous or existing else "added")
        return (record.term_id, local_id, value) if record.term_id is not None else None

    def _find(self, key: tuple[str, str]) -> Term | None:
        query = select(Term).where(col(Term.taxonomy) == key[0], col(Term.slug) == key[1])
        return self.session.scalars(query).first()

    def _free_id(self, wanted: int | None) -> int | None:
        if wanted is None or self.session.get(Term, wanted) is not None:
            return None
        return wanted

    def _parent_id(self, record: TermRecord) -> int:
        if not record.parent_slug:
            return 0
        # WXR 1.0 names the parent by name, later versions by slug.
        taxonomy = record.taxonomy
        parent = record.parent_slug
        return self.by_slug.get((taxonomy, wp_slug(parent))) or self.by_name.get((taxonomy, parent), 0)

    def _note(self, key: tuple[str, str], record: TermRecord, term_id: int, outcome: str) -> None:
        self.by_slug[key] = term_id
        self.by_name.setdefault((key[0], record.name), term_id)
        if record.term_id is not None:
            self.by_wp_id.setdefault((key[0], record.term_id), term_id)
        self.report.terms[key[0]][outcome] += 1

    def local_id(self, taxonomy: str, wp_id: int) -> int:
        """The local ID of the export's term ``wp_id`` (terms sharing an ID before WordPress 4.2, or found by
        slug, have another), as WordPress's importer maps a menu item's ``_menu_item_object_id``."""
        if (taxonomy, wp_id) not in self.by_wp_id:
            self.wait_for_writes()
            known = provenance.known(self.session, self.source_id, f"term:{taxonomy}", [wp_id])
            self.by_wp_id[(taxonomy, wp_id)] = known[wp_id][0] if wp_id in known else wp_id
        return self.by_wp_id[(taxonomy, wp_id)]

    def ids_for(self, terms: list[ItemTerm]) -> list[int]:
        """Local IDs of an item's terms; terms only named on items (post formats ...) are created then."""
        ids = []
        for term in terms:
            key = (term.taxonomy, term.slug)
            term_id = self.by_slug.get(key)
            if term_id is None:
                self.wait_for_writes()
                existing = self._find(key)
                term_id = existing.id if existing else self._create(term)
                self.by_slug[key] = int(term_id or 0)
            ids.append(int(term_id or 0))
        return ids

    def default_category(self) -> int | None:
        """The category wp_insert_post() gives a post without one: the site's ``default_category`` if it was set,
        else Uncategorized (a fresh WordPress's default, whose slug the export's own Uncategorized reuses)."""
        if not self._default_category:
            self.wait_for_writes()
            stored = self.session.get(Option, "default_category")
            wanted = str(stored.value) if stored is not None else ""
            term = self.session.get(Term, int(wanted)) if wanted.isdigit() else None
            if term is None or term.taxonomy != "category":
                term = self._find(("category", "uncategorized"))
            self._default_category.append(int(term.id or 0) if term is not None else 0)
        return self._default_category[0] or None

    def _create(self, term: ItemTerm) -> int:
        fields = {"taxonomy": term.taxonomy, "slug": term.slug, "name": term.name or term.slug}
        write = TermWrite(fields={**fields, "source_id": self.source_id})
        save_terms(self.session, [write])
        self.report.terms[term.taxonomy]["added"] += 1
        return int(write.fields["id"])

    def link_pending_parents(self) -> None:
        """Parents that came after their children in the file; those never found are reported."""
        self.wait_for_writes()
        for term_id, taxonomy, parent_slug in self.pending_parents:
            parent_id = self.by_slug.get((taxonomy, wp_slug(parent_slug))) or self.by_name.get((taxonomy, parent_slug))
            if parent_id:
                self.session.execute(update(TERM_TABLE).where(TERM_TABLE.c.id == term_id).values(parent_id=parent_id))
            else:
                self.report.dangling["term_parent"].add({"term": term_id, "taxonomy": taxonomy, "parent": parent_slug})
        self.pending_parents.clear()
