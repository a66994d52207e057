"""Bad input stops with where and what, leaves only whole items, and a rerun completes the import."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, text
from sqlmodel import Session, select

from app.content.models import Entry
from bench.wxrgen import write_wxr
from tests.importers.wxr.cli import import_wxr, vellum
from tests.importers.wxr.export_builder import export, item

REPO = Path(__file__).resolve().parents[3]


def _entry_count(session: Session) -> int:
    session.expire_all()
    return int(session.scalar(select(func.count()).select_from(Entry)) or 0)


def test_truncated_file_names_line_and_item_keeps_whole_items_and_rerun_completes(
    session: Session, tmp_path: Path
) -> None:
    full = export(tmp_path, *(item(i, content=f"<p>Body {i}</p>") for i in range(1, 7)), name="full.xml")
    data = full.read_bytes()
    cut = data[: data.index(b"<wp:post_id>5</wp:post_id>") + 40]
    truncated = tmp_path / "truncated.xml"
    truncated.write_bytes(cut)

    code, output = vellum("import", "wxr", truncated, "--batch-size", "2")

    assert code == 1
    assert "truncated.xml:" in output
    assert "item post_id 5" in output
    ids = sorted(session.scalars(select(Entry.id)))
    assert ids == [1, 2, 3, 4], "only the whole batches before the broken item are kept"
    report = import_wxr(full, report=tmp_path / "r.json")
    assert report["entries"]["post"] == {"added": 2, "updated": 0, "unchanged": 4, "skipped": 0}


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["xml-bomb", "external-entity"],
)
def test_entity_declarations_are_refused_and_nothing_is_written(session: Session, tmp_path: Path, doctype: str) -> None:
    path = export(tmp_path, item(1, title="&b;"))
    text_ = path.read_text()
    path.write_text(text_.replace("<rss ", doctype + "\n<rss ", 1))
    code, output = vellum("import", "wxr", path)
    assert code == 1
    assert "DOCTYPE/entity declarations are not allowed" in output
    assert _entry_count(session) == 0


def test_not_a_wxr_file_is_refused(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    code, output = vellum("import", "wxr", path)
    assert code == 1
    assert "feed.xml" in output
    code, output = vellum("import", "wxr", tmp_path / "missing.xml")
    assert code == 1
    assert "no such file" in output


def test_an_import_killed_in_the_middle_completes_on_rerun(clean_db: Engine, tmp_path: Path) -> None:
    export_path = tmp_path / "big.xml"
    stats = write_wxr(export_path, 3000, seed=7)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-c", "from app.cli.main import main; main()", "import", "wxr", str(export_path)]
    process = subprocess.Popen(
        [*command, "--batch-size", "50"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    with clean_db.connect() as connection:
        while time.monotonic() < deadline and process.poll() is None:
            committed = connection.execute(text("SELECT count(*) FROM entries")).scalar_one()
            connection.commit()
            if committed >= 300:
                break
            time.sleep(0.05)
    assert process.poll() is None, "the import finished before it could be killed; use a bigger export"
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)

    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)

    assert finished.returncode == 0, finished.stderr
    with clean_db.connect() as connection:
        entries = connection.execute(text("SELECT count(*) FROM entries")).scalar_one()
        meta = connection.execute(text("SELECT count(*) FROM entry_meta")).scalar_one()
        comments = connection.execute(text("SELECT count(*) FROM comments")).scalar_one()
    assert entries == stats.items
    assert meta == stats.meta_rows
    assert comments == stats.comments
