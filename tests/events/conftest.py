"""The real event fixtures: the table dump and the plugin's expanded instances from the MariaDB dump."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.shared import SHARED

WORDPRESS_DB = SHARED / "fixtures" / "wordpress-db"
_INSTANCE_ROW = re.compile(r"\((\d+),(\d+),(\d+),(\d+)\)")


@pytest.fixture
def wordpress_db() -> Path:
    """The shared ``wordpress-db`` fixture folder; the test is skipped where it is not checked out."""
    if not (WORDPRESS_DB / "site.sql").is_file():
        pytest.skip("shared wordpress-db fixtures are not available")
    return WORDPRESS_DB


@pytest.fixture
def plugin_instances(wordpress_db: Path) -> dict[int, list[tuple[int, int]]]:
    """``wp_ai1ec_event_instances`` from ``site.sql``: post id -> sorted (start, end) UNIX UTC pairs."""
    dump = (wordpress_db / "site.sql").read_text(encoding="utf-8")
    start = dump.index("INSERT INTO `wp_ai1ec_event_instances` VALUES")
    statement = dump[start : dump.index(";\n", start)]
    instances: dict[int, list[tuple[int, int]]] = {}
    for _id, post_id, begins, ends in _INSTANCE_ROW.findall(statement):
        instances.setdefault(int(post_id), []).append((int(begins), int(ends)))
    return {post_id: sorted(pairs) for post_id, pairs in instances.items()}
