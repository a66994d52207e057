"""Where the demo site's files live once Vellum is installed."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Final


def _package_data_dir() -> Path:
    """The ``data`` folder shipped inside this package.

    The importer copies uploads with ordinary file operations, so it needs a real directory;
    setuptools installs package data as plain files, which ``importlib.resources`` then hands back
    as a :class:`~pathlib.Path`.
    """
    root = resources.files(__package__ or "app.demo")
    if isinstance(root, Path):
        return root / "data"
    return Path(__file__).resolve().parent / "data"


DEMO_DIR: Final[Path] = _package_data_dir()


def demo_export_path() -> Path:
    """The demo site's WordPress export (WXR 1.2)."""
    return DEMO_DIR / "demo-export.xml"


def demo_uploads_dir() -> Path:
    """The demo site's ``wp-content/uploads`` folder (``YYYY/MM/`` sub-folders)."""
    return DEMO_DIR / "uploads"


def demo_events_ics() -> Path:
    """The All-in-One Event Calendar iCal feed for the demo site's events."""
    return DEMO_DIR / "events.ics"
