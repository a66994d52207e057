"""``vellum serve``: the HTTP API under uvicorn."""

from __future__ import annotations

import typer
import uvicorn

from app.content.registry_config.registry import current_site_config
from app.core.settings import get_settings
from app.core.startup import check_media_root, prepare_database


def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on (0.0.0.0 for all)"),
    port: int = typer.Option(8000, help="TCP port"),
    workers: int = typer.Option(1, min=1, help="Worker processes (each a full API process)"),
    reload: bool = typer.Option(False, help="Restart on code changes (development)"),
) -> None:
    """Serve the REST API (checks the database and migrates the embedded one first)."""
    settings = get_settings()
    check_media_root(settings.media_root)
    # A broken site configuration stops the start with its file, key and line, not the first request.
    current_site_config()
    prepare_database()
    typer.echo(f"Vellum serving {settings.site_url} on http://{host}:{port} ({workers} worker(s))", err=True)
    uvicorn.run(
        "app.main:app",
        host=host,
        port=port,
        workers=None if reload else workers,
        reload=reload,
        log_level=settings.log_level,
        proxy_headers=True,
    )
