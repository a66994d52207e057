"""The site facts rendering reads, fetched from the database for a whole batch of entries at once."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, and_, select
from sqlalchemy.orm import Session

from app.content.models import Entry, EntryMeta, OembedCache
from app.content.permalinks import MediaPage, Site, attachment_link, attachment_parent_link, load_site
from app.content.queries import load_relations
from app.content.render_refs import media_parents, oembed_cache_keys, referenced_texts
from app.content.render_site import SiteQueries
from app.media.models import Attachment
from app.media.urls import media_url
from app.rendering import AttachmentInfo, ImageSize
from app.rendering.context import CommentSummary, PostSummary, SiteInfo, TermSummary

ENTRIES: Table = Entry.__table__  # type: ignore[attr-defined]
ATTACHMENTS: Table = Attachment.__table__  # type: ignore[attr-defined]
META: Table = EntryMeta.__table__  # type: ignore[attr-defined]
OEMBEDS: Table = OembedCache.__table__  # type: ignore[attr-defined]
_UNKNOWN_EMBED = "{{unknown}}"
_OEMBED_META_KEY = re.compile(r"_oembed_[0-9a-f]{32}")
# render_block_core_block() follows references inside reusable blocks; this bounds the fetch rounds.
MAX_BLOCK_DEPTH = 8
# Keep IN lists well under every engine's bound-parameter limit.
_IN_CHUNK = 900


@dataclass(frozen=True)
class EntryText:
    """The raw fields of one entry that rendering reads."""

    id: int
    type: str
    title: str
    content: str
    excerpt: str

    @property
    def texts(self) -> tuple[str, str]:
        return self.content, self.excerpt


def _chunks(values: Iterable[Any]) -> Iterable[list[Any]]:
    ordered = sorted(values)
    for start in range(0, len(ordered), _IN_CHUNK):
        yield ordered[start : start + _IN_CHUNK]


# wp_create_image_subsizes() (WordPress >= 5.3) makes these first, then the other sizes in registration order;
# the metadata keeps that order and srcset lists the files in it. WordPress's importer makes every file's
# sub-sizes again, so an imported site lists them so, whatever order the export's metadata had.
_SUBSIZE_PRIORITY = ("medium", "large", "thumbnail", "medium_large")


def _creation_order(sizes: dict[str, Any]) -> list[tuple[str, Any]]:
    first = [(name, sizes[name]) for name in _SUBSIZE_PRIORITY if name in sizes]
    return first + [(name, size) for name, size in sizes.items() if name not in _SUBSIZE_PRIORITY]


def _sizes(
    url: str, sizes: dict[str, Any], original_url: str = "", missing: Iterable[str] = ()
) -> dict[str, ImageSize]:
    # Sub-size files sit beside the full file (WordPress derives their URLs the same way); those the uploads
    # copy lacked are still beside the old site's file.
    base = url.rsplit("/", 1)[0]
    old_base = original_url.rsplit("/", 1)[0] if original_url else base
    lacking = set(missing)
    found = {}
    for name, size in _creation_order(sizes):
        if isinstance(size, dict) and size.get("file"):
            folder = old_base if size["file"] in lacking else base
            found[str(name)] = ImageSize(
                f"{folder}/{size['file']}", int(size.get("width") or 0), int(size.get("height") or 0)
            )
    return found


def attachment_info(row: Any, site_url: str, link: str = "") -> AttachmentInfo:
    """``AttachmentInfo`` from an attachment row joined with its entry (``link``: its attachment page)."""
    url = media_url(site_url, row.file) if row.is_stored and row.file else row.original_url
    return AttachmentInfo(
        id=int(row.id),
        url=url,
        mime=row.mime_type,
        width=int(row.width or 0),
        height=int(row.height or 0),
        alt=row.alt_text,
        caption=row.excerpt,
        title=row.title,
        link=link or row.link,
        sizes=_sizes(url, row.sizes or {}, row.original_url, row.missing_files or ()),
    )


@dataclass
class RenderData:
    """Reusable blocks, attachments and oEmbed caches for a batch; answers like ``RenderContext``."""

    site_url: str
    site: Site | None = None
    blocks: dict[int, str] = field(default_factory=dict)
    attachments: dict[int, AttachmentInfo] = field(default_factory=dict)
    children: dict[int, list[AttachmentInfo]] = field(default_factory=dict)
    oembeds: dict[str, str] = field(default_factory=dict)
    post_oembeds: dict[int, dict[str, str]] = field(default_factory=dict)
    # The parent whose permalink each attachment's link was built under.
    link_parents: dict[int, int] = field(default_factory=dict)
    # Site-wide lists for the listing blocks, queried only if an entry of the batch shows one.
    site_queries: SiteQueries | None = None

    @classmethod
    def load(
        cls, session: Session, entries: Sequence[EntryText], site_url: str, *, attachments: Iterable[int] = ()
    ) -> RenderData:
        """Fetch what the entries' rendering will look up, in a fixed number of queries (``attachments``: more
        attachments to fetch, such as the entries' own)."""
        data = cls(site_url, site_queries=SiteQueries(session))
        texts = [text for entry in entries for text in entry.texts]
        refs, attachment_ids, urls = referenced_texts(texts)
        parents = {p for e in entries for text in e.texts for p in media_parents(text, e.id)}
        block_texts = data._load_blocks(session, refs)
        more_refs, more_attachments, more_urls = referenced_texts(block_texts)
        attachment_ids |= more_attachments | set(attachments)
        urls |= more_urls
        data._load_attachments(session, attachment_ids, parents)
        data._load_oembeds(session, urls, [entry.id for entry in entries])
        return data

    def _load_blocks(self, session: Session, refs: set[int]) -> list[str]:
        # Published and without a password, as render_block_core_block() requires; nested refs round by round.
        wanted, tried = set(refs), set[int]()
        for _ in range(MAX_BLOCK_DEPTH):
            wanted -= tried
            if not wanted:
                break
            tried |= wanted
            found: dict[int, str] = {}
            for ids in _chunks(wanted):
                query = select(ENTRIES.c.id, ENTRIES.c.content).where(
                    ENTRIES.c.id.in_(ids), ENTRIES.c.type == "wp_block", ENTRIES.c.status == "publish"
                )
                found |= {int(row.id): row.content for row in session.execute(query.where(ENTRIES.c.password == ""))}
            self.blocks |= found
            wanted = referenced_texts(found.values())[0]
        return list(self.blocks.values())

    def _attachment_query(self) -> Any:
        columns = [ENTRIES.c.id, ENTRIES.c.title, ENTRIES.c.excerpt, ENTRIES.c.link, ENTRIES.c.parent_id]
        columns += [ENTRIES.c.slug]
        columns += [ENTRIES.c.status, ENTRIES.c.menu_order]
        columns += [ATTACHMENTS.c[name] for name in ("file", "mime_type", "width", "height", "alt_text", "sizes")]
        columns += [ATTACHMENTS.c.original_url, ATTACHMENTS.c.is_stored, ATTACHMENTS.c.missing_files]
        return select(*columns).join_from(ENTRIES, ATTACHMENTS, ATTACHMENTS.c.entry_id == ENTRIES.c.id)

    def _attachment_rows(self, session: Session, ids: set[int]) -> list[Any]:
        rows: list[Any] = []
        for chunk in _chunks(ids):
            rows += session.execute(self._attachment_query().where(ENTRIES.c.id.in_(chunk))).all()
        return rows

    def add_attachments(self, session: Session, ids: set[int]) -> None:
        """Fetch these attachments too."""
        rows = self._attachment_rows(session, ids)
        links = self._attachment_links(session, rows)
        for row in rows:
            self.attachments[int(row.id)] = attachment_info(row, self.site_url, links.get(int(row.id), ""))

    def _load_attachments(self, session: Session, ids: set[int], parents: set[int]) -> None:
        rows = self._attachment_rows(session, ids)
        children: list[Any] = []
        for chunk in _chunks(parents):
            # get_children(): attachments of the post with status inherit, ordered by "menu_order ID".
            query = self._attachment_query().where(ENTRIES.c.parent_id.in_(chunk), ENTRIES.c.status == "inherit")
            children += session.execute(query.order_by(ENTRIES.c.menu_order, ENTRIES.c.id)).all()
        # One round of link lookups for both lists (an attachment in both gets the same link).
        links = self._attachment_links(session, rows + children)
        for row in rows:
            self.attachments[int(row.id)] = attachment_info(row, self.site_url, links.get(int(row.id), ""))
        for row in children:
            info = attachment_info(row, self.site_url, links.get(int(row.id), ""))
            self.children.setdefault(int(row.parent_id), []).append(info)
        for parent in parents:
            self.children.setdefault(parent, [])

    def _attachment_links(self, session: Session, rows: Sequence[Any]) -> dict[int, str]:
        # get_attachment_link(): under the parent's permalink, so the parents and what their links need are read.
        # Entries are made by model_construct() (see _read_entry): plain values read from the database, which
        # SQLModel's full constructor (defaults and attribute events field by field) takes several times longer to set.
        if not rows:
            return {}
        if self.site is None:
            self.site = load_site(session)
        parent_ids = {int(row.parent_id) for row in rows} - {0}
        parents: dict[int, Entry] = {}
        columns = [ENTRIES.c[name] for name in _PERMALINK_COLUMNS]
        for chunk in _chunks(parent_ids):
            for parent in session.execute(select(*columns).where(ENTRIES.c.id.in_(chunk))):
                parents[int(parent.id)] = _read_entry(**parent._mapping)
        self.link_parents |= {int(row.id): int(row.parent_id) for row in rows if int(row.parent_id) in parents}
        # A post's category is read only where the structure shows it; revision counts never.
        taxonomies = ("category",) if "%category%" in self.site.permalink_structure else ()
        relations = load_relations(session, list(parents.values()), taxonomies, revisions=False)
        parent_links = {pid: attachment_parent_link(parent, self.site, relations) for pid, parent in parents.items()}
        page = MediaPage(self.site, self.site_url, parents=parents, parent_links=parent_links, private_readable=False)
        links = {}
        for row in rows:
            entry = _read_entry(id=row.id, type="attachment", slug=row.slug, status=row.status, parent_id=row.parent_id)
            links[int(row.id)] = attachment_link(entry, page)
        return links

    def _load_oembeds(self, session: Session, urls: set[str], entry_ids: list[int]) -> None:
        if not urls:
            return
        keys = {key for url in urls for key in oembed_cache_keys(url)}
        for chunk in _chunks(keys):
            query = select(OEMBEDS.c.cache_key, OEMBEDS.c.html).where(OEMBEDS.c.cache_key.in_(chunk))
            self.oembeds |= {row.cache_key: row.html for row in session.execute(query)}
        # Inside a post WP_Embed keeps its cache in the post's meta "_oembed_{key}".
        for chunk in _chunks(entry_ids):
            query = select(META.c.entry_id, META.c.key, META.c.value_raw).where(
                and_(META.c.entry_id.in_(chunk), META.c.key.like("\\_oembed\\_%", escape="\\"))
            )
            for row in session.execute(query):
                if _OEMBED_META_KEY.fullmatch(row.key):
                    self.post_oembeds.setdefault(int(row.entry_id), {})[row.key[8:]] = row.value_raw

    def for_entry(self, entry_id: int) -> EntryContext:
        """The ``RenderContext`` of one entry of the batch."""
        return EntryContext(self, self.site_url, entry_id)


