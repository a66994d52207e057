"""The site version: content version plus configuration stamp; PostgreSQL's reads shared by concurrent requests."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Hashable
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from app.api.site_version import SharedReads, SiteVersion
from app.core import settings as core_settings
from tests.builders import make_post


def test_a_write_or_a_configuration_change_gives_a_new_version(
    session: Session, clean_db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "vellum.toml"
    monkeypatch.setenv("VELLUM_SITE_CONFIG", str(config))
    core_settings.get_settings.cache_clear()
    version = SiteVersion(clean_db)
    try:
        first = asyncio.run(version.read())
        make_post(session, slug="fresh")
        session.commit()
        after_write = asyncio.run(version.read())
        config.write_text('[post_types.partner]\nrest_base = "partners"\n')
        after_config = asyncio.run(version.read())
        unchanged = asyncio.run(version.read())
    finally:
        version.close()

    assert None not in (first, after_write, after_config)
    assert len({first, after_write, after_config}) == 3
    assert unchanged == after_config


def test_callers_arriving_during_a_read_share_the_next_one_never_the_earlier() -> None:
    entered, release = threading.Event(), threading.Event()
    values = iter(range(1, 10))

    def read() -> Hashable:
        entered.set()
        release.wait(timeout=10)
        return next(values)

    shared = SharedReads(read)

    async def scenario() -> tuple[Hashable | None, list[Hashable | None]]:
        first = asyncio.ensure_future(shared.read())
        while not entered.is_set():
            await asyncio.sleep(0.001)
        later = [asyncio.ensure_future(shared.read()) for _ in range(5)]
        await asyncio.sleep(0)
        release.set()
        return await first, list(await asyncio.gather(*later))

    try:
        first, later = asyncio.run(scenario())
    finally:
        shared.close()

    assert first == 1
    assert later == [2] * 5  # begun after they asked: a write committed before them is seen
    assert shared.runs == 2
