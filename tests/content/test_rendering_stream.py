"""Bulk writes render batch by batch in worker processes and still end up as if rendered after the last write."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.content.render_batch import render_chunk
from app.content.render_context import ENTRIES
from app.content.render_dependents import dependents
from app.content.rendering import defer_rendering, render_committed, render_pending
from app.content.service import EntryWrite, get_entry, save_entries
from app.core.settings import get_settings

PHOTO_DETAILS = {
    "file": "2024/03/photo.jpg",
    "mime_type": "image/jpeg",
    "width": 1200,
    "height": 800,
    "alt_text": "A photo",
    "sizes": {},
    "original_url": "https://old.example/wp-content/uploads/2024/03/photo.jpg",
}


def _write(session: Session, *writes: EntryWrite) -> None:
    """One import batch: saved, committed, handed to the workers."""
    save_entries(session, list(writes))
    session.commit()
    render_committed(session)


def _post(entry_id: int, content: str, **fields: Any) -> EntryWrite:
    return EntryWrite(
        fields={"id": entry_id, "type": "post", "title": f"Post {entry_id}", "content": content, **fields}
    )


def _block(entry_id: int, text: str) -> EntryWrite:
    content = f"<!-- wp:paragraph --><p>{text}</p><!-- /wp:paragraph -->"
    return EntryWrite(fields={"id": entry_id, "type": "wp_block", "content": content})


def _photo(entry_id: int, *, parent_id: int = 0, caption: str = "Caption") -> EntryWrite:
    fields = {"id": entry_id, "type": "attachment", "status": "inherit", "title": "Photo", "excerpt": caption}
    return EntryWrite(fields={**fields, "parent_id": parent_id}, details=dict(PHOTO_DETAILS))


def _content_rendered(session: Session, entry_id: int) -> str:
    return str(session.execute(select(ENTRIES.c.content_rendered).where(ENTRIES.c.id == entry_id)).scalar_one())


def _wait_until_rendered(session: Session, entry_id: int) -> str:
    """Commit empty batches until the workers' rendering of the entry has been written."""
    deadline = time.monotonic() + 60
    while not (rendered := _content_rendered(session, entry_id)) and time.monotonic() < deadline:
        time.sleep(0.05)
        _write(session)
    return rendered


def _stored_equals_full_render(session: Session) -> None:
    ids = [int(i) for i in session.scalars(select(ENTRIES.c.id))]
    expected = {row["b_id"]: row for row in render_chunk(session, ids, get_settings().site_url).rows}
    for entry_id, row in expected.items():
        entry = get_entry(session, entry_id)
        stored = (entry.title_rendered, entry.content_rendered, entry.excerpt_rendered)
        assert stored == (row["title_rendered"], row["content_rendered"], row["excerpt_rendered"]), entry_id


def test_entries_rendered_before_what_they_show_arrived_render_again_at_the_end(session: Session) -> None:
    defer_rendering(session, workers=1, pool_threshold=1)
    _write(session, _post(10, '<!-- wp:block {"ref":30} /-->'), _post(11, '[gallery ids="40"]'))
    _write(session, _post(12, "[gallery]"), _post(13, "Plain text"))
    _write(session, _block(30, "Late block"), _photo(40), _photo(41, parent_id=12))
    render_pending(session)
    session.commit()
    assert get_entry(session, 10).content_rendered == "<p>Late block</p>"
    assert "Caption" in get_entry(session, 11).content_rendered
    assert "gallery-1-41" in get_entry(session, 12).content_rendered
    _stored_equals_full_render(session)


def test_a_block_written_again_later_renders_its_users_again(session: Session) -> None:
    defer_rendering(session, workers=1, pool_threshold=1)
    _write(session, _block(30, "First wording"))
    _write(session, _post(10, '<!-- wp:block {"ref":30} /-->'))
    _write(session, _block(30, "Second wording"))
    render_pending(session)
    session.commit()
    assert get_entry(session, 10).content_rendered == "<p>Second wording</p>"
    _stored_equals_full_render(session)


def test_a_stale_rendering_is_cleared_with_the_write_that_made_it_stale(session: Session) -> None:
    # A run killed before its end leaves nothing stale behind: the next run renders the cleared entries again.
    defer_rendering(session, workers=1, pool_threshold=1)
    _write(session, _post(10, 'Intro\n\n<!-- wp:block {"ref":30} /-->'), _post(13, "Plain text"))
    assert _wait_until_rendered(session, 10).startswith("Intro")
    save_entries(session, [_block(30, "Late block")])
    assert _content_rendered(session, 10) == ""
    assert _content_rendered(session, 13) == "<p>Plain text</p>\n"
    session.commit()
    render_committed(session)
    render_pending(session)
    session.commit()
    assert _content_rendered(session, 10) == "Intro\n\n<p>Late block</p>"


def test_entries_not_written_again_that_show_a_written_block_render_again(session: Session) -> None:
    save_entries(session, [_block(30, "Old wording"), _post(10, '<!-- wp:block {"ref":30} /-->')])
    session.commit()
    defer_rendering(session, workers=1, pool_threshold=1)
    _write(session, _block(30, "New wording"))
    render_pending(session)
    session.commit()
    assert get_entry(session, 10).content_rendered == "<p>New wording</p>"


def test_dependents_follow_chains_of_reusable_blocks(session: Session) -> None:
    save_entries(
        session,
        [
            _block(30, "Inner"),
            EntryWrite(fields={"id": 31, "type": "wp_block", "content": '<!-- wp:block {"ref":30} /-->'}),
            _post(10, '<!-- wp:block {"ref":31} /-->'),
            _post(11, '[gallery id="12"]'),
            _photo(40, parent_id=12),
            _post(13, "Shows nothing"),
        ],
    )
    assert dependents(session, {30}, set()) == {31, 10}
    assert dependents(session, set(), {40}) == {11}
