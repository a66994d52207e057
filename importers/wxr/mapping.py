"""From WXR records to the services' write records: common columns, meta projections, old URLs."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from app.comments.service import CommentWrite
from app.core.slugs import sanitize_title
from importers.wxr.records import CommentRecord, ItemRecord, Meta

ZERO_DATE = "0000-00-00 00:00:00"


def parse_wp_datetime(value: str | None) -> datetime | None:
    """A MySQL datetime string as WordPress stores it; the zero date and garbage are None."""
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def unreadable_dates(dates: dict[str, str | None]) -> dict[str, str]:
    """Dates that are neither a MySQL datetime nor the zero date, kept as written (their columns stay empty)."""
    return {
        name: value
        for name, value in dates.items()
        if value and parse_wp_datetime(value) is None and not value.startswith("0000-00-00")
    }


def meta_pairs(meta: list[Meta]) -> list[tuple[str, str]]:
    return [(row.key, row.value) for row in meta]


def first_meta(meta: list[Meta], key: str) -> str | None:
    for row in meta:
        if row.key == key:
            return row.value
    return None


def int_or_zero(value: str | None) -> int:
    try:
        return int(str(value).strip()) if value else 0
    except ValueError:
        return 0


def wp_slug(slug: str) -> str:
    """A slug as WordPress stores it (``sanitize_title``): WordPress's exports already hold slugs so; other tools'
    WXR files may carry spaces, capitals or accented letters, which no lookup by slug or path would find.

    Not cut at WordPress's 200 characters: a longer slug is the old site's URL, and cutting it could give two
    items one slug (``...-10`` and ``...-11`` both ``...-1``)."""
    return sanitize_title(slug, max_length=None)


# wp_insert_post() leaves these without a slug when none is given; every other status gets one.
_STATUSES_WITHOUT_SLUG = frozenset({"draft", "pending", "auto-draft"})


def normalize_slugs(item: ItemRecord) -> None:
    """The item's slug and its terms' slugs as WordPress stores them (see wp_slug). An item with no slug that
    WordPress would publish under one gets the slug of its title, else its ID, as wp_insert_post() gives it."""
    item.post_name = wp_slug(item.post_name)
    status = item.status or ("inherit" if item.post_type == "attachment" else "draft")
    if not item.post_name and status not in _STATUSES_WITHOUT_SLUG:
        # A new slug, so cut as WordPress cuts the ones it makes.
        item.post_name = sanitize_title(item.title) or (str(item.post_id) if item.post_id > 0 else "")
    for term in item.terms:
        term.slug = wp_slug(term.slug)


def old_path(url: str) -> str:
    """The part of an old-site URL that identifies it on any host: path plus query."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def entry_fields(item: ItemRecord, *, author_id: int | None, source_id: int) -> dict[str, Any]:
    """The common entry columns of an item, with the meta keys WordPress projects into post fields."""
    date = parse_wp_datetime(item.post_date)
    date_gmt = parse_wp_datetime(item.post_date_gmt)
    # The export's modified dates are kept: the WordPress Importer drops them (wp_insert_post() then sets
    # modified = date), one of the losses this importer exists to avoid. Exports before WordPress 5.7 carry
    # none; the post date stands in, as WordPress would have it.
    modified = parse_wp_datetime(item.post_modified) or date
    modified_gmt = parse_wp_datetime(item.post_modified_gmt) or date_gmt
    extra: dict[str, Any] = dict(item.extra)
    dates: dict[str, str | None] = {"wp:post_date": item.post_date, "wp:post_date_gmt": item.post_date_gmt}
    extra |= unreadable_dates(
        dates | {"wp:post_modified": item.post_modified, "wp:post_modified_gmt": item.post_modified_gmt}
    )
    if item.pub_date:
        extra["pubDate"] = item.pub_date
    return {
        "id": item.post_id,
        # wp_insert_post()'s defaults for what the item leaves out: a post, and a draft (an attachment
        # inherits), never published content nobody published.
        "type": item.post_type or "post",
        "status": item.status or ("inherit" if item.post_type == "attachment" else "draft"),
        "slug": item.post_name,
        "title": item.title,
        "content": item.content,
        "excerpt": item.excerpt,
        "author_id": author_id,
        "parent_id": item.post_parent,
        "menu_order": item.menu_order,
        "date": date,
        "date_gmt": date_gmt,
        "modified": modified,
        "modified_gmt": modified_gmt,
        "password": item.post_password,
        "comment_status": item.comment_status or "open",
        "ping_status": item.ping_status or "open",
        "guid": item.guid,
        "link": item.link,
        "is_sticky": item.is_sticky,
        "featured_media_id": int_or_zero(first_meta(item.meta, "_thumbnail_id")),
        "template": first_meta(item.meta, "_wp_page_template") or "",
        "source_id": source_id,
        "extra": extra,
    }


def old_urls(item: ItemRecord) -> list[tuple[str, str]]:
    """Every address the item answered to on the old site, for lookup and redirects later."""
    urls: list[tuple[str, str]] = []
    if item.link:
        urls.append(("link", old_path(item.link)))
    if item.guid:
        urls.append(("guid", old_path(item.guid)))
    if item.attachment_url:
        urls.append(("attachment_url", old_path(item.attachment_url)))
    urls.extend(("old_slug", row.value.strip()) for row in item.meta if row.key == "_wp_old_slug" and row.value.strip())
    return urls


def comment_write(comment: CommentRecord, *, entry_id: int, user_id: int) -> CommentWrite:
    """A comment as the comments service takes it; WordPress's ``comment_approved`` kept as status."""
    fields = {
        "id": comment.id,
        "entry_id": entry_id,
        "parent_id": comment.parent,
        "user_id": user_id,
        "author_name": comment.author,
        "author_email": comment.author_email,
        "author_url": comment.author_url,
        "author_ip": comment.author_ip,
        "date": parse_wp_datetime(comment.date),
        "date_gmt": parse_wp_datetime(comment.date_gmt),
        "content": comment.content,
        "status": comment.approved or "0",
        "type": comment.type,
    }
    extra = comment.extra | unreadable_dates({"wp:comment_date": comment.date, "wp:comment_date_gmt": comment.date_gmt})
    if extra:
        fields["extra"] = extra
    return CommentWrite(fields=fields, meta=meta_pairs(comment.meta))