# What get_permalink() reads of an entry.
_PERMALINK_COLUMNS = ("id", "type", "status", "slug", "date", "parent_id", "author_id", "featured_media_id")
# Every field's default, worked out once: model_construct() works out each one it is not given, inspecting the
# default factory's signature every time, which costs more than the rest of the construction.
_ENTRY_DEFAULTS: dict[str, Any] = {
    name: info.get_default(call_default_factory=True) for name, info in Entry.model_fields.items()
}


def _read_entry(**values: Any) -> Entry:
    """An entry of values read from the database, only to be read (its mutable defaults are shared)."""
    return Entry.model_construct(**(_ENTRY_DEFAULTS | values))


# What one entry's rendering asked the site for, as keys :func:`saved_keys` fires when the answer may change:
# an entry ID (a reusable block or an attachment), "parent:N" (the media attached to post N), OEMBED_KEY,
# or one of SITE_KEYS.
DependencyKey = int | str
# Any oEmbed cache written: cache keys are hashes of URL and size, so one key stands for every embed lookup.
OEMBED_KEY = "oembed"
# Site-wide data the listing blocks read: any published post, any comment, any term, the site's options.
POSTS_KEY, COMMENTS_KEY, TERMS_KEY, OPTIONS_KEY = "posts", "comments", "terms", "options"
SITE_KEYS = frozenset({POSTS_KEY, COMMENTS_KEY, TERMS_KEY, OPTIONS_KEY})


