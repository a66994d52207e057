"""Engines for SQLite files: the directory checks hold when many processes start at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from app.core.db import make_engine
from app.core.errors import ConfigurationError


def test_engines_made_at_the_same_time_all_pass_the_writable_check(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'site.db'}"

    def make(_: int) -> None:
        make_engine(url).dispose()

    # Render workers start together; each checks the directory while the others do.
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(make, range(400)))
    assert not list(tmp_path.iterdir())  # no probe file is left behind


def test_missing_directory_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="does not exist"):
        make_engine(f"sqlite:///{tmp_path / 'absent' / 'site.db'}")
