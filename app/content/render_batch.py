"""Rendering a chunk of entries: read their raw fields, prefetch what they show, render, write back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.content.render_attachment import attachment_preview
from app.content.render_context import ENTRIES, DependencyKey, EntryText, RenderData
from app.core.rows import update_text_by_id
from app.rendering import render_content_and_excerpt, render_title

# Types whose content is not HTML for the_content (JSON, CSS, settings, menu links): never rendered.
UNRENDERED_TYPES = frozenset(
    {
        "nav_menu_item",
        "custom_css",
        "customize_changeset",
        "oembed_cache",
        "user_request",
        "acf-field",
        "acf-field-group",
        "wp_global_styles",
        "wp_font_family",
        "wp_font_face",
    }
)
CHUNK_SIZE = 500
RENDERED_COLUMNS = ("title_rendered", "content_rendered", "excerpt_rendered")


def is_rendered_type(post_type: str) -> bool:
    """Whether WordPress renders this post type's title, content and excerpt."""
    return post_type not in UNRENDERED_TYPES


def chunks(ids: Iterable[int], size: int = CHUNK_SIZE) -> Iterable[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def load_texts(session: Session, ids: Sequence[int]) -> list[EntryText]:
    """The raw fields of the entries among ``ids`` whose type is rendered."""
    columns = (ENTRIES.c.id, ENTRIES.c.type, ENTRIES.c.title, ENTRIES.c.content, ENTRIES.c.excerpt)
    query = select(*columns).where(ENTRIES.c.id.in_(ids), ENTRIES.c.type.not_in(UNRENDERED_TYPES))
    # All rows at once, unpacked: fetching and reading them one by one costs a third more.
    rows = session.execute(query).all()
    return [EntryText(int(entry_id), kind, title, content, excerpt) for entry_id, kind, title, content, excerpt in rows]


@dataclass
class RenderedChunk:
    """Rows for :func:`store_rendered`, and what each entry's rendering asked the site for (if anything)."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    asked: list[tuple[int, tuple[DependencyKey, ...]]] = field(default_factory=list)


def render_texts(data: RenderData, entries: Sequence[EntryText]) -> RenderedChunk:
    """The rendered fields of each entry, and the site facts each rendering read."""
    rendered = RenderedChunk()
    for entry in entries:
        ctx = data.for_entry(entry.id)
        # prepend_attachment() (the_content, after wpautop): an attachment's description follows its file, and a
        # generated caption (the excerpt) starts with it; what runs after it leaves the file's markup as it is.
        attachment = data.attachments.get(entry.id) if entry.type == "attachment" else None
        preview = attachment_preview(attachment, ctx) if attachment is not None else ""
        content, excerpt = render_content_and_excerpt(entry.content, entry.excerpt, ctx, preview)
        if preview:
            content = f"{preview}\n{content}"
        rendered.rows.append(
            {
                "b_id": entry.id,
                "title_rendered": render_title(entry.title),
                "content_rendered": content,
                "excerpt_rendered": excerpt,
            }
        )
        if ctx.asked:
            rendered.asked.append((entry.id, tuple(ctx.asked)))
    return rendered


def render_chunk(session: Session, ids: Sequence[int], site_url: str) -> RenderedChunk:
    """Read, prefetch for and render one chunk of entries (nothing is written)."""
    entries = load_texts(session, ids)
    if not entries:
        return RenderedChunk()
    # An attachment's own description shows its file, so it is one of the attachments looked up.
    own = {e.id for e in entries if e.type == "attachment"}
    return render_texts(RenderData.load(session, entries, site_url, attachments=own), entries)


def store_rendered(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Write rendered fields (rows from :func:`render_texts`)."""
    values = [(row["b_id"], *(row[key] for key in RENDERED_COLUMNS)) for row in rows]
    update_text_by_id(session, ENTRIES, RENDERED_COLUMNS, values)