def parent_key(post_id: int) -> str:
    """The dependency key of the media attached to a post."""
    return f"parent:{post_id}"


@dataclass
class EntryContext:
    """``RenderContext`` for one entry, answering from the batch's prefetched data and noting what it was asked."""

    data: RenderData
    site_url: str
    post_id: int
    asked: set[DependencyKey] = field(default_factory=set)

    def reusable_block(self, block_id: int) -> str | None:
        self.asked.add(block_id)
        return self.data.blocks.get(block_id)

    def _asked_attachments(self, ids: Iterable[int]) -> None:
        for attachment_id in ids:
            self.asked.add(attachment_id)
            parent = self.data.link_parents.get(attachment_id)
            if parent is not None:
                self.asked.add(parent)  # the attachment page link is under the parent's permalink

    def attachment(self, attachment_id: int) -> AttachmentInfo | None:
        self._asked_attachments((attachment_id,))
        return self.data.attachments.get(attachment_id)

    def attached_media(self, post_id: int, mime_prefix: str) -> list[AttachmentInfo]:
        # The list changes when an attachment of the post is written, or one listed here moves away.
        media = [media for media in self.data.children.get(post_id, []) if media.mime.startswith(mime_prefix)]
        self.asked.add(parent_key(post_id))
        self._asked_attachments(info.id for info in media)
        return media

    def oembed_html(self, url: str) -> str | None:
        self.asked.add(OEMBED_KEY)
        own = self.data.post_oembeds.get(self.post_id, {})
        for key in oembed_cache_keys(url):
            html = own.get(key, self.data.oembeds.get(key))
            if html is not None:
                return None if html.strip() == _UNKNOWN_EMBED else html
        return None

    def _site(self, *keys: str) -> SiteQueries | None:
        self.asked.update(keys)
        return self.data.site_queries

    def site_info(self) -> SiteInfo:
        queries = self._site(OPTIONS_KEY)
        return queries.info() if queries is not None else SiteInfo(home=self.site_url.rstrip("/"))

    def latest_posts(self, count: int, order_by: str, order: str, category_ids: Sequence[int]) -> list[PostSummary]:
        queries = self._site(POSTS_KEY, TERMS_KEY, OPTIONS_KEY)
        return queries.latest_posts(count, order_by, order, category_ids) if queries is not None else []

    def archive_months(self) -> list[tuple[int, int, int]]:
        queries = self._site(POSTS_KEY)
        return queries.archive_months() if queries is not None else []

    def post_days(self, year: int, month: int) -> set[int]:
        queries = self._site(POSTS_KEY)
        return queries.post_days(year, month) if queries is not None else set()

    def latest_comments(self, count: int) -> list[CommentSummary]:
        queries = self._site(COMMENTS_KEY, POSTS_KEY, TERMS_KEY, OPTIONS_KEY)
        return queries.latest_comments(count) if queries is not None else []

    def terms(self, taxonomy: str) -> list[TermSummary]:
        queries = self._site(TERMS_KEY, POSTS_KEY, OPTIONS_KEY)
        return queries.terms(taxonomy) if queries is not None else []
