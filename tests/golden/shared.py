"""Where the shared, read-only reference material (fixtures, golden answers) lives."""

from __future__ import annotations

import os
from pathlib import Path


def shared_dir() -> Path:
    """``VELLUM_SHARED_DIR`` if set, else the nearest folder ``shared`` beside this checkout or one of its parents.

    Checkouts sit at different depths (a clone, a worktree inside a folder of worktrees), so the
    folder is searched upwards rather than assumed one level up.
    """
    if os.environ.get("VELLUM_SHARED_DIR"):
        return Path(os.environ["VELLUM_SHARED_DIR"])
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "shared" / "fixtures").is_dir() or (parent / "shared" / "compat").is_dir():
            return parent / "shared"
    return here.parents[3] / "shared"


SHARED = shared_dir()
