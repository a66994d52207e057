"""Where the read-only shared material (fixtures, compat captures) is, wherever this checkout lives."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``$VELLUM_SHARED_DIR``, else the first ``shared`` directory beside the repository or one of its parents."""
    configured = os.environ.get("VELLUM_SHARED_DIR")
    if configured:
        return Path(configured)
    for parent in REPO_ROOT.parents:
        candidate = parent / "shared"
        if candidate.is_dir():
            return candidate
    return REPO_ROOT.parent / "shared"  # absent: the tests that need it skip


SHARED = shared_dir()
