"""What a process checks before it serves: settings, the database, its schema."""

from __future__ import annotations

from pathlib import Path

from app.core.db import check_connection, get_engine
from app.core.errors import ConfigurationError
from app.core.migrate import is_up_to_date, upgrade
from app.core.settings import get_settings


def prepare_database() -> None:
    """Connect, then migrate the embedded database, or refuse to serve a schema that is behind."""
    settings = get_settings()
    engine = get_engine()
    check_connection(engine)
    if is_up_to_date(engine):
        return
    if settings.migrates_on_start:
        upgrade(engine)
        return
    raise ConfigurationError(
        "VELLUM_DATABASE_URL: the database schema is behind this version of Vellum; run `vellum db upgrade` first"
    )


def check_media_root(media_root: Path) -> None:
    """Make sure uploaded and imported files have somewhere writable to go."""
    try:
        media_root.mkdir(parents=True, exist_ok=True)
        probe = media_root / ".vellum-write-probe"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise ConfigurationError(f"VELLUM_MEDIA_ROOT: {media_root} is not writable ({exc.strerror})") from None
