from __future__ import annotations

import hashlib
import importlib
import json
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy.orm import Session

from app.content.service import get_entry
from tests.builders import make_entry, make_post

bench_render: ModuleType = importlib.import_module("bench.render")

PATTERN = "<!-- wp:paragraph --><p>Shared</p><!-- /wp:paragraph -->"
BLOCKS = '<!-- wp:paragraph -->\n<p>"Quoted" -- text</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:block {"ref":5} /-->'


def _site(session: Session) -> list[int]:
    make_entry(session, type="wp_block", id=5, slug="pattern", content=PATTERN)
    make_post(session, id=6, slug="blocks", content=BLOCKS)
    make_post(session, id=7, slug="classic", content="First line\nsecond 'line'\n\nA paragraph :)", excerpt="By hand")
    session.commit()
    return [5, 6, 7]


def test_render_bench_writes_what_is_stored_and_digests_it(
    session: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _site(session)
    out = tmp_path / "rendered.jsonl"
    assert bench_render.main(["--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    rows = {row["b_id"]: row for row in map(json.loads, lines)}
    assert sorted(rows) == ids
    for entry_id in ids:
        entry = get_entry(session, entry_id)
        assert rows[entry_id]["content_rendered"] == entry.content_rendered
        assert rows[entry_id]["excerpt_rendered"] == entry.excerpt_rendered
        assert rows[entry_id]["title_rendered"] == entry.title_rendered
    printed = capsys.readouterr().out
    assert "entries rendered: 3 (3 x 1)" in printed
    digest = hashlib.sha256("".join(lines).encode()).hexdigest()
    assert f"sha256 of rendered fields: {digest}" in printed


def test_render_bench_digests_what_each_rendering_asked_for(
    session: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    _site(session)
    bench_render.main([])
    # Only the block post reads the site (its reusable block, ID 5).
    expected = hashlib.sha256(json.dumps([6, ["5"]]).encode()).hexdigest()
    assert f"sha256 of dependency keys: {expected}" in capsys.readouterr().out
