"""Items become entries: typed details, media files, event dates, ACF values; written whole, in batches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from app.acf.values import decode_values
from app.comments.service import CommentWrite, save_comments
from app.content.models import Entry
from app.content.service import EntryWrite, save_entries
from app.media.files import copy_attachment_files, mime_for_filename, mime_matches
from app.media.storage import MediaStorage
from app.media.urls import rewrite_upload_urls, uploads_relative_path
from app.menus.models import MenuItem
from importers.events import EventData
from importers.wxr import limits, provenance
from importers.wxr.acf_state import AcfState, field_references
from importers.wxr.comment_ids import CommentIds
from importers.wxr.details import DETAIL_BUILDERS
from importers.wxr.errors import InvalidFieldError
from importers.wxr.id_set import IdSet
from importers.wxr.mapping import comment_write, entry_fields, meta_pairs, old_urls
from importers.wxr.people import People
from importers.wxr.records import ItemRecord
from importers.wxr.report import ImportReport
from importers.wxr.terms import Terms
from importers.wxr.write_behind import WriteBehind


@dataclass
class PendingEntry:
    write: EntryWrite
    comments: list[CommentWrite]
    digest: str
    status: str
    wp_id: int
    # Provenance kind: "entry", or "entry:dupN" for the Nth item of an export that repeats an ID.
    kind: str
    menu_id: int | None = None
    menu_parent: int = 0
    # Its typed ACF values and the definitions' version they were decoded with, when they were.
    acf_values: dict[str, Any] | None = None
    acf_version: int | None = None
    # (provenance kind, WordPress ID) of each comment, in the order of `comments`.
    comment_keys: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class EventSource:
    """Event rows from the plugin's feed or table, found by post ID, URL or UID."""

    by_post_id: dict[int, EventData] = field(default_factory=dict)
    by_url: dict[str, EventData] = field(default_factory=dict)
    matched: set[int] = field(default_factory=set)

    def add(self, events: list[EventData]) -> None:
        for event in events:
            if event.post_id is not None:
                self.by_post_id[event.post_id] = event
            if event.url:
                self.by_url[event.url.rstrip("/")] = event

    def find(self, item: ItemRecord) -> EventData | None:
        return self.by_post_id.get(item.post_id) or self.by_url.get(item.link.rstrip("/"))


@dataclass
class UploadsRewriter:
    """Links to the old site's uploads, pointed at Vellum's copies of the files that exist."""

    uploads_dir: Path
    old_base_urls: list[str]
    site_url: str
    storage: MediaStorage | None = None
    report: ImportReport | None = None
    _exists: dict[str, bool] = field(default_factory=dict)

    def _known(self, relative: str) -> bool:
        if relative not in self._exists:
            self._exists[relative] = (self.uploads_dir / relative).is_file() and self._stored(relative)
        return self._exists[relative]

    def _stored(self, relative: str) -> bool:
        """Copy a linked file into storage: no attachment of the export may name it (a file put there by hand,
        an attachment deleted since, a size WordPress made), and the link must not lead nowhere."""
        if self.storage is None or self.storage.exists(relative):
            return True
        name = relative.rsplit("/", 1)[-1]
        mime = mime_for_filename(name)
        result = copy_attachment_files(
            storage=self.storage, uploads_dir=self.uploads_dir, attached_file=relative, sizes={}, declared_mime=mime
        )
        if self.report is not None:
            self.report.media["files_copied"] += len(result.copied)
        return result.main is not None

    def relative_path(self, url: str) -> str:
        """The path under the uploads folder that a link to the old site's uploads names, else ""."""
        return uploads_relative_path(url, self.old_base_urls)

    def rewrite(self, text: str) -> str:
        if "/uploads/" not in text and "\\/uploads\\/" not in text:
            return text
        return rewrite_upload_urls(
            text, old_base_urls=self.old_base_urls, site_url=self.site_url, known_files=self._known
        )


