"""Run `vellum import wxr` as a user would, in-process, against the test database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from app.cli.main import app


def vellum(*args: str | Path) -> tuple[int, str]:
    """Exit code and combined output of a `vellum` command."""
    result = CliRunner().invoke(app, [str(arg) for arg in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def import_wxr(*args: str | Path, report: Path) -> dict[str, Any]:
    """Import and return the JSON report; fails the test on a non-zero exit."""
    code, output = vellum("import", "wxr", *args, "--report", report)
    assert code == 0, output
    return dict(json.loads(report.read_text()))
