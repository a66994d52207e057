"""The real event fixtures: the plugin's feed and table dump of the same site."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared import SHARED

WORDPRESS_DB = SHARED / "fixtures" / "wordpress-db"


@pytest.fixture
def wordpress_db() -> Path:
    """The shared ``wordpress-db`` fixture folder; the test is skipped where it is not checked out."""
    if not (WORDPRESS_DB / "events.ics").is_file():
        pytest.skip("shared wordpress-db fixtures are not available")
    return WORDPRESS_DB
