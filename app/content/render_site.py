"""The site-wide facts the listing blocks read (app.rendering.site_blocks), fetched on first use per batch.

Most batches render no such block and never query any of this; a batch that does asks each question
once, whatever number of its entries ask it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from app.comments.models import Comment
from app.content.models import Entry
from app.content.permalinks import Site, load_site, permalink, term_link
from app.content.queries import load_relations
from app.options.service import get_options
from app.rendering.context import CommentSummary, PostSummary, SiteInfo, TermSummary
from app.taxonomy.models import Term, TermRelationship

ENTRIES: Table = Entry.__table__  # type: ignore[attr-defined]
COMMENTS: Table = Comment.__table__  # type: ignore[attr-defined]
TERMS: Table = Term.__table__  # type: ignore[attr-defined]
RELATIONSHIPS: Table = TermRelationship.__table__  # type: ignore[attr-defined]
_PERMALINK_COLUMNS = ("id", "type", "status", "slug", "date", "parent_id", "author_id", "featured_media_id")
_POST_COLUMNS = (*_PERMALINK_COLUMNS, "title", "date_gmt", "password")


def _local_now(options: dict[str, Any]) -> datetime:
    """``current_time('mysql')``: now in the site's time zone (its name, else its fixed offset)."""
    now = datetime.now(UTC)
    name = str(options.get("timezone_string") or "")
    if name:
        try:
            return now.astimezone(ZoneInfo(name)).replace(tzinfo=None)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        offset = float(str(options.get("gmt_offset") or 0))
    except ValueError:
        offset = 0.0
    return (now + timedelta(hours=offset)).replace(tzinfo=None)


def _int(value: Any, default: int) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


