"""`vellum import wxr`: one or more export files of one site into the database, whole items at a time."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlmodel import Session, col

from app.content.models import ImportSource
from app.content.rendering import abandon_rendering, defer_rendering, render_committed, render_pending
from app.core.db import PlannerStatistics
from app.core.phpserial import decoding_once
from app.core.settings import get_settings
from app.imports.models import ImportRun
from app.media.storage import get_storage
from app.options.service import set_option
from importers.events import EventsSourceError, read_events_ics, read_events_table
from importers.wxr import limits
from importers.wxr.acf_state import AcfState
from importers.wxr.entries import Entries, EventSource, UploadsRewriter
from importers.wxr.errors import InvalidFieldError, WxrError
from importers.wxr.finishing import decode_acf_values, report_dangling
from importers.wxr.mapping import meta_pairs, normalize_slugs, wp_slug
from importers.wxr.people import AuthorsOptionError, People
from importers.wxr.provenance import RECORD_TABLE
from importers.wxr.read_ahead import read_ahead
from importers.wxr.reader import item_label, read_wxr
from importers.wxr.records import Author, ItemRecord, SiteInfo, TermRecord
from importers.wxr.report import ImportReport
from importers.wxr.terms import Terms
from importers.wxr.write_behind import WriteBehind

# Allocations between young-generation collections while importing (CPython's default is 700): an import
# allocates millions of short-lived containers, almost none of them in reference cycles.
_IMPORT_GC_THRESHOLD = 50_000

# Processes that render committed batches while the next is read, and what is left at the end (rendering is
# CPU-bound; see app.content.render_stream).
RENDER_WORKERS = 2


class ImportFailed(Exception):
    """The import cannot start or could not finish; the message says what and where."""


@dataclass(kw_only=True)
class ImportOptions:
    uploads_dir: Path | None = None
    events_ics: Path | None = None
    events_table: Path | None = None
    authors: str = "create"
    is_dry_run: bool = False
    batch_size: int = 500


def run_import(
    paths: list[Path], options: ImportOptions, *, engine: Engine, on_item: Callable[[], None] | None = None
) -> ImportReport:
    """Import the files as one site and return what was done; raises ImportFailed with a clear message."""
    started = time.monotonic()
    _check_paths(paths, options)
    site = _site_of(paths)
    events = _load_events(options)
    report = ImportReport(files=[str(path) for path in paths], source=site.base_site_url, is_dry_run=options.is_dry_run)
    with _fewer_collections(), decoding_once(), Session(engine, expire_on_commit=False) as session:
        try:
            run = _WxrImport(session, site, options, report, events)
        except AuthorsOptionError as exc:
            session.rollback()
            raise ImportFailed(str(exc)) from None
        try:
            run.read(paths, on_item)
            run.finish()
        except WxrError as exc:
            run.fail(str(exc))
            raise ImportFailed(str(exc)) from None
        finally:
            # Whatever happened, no batch is being written once the session closes.
            run.writer.close()
        report.elapsed_seconds = time.monotonic() - started
        run.close()
    return report


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect cyclic garbage less often while importing, and never scan what existed before it.

    Each full collection walks every live object; the modules, the models and SQLAlchemy's caches loaded
    before the import never become garbage, so they are frozen out of the scans.
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(_IMPORT_GC_THRESHOLD, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _check_paths(paths: list[Path], options: ImportOptions) -> None:
    for path in [*paths, options.events_ics, options.events_table]:
        if path is not None and not path.is_file():
            raise ImportFailed(f"{path}: no such file")
    if options.uploads_dir is not None and not options.uploads_dir.is_dir():
        raise ImportFailed(f"{options.uploads_dir}: --uploads-dir is not a directory")
    if options.batch_size < 1:
        raise ImportFailed("--batch-size must be at least 1")


def _site_of(paths: list[Path]) -> SiteInfo:
    """The site every file comes from; files of different sites are not one export."""
    sites: list[SiteInfo] = []
    for path in paths:
        try:
            first = next(iter(read_wxr(path)))
        except WxrError as exc:
            raise ImportFailed(str(exc)) from None
        assert isinstance(first, SiteInfo)
        sites.append(first)
    bases = {_site_key(site) for site in sites}
    if len(bases) > 1:
        listed = ", ".join(f"{site.path} ({site.base_site_url})" for site in sites)
        raise ImportFailed(f"these files come from different sites and cannot be imported as one: {listed}")
    return sites[0]


def _site_key(site: SiteInfo) -> str:
    hosts = (_without_scheme(url) for url in (site.base_blog_url, site.base_site_url, site.link))
    base = next((host for host in hosts if host), "")
    if not base:
        # An export that names no URL (hand-made, written by another tool, or by WP-CLI on a site whose URL was
        # not set, which writes "http:") is known by its title: two such sites were one source, and the
        # second's items overwrote the first's that had their IDs.
        return f"untitled:{site.title.strip().lower()}"
    return base


def _without_scheme(url: str) -> str:
    """``host/path`` of a site URL, lower case, without a trailing slash; "" when it names no host."""
    return url.strip().split("://", 1)[-1].removeprefix("http:").removeprefix("https:").rstrip("/").lower()


def _load_events(options: ImportOptions) -> EventSource:
    source = EventSource()
    try:
        # The table is the plugin's own record (time zones of all-day events included): it wins over the feed.
        if options.events_ics is not None:
            source.add(read_events_ics(options.events_ics))
        if options.events_table is not None:
            source.add(read_events_table(options.events_table))
    except EventsSourceError as exc:
        raise ImportFailed(str(exc)) from None
    return source


class _WxrImport:
    def __init__(
        self, session: Session, site: SiteInfo, options: ImportOptions, report: ImportReport, events: EventSource
    ) -> None:
        self.session = session
        self.site = site
        self.options = options
        self.report = report
        self.source_id = _source_id(session, site)
        # Each batch looks up what earlier imports of the source wrote (provenance), by key.
        self.statistics = PlannerStatistics(session, looked_up=(RECORD_TABLE.name,))
        # Committed batches render in worker processes; what a later item changes renders again at the end.
        # A dry run commits nothing for workers to read, so it renders everything at the end, here.
        defer_rendering(session, workers=0 if options.is_dry_run else RENDER_WORKERS)
        # Each batch is written in a thread of its own while the next is mapped (see importers.wxr.write_behind).
        self.writer = WriteBehind()
        self.people = People.for_option(session, self.source_id, report, options.authors)
        self.people.wait_for_writes = self.writer.wait
        self.run_id = None if options.is_dry_run else self._start_run()
        settings = get_settings()
        self.terms = Terms(session=session, source_id=self.source_id, report=report, wait_for_writes=self.writer.wait)
        self.pending_terms: list[TermRecord] = []
        storage = get_storage(settings) if options.uploads_dir else None
        rewriter = None
        if options.uploads_dir is not None:
            bases = sorted({url for url in (site.base_site_url, site.base_blog_url, site.link) if url})
            rewriter = UploadsRewriter(options.uploads_dir, bases, settings.site_url, storage=storage, report=report)
        self.entries = Entries(
            session=session,
            source_id=self.source_id,
            report=report,
            people=self.people,
            terms=self.terms,
            acf=AcfState.load(session),
            events=events,
            storage=storage,
            uploads_dir=options.uploads_dir,
            rewriter=rewriter,
            on_batch=self._commit,
            writer=self.writer,
        )

    def _start_run(self) -> int:
        run = ImportRun(source_id=self.source_id, started_at=datetime.now(UTC), files=self.report.files)
        self.session.add(run)
        self.session.commit()
        return int(run.id or 0)

    def _commit(self) -> None:
        # Each batch holds whole items only; a dry run keeps everything in one transaction to roll back.
        if not self.options.is_dry_run:
            self.session.commit()
            render_committed(self.session)
            self.statistics.batch_committed()

    def read(self, paths: list[Path], on_item: Callable[[], None] | None) -> None:
        for path in paths:
            for record in _records(path):
                try:
                    self._take(record)
                except InvalidFieldError as exc:
                    raise WxrError(exc.message, path, exc.line, 0, _label(record)) from exc
                if on_item is not None and isinstance(record, ItemRecord):
                    on_item()
            self._flush_terms()
            self.entries.flush()
        self.entries.flush_repeated()

    def _take(self, record: object) -> None:
        if isinstance(record, ItemRecord):
            normalize_slugs(record)
            self._flush_terms()
            self.entries.queue(self.entries.add(record), self.options.batch_size)
        elif isinstance(record, TermRecord):
            record.slug = wp_slug(record.slug)
            _check_fits(limits.term_problem(_term_row(record), meta_pairs(record.meta)), record.line)
            self.pending_terms.append(record)
            if len(self.pending_terms) >= self.options.batch_size:
                self._flush_terms()
        elif isinstance(record, Author):
            _check_fits(limits.user_problem({"id": record.id, "login": record.login}), record.line)
            self.people.add_author(record)

    def _flush_terms(self) -> None:
        if self.pending_terms:
            self.terms.add(self.pending_terms)
            self.pending_terms = []
            self._commit()

    def finish(self) -> None:
        self.writer.wait()
        self.terms.link_pending_parents()
        self.entries.link_menu_parents()
        self.entries.comment_ids.link_parents()
        decode_acf_values(self.session, self.source_id, self.entries.acf, self.entries.acf_pending)
        for event in self.entries.events.by_post_id.values():
            if id(event) not in self.entries.events.matched:
                self.report.events_unmatched.add({"post_id": event.post_id, "uid": event.uid})
        report_dangling(self.session, self.source_id, self.report)
        if self.site.title:
            set_option(self.session, "blogname", self.site.title)
            set_option(self.session, "blogdescription", self.site.description)
        if self.site.language:
            set_option(self.session, "language", self.site.language)
        self._commit()
        # Worker processes read committed rows; a dry run's rows are never committed, so it renders here.
        render_pending(self.session, workers=0 if self.options.is_dry_run else RENDER_WORKERS)

    def close(self) -> None:
        if self.options.is_dry_run:
            self.session.rollback()
            return
        self._end_run("finished", "")
        self.statistics.finished()

    def fail(self, message: str) -> None:
        self.writer.close()
        self.session.rollback()
        abandon_rendering(self.session)
        if self.run_id is not None:
            self._end_run("failed", message)

    def _end_run(self, status: str, message: str) -> None:
        run = self.session.get(ImportRun, self.run_id)
        if run is not None:
            run.status, run.message = status, message
            run.finished_at = datetime.now(UTC)
            run.report = self.report.as_json()
        self.session.commit()


def _check_fits(problem: str | None, line: int) -> None:
    if problem:
        raise InvalidFieldError(f"{problem}; the record cannot be stored", line)


def _term_row(record: TermRecord) -> dict[str, object]:
    return {"id": record.term_id, "taxonomy": record.taxonomy, "slug": record.slug, "name": record.name}


def _label(record: object) -> str | None:
    """How an error names the record: the reader's wording for items, the element and line for the others."""
    if isinstance(record, ItemRecord):
        return item_label(str(record.post_id), record.title, record.line)
    if isinstance(record, TermRecord):
        return f"{record.element} at line {record.line}"
    if isinstance(record, Author):
        return f"wp:author at line {record.line}"
    return None


def _records(path: Path) -> Iterator[object]:
    # Parsed in a thread of its own while the batches before are written (see importers.wxr.read_ahead).
    return read_ahead(iter(read_wxr(path)))


def _source_id(session: Session, site: SiteInfo) -> int:
    """The import source for this site (created on its first import)."""
    key = _site_key(site)
    source = session.scalars(select(ImportSource).where(col(ImportSource.base_url) == key)).first()
    if source is None:
        source = ImportSource(base_url=key, title=site.title)
        session.add(source)
        session.flush()
    return int(source.id or 0)
