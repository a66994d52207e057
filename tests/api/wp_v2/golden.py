"""The Theme Unit Test's WordPress 6.1 answers, for tests that check one answer or one route by hand.

Replaying every answer, with WordPress's renumbering mapped onto ours, is tests/golden/harness.py's
job; this module gives the other tests the same site, the same ID map and the same comparison.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from tests.golden.compare import COMPARED_HEADERS, EXTENSION_FIELDS, flatten
from tests.golden.site import IdMap
from tests.golden.site import build_id_map as build_site_id_map
from tests.golden.sites import THEME_UNIT_TEST
from tests.shared import SHARED as SHARED

__all__ = ["EXTENSION_FIELDS", "GOLDEN", "GOLDEN_HOST", "SHARED", "WXR", "IdMap", "build_id_map", "compare", "flatten"]
__all__ += ["import_theme_unit_test", "load", "require_golden"]

GOLDEN = THEME_UNIT_TEST.folder
WXR = THEME_UNIT_TEST.export
GOLDEN_HOST = "http://127.0.0.1:8081"  # the capture's _meta.json base_url


def require_golden() -> None:
    THEME_UNIT_TEST.require()


def import_theme_unit_test() -> None:
    """Import the Theme Unit Test export into the test database through the public CLI."""
    vellum = Path(sys.executable).parent / "vellum"
    result = subprocess.run(  # noqa: S603 - our own CLI, fixed arguments
        [str(vellum), "import", "wxr", str(WXR)], capture_output=True, text=True, env=os.environ.copy(), check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]


def load(name: str) -> dict[str, Any]:
    return THEME_UNIT_TEST.load(name)


def build_id_map(engine: Engine) -> IdMap:
    """Golden IDs to ours for the imported Theme Unit Test (see tests/golden/site.py)."""
    return build_site_id_map(THEME_UNIT_TEST, engine)


def compare(
    expected: dict[str, Any], status: int, headers: Any, ours: Any, golden_body: Any, host: str
) -> tuple[int, list[str]]:
    """How many values were checked, and which differ: status, compared headers and every body leaf."""
    pairs: list[tuple[str, Any, Any]] = [("status", expected["status"], status)]
    for header in COMPARED_HEADERS:
        want, got = expected["headers"].get(header), headers.get(header)
        if want is not None or got is not None:
            pairs.append((f"header {header}", None if want is None else want.replace(GOLDEN_HOST, host), got))
    wanted, got_values = dict(flatten(golden_body)), dict(flatten(ours))
    for path in sorted(set(wanted) | set(got_values)):
        pairs.append((path, wanted.get(path, "<absent>"), got_values.get(path, "<absent>")))
    return len(pairs), [f"{path}: {want!r} != {got!r}" for path, want, got in pairs if want != got]