@dataclass
class Entries:
    session: Session
    source_id: int
    report: ImportReport
    people: People
    terms: Terms
    acf: AcfState
    events: EventSource
    storage: MediaStorage | None = None
    uploads_dir: Path | None = None
    rewriter: UploadsRewriter | None = None
    on_batch: Callable[[], None] | None = None
    # Writes each batch while the next is mapped; what the batches write is read only after waiting for it.
    writer: WriteBehind = field(default_factory=lambda: WriteBehind(is_threaded=False))
    batch: list[PendingEntry] = field(default_factory=list)
    acf_pending: list[int] = field(default_factory=list)
    seen: IdSet = field(default_factory=IdSet)
    repeats: dict[int, int] = field(default_factory=dict)
    # (menu, WordPress ID) -> local ID and the menu parents to resolve through it (see link_menu_parents).
    menu_item_ids: dict[tuple[int | None, int], int] = field(default_factory=dict)
    menu_parents: list[tuple[int, int | None, int]] = field(default_factory=list)
    repeated: list[PendingEntry] = field(default_factory=list)
    comment_ids: CommentIds = field(init=False)

    def __post_init__(self) -> None:
        self.comment_ids = CommentIds(session=self.session, source_id=self.source_id, report=self.report)

    def add(self, item: ItemRecord) -> PendingEntry:
        """Map one item; it is written with the next batch."""
        fields = entry_fields(item, author_id=self.people.author_of(item.creator), source_id=self.source_id)
        meta = meta_pairs(item.meta)
        if self.rewriter is not None:
            fields["content"] = self.rewriter.rewrite(fields["content"])
            fields["excerpt"] = self.rewriter.rewrite(fields["excerpt"])
        comments = [
            comment_write(comment, entry_id=item.post_id, user_id=self.people.commenter(comment.user_id))
            for comment in item.comments
        ]
        _check_fits(limits.entry_problem(fields, meta, comments, (term.taxonomy for term in item.terms)), item)
        term_ids = self.terms.ids_for(item.terms)
        if fields["type"] == "post" and fields["status"] != "auto-draft":
            # wp_insert_post(): a post needs a category; the importer's own terms then replace it.
            if not any(term.taxonomy == "category" for term in item.terms) and self.terms.default_category():
                term_ids.append(int(self.terms.default_category() or 0))
        details = self._details(item, term_ids)
        _check_fits(limits.details_problem(fields["type"], details), item)
        write = EntryWrite(fields=fields, details=details, meta=meta, term_ids=term_ids, old_urls=old_urls(item))
        kind = self._kind(item.post_id)
        if kind != "entry":
            # WordPress gives an item whose ID the export already used a new ID; so do we (see flush).
            fields["id"] = None
        value = provenance.digest(
            # ACF values are derived from the meta (and decoded again when definitions change).
            {key: v for key, v in fields.items() if key not in ("source_id", "id", "acf")},
            details,
            meta,
            term_ids,
            write.old_urls,
            [(c.fields, c.meta) for c in comments],
        )
        pending = PendingEntry(
            write=write,
            comments=comments,
            digest=value,
            status=fields["status"],
            wp_id=item.post_id,
            kind=kind,
            comment_keys=[(self.comment_ids.kind(comment.id), comment.id) for comment in item.comments],
        )
        if details is not None and item.post_type == "nav_menu_item":
            pending.menu_id, pending.menu_parent = details["menu_id"], details["parent_item_id"]
        self.report.meta_rows += len(meta)
        return pending

    def _kind(self, wp_id: int) -> str:
        # wp_insert_post() only takes an import_id above 0: an item with an ID of 0 or less (empty or hand-made)
        # gets a new one, like an item repeating an ID, and is matched as such on the next import.
        if wp_id > 0 and wp_id not in self.seen:
            self.seen.add(wp_id)
            return "entry"
        self.repeats[wp_id] = self.repeats.get(wp_id, 1 if wp_id > 0 else 0) + 1
        return f"entry:dup{self.repeats[wp_id]}"

    def _details(self, item: ItemRecord, term_ids: list[int]) -> dict[str, Any] | None:
        builder = DETAIL_BUILDERS.get(item.post_type)
        details = builder(item) if builder else None
        if item.post_type == "nav_menu_item" and details is not None:
            menus = [term for term in item.terms if term.taxonomy == "nav_menu"]
            details["menu_id"] = self.terms.by_slug.get(("nav_menu", menus[0].slug)) if menus else None
            if details["item_type"] == "taxonomy":
                details["object_id"] = self.terms.local_id(details["object"], details["object_id"])
        elif item.post_type == "attachment" and details is not None:
            self._copy_files(item, details)
        elif item.post_type == "ai1ec_event":
            details = self._event(item)
        elif item.post_type == "acf-field-group" and details is not None:
            self.writer.wait()  # the batch being written decodes its values with the definitions read before
            self.acf.add_group(item.post_id, item.title, details)
        elif item.post_type == "acf-field" and details is not None:
            self.writer.wait()
            self.acf.add_field(item.post_id, item.menu_order, details)
        return details

    def _copy_files(self, item: ItemRecord, details: dict[str, Any]) -> None:
        self.report.media["attachments"] += 1
        if self.storage is None or self.uploads_dir is None:
            return
        # Exports of WordPress.com and other tools may carry no _wp_attached_file; WordPress's importer takes
        # the file from the attachment URL then.
        attached = details["file"] or (self.rewriter.relative_path(details["original_url"]) if self.rewriter else "")
        if not attached:
            return
        result = copy_attachment_files(
            storage=self.storage,
            uploads_dir=self.uploads_dir,
            attached_file=attached,
            sizes=details["sizes"],
            declared_mime=details["mime_type"],
            original_image=details["original_image"],
        )
        self.report.media["files_copied"] += len(result.copied)
        self.report.media["files_already_stored"] += len(result.already_stored)
        for path in [*result.missing, *result.refused]:
            self.report.missing_files.add({"attachment": item.post_id, "file": path})
        main = result.main
        if main is None:
            return
        details.update(file=attached, sha256=main.sha256, filesize=main.size, is_stored=True)
        details["missing_files"] = _missing_size_files(details["sizes"], result.sub_sizes)
        details["width"] = details["width"] or main.width
        details["height"] = details["height"] or main.height
        if not main.mime_matches and not mime_matches(details["mime_type"], main.sniffed_mime):
            self.report.mime_mismatches.add(
                {
                    "attachment": item.post_id,
                    "file": main.relative_path,
                    "declared": details["mime_type"],
                    "sniffed": main.sniffed_mime,
                }
            )

    def _event(self, item: ItemRecord) -> dict[str, Any]:
        event = self.events.find(item)
        if event is None or event.starts_at is None:
            self.report.events_without_dates.add({"id": item.post_id, "title": item.title})
            return {} if event is None else event.as_columns()
        self.events.matched.add(id(event))
        self.report.events_with_dates += 1
        return event.as_columns()

    def _decode_acf(self, pending: PendingEntry) -> None:
        """Typed ACF values of an entry about to be written, with the definitions read so far.

        Decoded per batch, not per item: definitions spread through a file would otherwise rebuild the
        field index once per definition. The final pass decodes again whatever later definitions change.
        Decoded in the importer's thread, where the definitions are read, before the batch goes to the writer;
        the writer keeps the values of the items it writes.
        """
        meta = pending.write.meta
        references = field_references(meta)
        if not references:
            return
        if not self.acf.can_decode(references):
            # Its field definitions come later in the file: decoded once the whole file is read.
            self.acf_pending.append(pending.wp_id)
        else:
            pending.acf_values = decode_values(meta, self.acf.index)
            pending.acf_version = self.acf.version

    def flush(self) -> None:
        """Write the batch (in the writer's thread, which may still be at it on return)."""
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        for pending in batch:
            self._decode_acf(pending)
        self.writer.submit(lambda: self._write(batch))

    def _write(self, batch: list[PendingEntry]) -> None:
        """New and changed items whole, unchanged ones not at all."""
        known: dict[str, dict[int, tuple[int, str]]] = {}
        for kind in {pending.kind for pending in batch}:
            ids = [pending.wp_id for pending in batch if pending.kind == kind]
            known[kind] = provenance.known(self.session, self.source_id, kind, ids)
        for pending in batch:
            record = known[pending.kind].get(pending.wp_id)
            if pending.kind != "entry" and record is not None:
                pending.write.fields["id"] = record[0]
        ids = [int(p.write.fields["id"]) for p in batch if p.write.fields["id"] is not None]
        query = select(col(Entry.id), col(Entry.source_id)).where(col(Entry.id).in_(ids))
        owners = {int(entry_id or 0): source for entry_id, source in self.session.execute(query)}
        writes: list[PendingEntry] = []
        for pending in batch:
            outcome = self._outcome(pending, known[pending.kind].get(pending.wp_id), owners)
            self.report.count_entry(pending.write.type, pending.status, outcome)
            if outcome in ("added", "updated"):
                if pending.acf_version is not None:
                    pending.write.fields["acf"] = pending.acf_values
                writes.append(pending)
                if pending.write.type in ("acf-field", "acf-field-group"):
                    self.acf.definitions_changed = True
        save_entries(self.session, [p.write for p in writes])
        for pending in writes:
            if pending.acf_version is not None:
                self.acf.written(int(pending.write.fields["id"]), pending.acf_version)
        self._save_comments(writes)
        for kind in {pending.kind for pending in writes}:
            records = [(p.wp_id, int(p.write.fields["id"]), p.digest) for p in writes if p.kind == kind]
            provenance.remember(self.session, self.source_id, kind, records)
        self._note_menu_items(batch)
        if self.on_batch is not None:
            self.on_batch()

    def _outcome(self, pending: PendingEntry, record: tuple[int, str] | None, owners: dict[int, Any]) -> str:
        entry_id = pending.write.fields["id"]
        if record is not None:
            if record[1] == pending.digest:
                self.report.comments["unchanged"] += len(pending.comments)
                return "unchanged"
            return "updated"
        if entry_id is None:
            return "added"
        if entry_id in owners and owners[entry_id] != self.source_id:
            self.report.skip(pending.write.type, entry_id, "this ID belongs to other content (another site or local)")
            return "skipped"
        return "updated" if entry_id in owners else "added"

    def _note_menu_items(self, batch: list[PendingEntry]) -> None:
        for pending in batch:
            if pending.write.type != "nav_menu_item" or pending.write.fields["id"] is None:
                continue
            local_id = int(pending.write.fields["id"])
            self.menu_item_ids[(pending.menu_id, pending.wp_id)] = local_id
            if pending.menu_parent:
                self.menu_parents.append((local_id, pending.menu_id, pending.menu_parent))

    def flush_repeated(self) -> None:
        """Write the items that repeated an ID, now that every ID the export names is taken."""
        self.flush()
        self.batch, self.repeated = self.repeated, []
        self.flush()

    def link_menu_parents(self) -> None:
        """A menu item's parent is the item with that WordPress ID in the same menu (IDs can repeat across menus)."""
        self.writer.wait()
        table = MenuItem.__table__  # type: ignore[attr-defined]
        for local_id, menu_id, parent in self.menu_parents:
            target = self.menu_item_ids.get((menu_id, parent))
            if target is not None and target != parent:
                self.session.execute(update(table).where(table.c.entry_id == local_id).values(parent_item_id=target))

    def _save_comments(self, writes: list[PendingEntry]) -> None:
        keyed = []
        for pending in writes:
            for (kind, wp_id), comment in zip(pending.comment_keys, pending.comments, strict=True):
                # The entry's own ID, which an item repeating an ID only got when it was written.
                comment.fields["entry_id"] = pending.write.fields["id"]
                keyed.append((kind, wp_id, comment))
        self.comment_ids.assign(keyed)
        save_comments(self.session, [comment for _, _, comment in keyed])
        self.comment_ids.written(keyed)

    def queue(self, pending: PendingEntry, batch_size: int) -> None:
        """Add to the batch. Items repeating an ID wait for the end: their new IDs must not take one
        that a later item of the export still needs (WordPress's importer has that bug)."""
        if pending.kind != "entry":
            self.repeated.append(pending)
            return
        self.batch.append(pending)
        if len(self.batch) >= batch_size:
            self.flush()


def _check_fits(problem: str | None, item: ItemRecord) -> None:
    if problem:
        raise InvalidFieldError(f"{problem}; the item cannot be stored", item.line)


def _missing_size_files(sizes: dict[str, Any] | list[Any], stored: dict[str, Any]) -> list[str]:
    """The sub-size files the uploads copy lacked: their URLs stay on the old site."""
    entries = sizes.items() if isinstance(sizes, dict) else enumerate(sizes)
    missing = {
        str(size["file"])
        for name, size in entries
        if isinstance(size, dict) and size.get("file") and str(name) not in stored
    }
    return sorted(missing)