@dataclass
class SiteQueries:
    """Answers the site-wide questions of ``RenderContext`` from the database, each once."""

    session: Session
    _site: Site | None = None
    _info: SiteInfo | None = None
    _months: list[tuple[int, int, int]] | None = None
    _days: dict[tuple[int, int], set[int]] = field(default_factory=dict)
    _posts: dict[tuple[int, str, str, tuple[int, ...]], list[PostSummary]] = field(default_factory=dict)
    _comments: dict[int, list[CommentSummary]] = field(default_factory=dict)
    _terms: dict[str, list[TermSummary]] = field(default_factory=dict)

    @property
    def site(self) -> Site:
        if self._site is None:
            self._site = load_site(self.session)
        return self._site

    def info(self) -> SiteInfo:
        if self._info is None:
            options = get_options(self.session, ("date_format", "start_of_week", "timezone_string", "gmt_offset"))
            self._info = SiteInfo(
                home=self.site.home,
                permalink_structure=self.site.permalink_structure,
                date_format=str(options["date_format"] or "F j, Y"),
                start_of_week=_int(options["start_of_week"], 1),
                now=_local_now(options),
                timezone_name=str(options["timezone_string"] or ""),
                gmt_offset=self.site.gmt_offset,
            )
        return self._info

    def _entries(self, rows: Sequence[Any]) -> dict[int, Entry]:
        return {int(row.id): Entry(**{name: getattr(row, name) for name in _PERMALINK_COLUMNS}) for row in rows}

    def _links(self, entries: dict[int, Entry]) -> dict[int, str]:
        relations = load_relations(self.session, list(entries.values()), ("category",))
        return {entry_id: permalink(entry, self.site, relations) for entry_id, entry in entries.items()}

    def latest_posts(self, count: int, order_by: str, order: str, category_ids: Sequence[int]) -> list[PostSummary]:
        key = (count, order_by, order, tuple(category_ids))
        if key not in self._posts:
            self._posts[key] = self._query_posts(count, order_by, order, category_ids)
        return self._posts[key]

    def _query_posts(self, count: int, order_by: str, order: str, category_ids: Sequence[int]) -> list[PostSummary]:
        query = select(*(ENTRIES.c[name] for name in _POST_COLUMNS)).where(
            ENTRIES.c.type == "post", ENTRIES.c.status == "publish"
        )
        if category_ids:
            members = select(RELATIONSHIPS.c.entry_id).where(RELATIONSHIPS.c.term_id.in_(list(category_ids)))
            query = query.where(ENTRIES.c.id.in_(members))
        # Titles order as in WordPress's database collation (see app.core.collation), not by code point.
        column = ENTRIES.c.title_sort_key if order_by == "title" else ENTRIES.c.date
        ascending = order.lower() == "asc"
        query = query.order_by(column.asc() if ascending else column.desc(), ENTRIES.c.id.desc())
        rows = self.session.execute(query.limit(max(count, 0))).all()
        links = self._links(self._entries(rows))
        return [
            PostSummary(
                id=int(row.id),
                title=row.title,
                link=links[int(row.id)],
                date=row.date,
                date_gmt=row.date_gmt or row.date - timedelta(hours=self.site.gmt_offset),
                protected=bool(row.password),
            )
            for row in rows
        ]

    def _published_dates(self) -> list[datetime]:
        query = select(ENTRIES.c.date).where(ENTRIES.c.type == "post", ENTRIES.c.status == "publish")
        return [value for value in self.session.scalars(query) if value is not None]

    def archive_months(self) -> list[tuple[int, int, int]]:
        if self._months is None:
            dates = self._published_dates()
            months = Counter((value.year, value.month) for value in dates)
            self._months = [(year, month, months[(year, month)]) for year, month in sorted(months, reverse=True)]
            for value in dates:
                self._days.setdefault((value.year, value.month), set()).add(value.day)
        return self._months

    def post_days(self, year: int, month: int) -> set[int]:
        self.archive_months()
        return self._days.get((year, month), set())

    def latest_comments(self, count: int) -> list[CommentSummary]:
        if count not in self._comments:
            self._comments[count] = self._query_comments(count)
        return self._comments[count]

    def _query_comments(self, count: int) -> list[CommentSummary]:
        published = select(ENTRIES.c.id).where(ENTRIES.c.status == "publish")
        query = (
            select(COMMENTS)
            .where(COMMENTS.c.status == "1", COMMENTS.c.entry_id.in_(published))
            .order_by(COMMENTS.c.date_gmt.desc(), COMMENTS.c.id.desc())
            .limit(max(count, 0))
        )
        comments = self.session.execute(query).all()
        post_ids = sorted({int(row.entry_id) for row in comments})
        posts = self.session.execute(select(*(ENTRIES.c[n] for n in _POST_COLUMNS)).where(ENTRIES.c.id.in_(post_ids)))
        rows = {int(row.id): row for row in posts}
        links = self._links(self._entries(list(rows.values())))
        found = []
        for comment in comments:
            post = rows[int(comment.entry_id)]
            found.append(
                CommentSummary(
                    id=int(comment.id),
                    author_name=comment.author_name,
                    author_url=comment.author_url,
                    author_email=comment.author_email,
                    content=comment.content,
                    date=comment.date,
                    date_gmt=comment.date_gmt or comment.date,
                    post_title=post.title,
                    post_protected=bool(post.password),
                    link=f"{links[int(post.id)]}#comment-{comment.id}",
                )
            )
        return found

    def terms(self, taxonomy: str) -> list[TermSummary]:
        if taxonomy not in self._terms:
            self._terms[taxonomy] = self._query_terms(taxonomy)
        return self._terms[taxonomy]

    def _query_terms(self, taxonomy: str) -> list[TermSummary]:
        # Core rows, not ORM objects: the session's identity map may hold a term as it was before this write.
        columns = (TERMS.c.id, TERMS.c.slug, TERMS.c.name, TERMS.c.parent_id, TERMS.c.taxonomy)
        rows = self.session.execute(select(*columns).where(TERMS.c.taxonomy == taxonomy)).all()
        terms = [Term(**row._mapping) for row in rows]
        # The term's count: its published posts (_update_post_term_count).
        counted = (
            select(RELATIONSHIPS.c.term_id, func.count())
            .join(ENTRIES, ENTRIES.c.id == RELATIONSHIPS.c.entry_id)
            .where(ENTRIES.c.status == "publish", ENTRIES.c.type == "post")
            .where(RELATIONSHIPS.c.term_id.in_(select(TERMS.c.id).where(TERMS.c.taxonomy == taxonomy)))
            .group_by(RELATIONSHIPS.c.term_id)
        )
        counts = {int(term_id): int(total) for term_id, total in self.session.execute(counted)}
        ancestors = {int(term.id or 0): (term.slug, term.parent_id) for term in terms}
        summaries = [
            TermSummary(
                id=int(term.id or 0),
                name=term.name,
                slug=term.slug,
                parent=term.parent_id,
                count=counts.get(int(term.id or 0), 0),
                link=term_link(term, taxonomy, self.site, ancestors),
            )
            for term in terms
        ]
        return sorted(summaries, key=lambda term: (term.name.casefold(), term.id))
