"""The ASGI application: ``uvicorn app.main:app`` or ``vellum serve``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response

from app.api import health, openapi, uploads
from app.api.caching import HttpCaching
from app.api.errors import install_error_handlers
from app.api.responses import OrjsonResponse
from app.api.vellum_v1 import events as vellum_events
from app.api.vellum_v1 import menus as vellum_menus
from app.api.vellum_v1 import resolve
from app.api.wp_v2 import comments, index, media, menus, options, posts, search, terms, types, users
from app.core.settings import get_settings
from app.core.startup import prepare_database


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    prepare_database()
    yield


async def _rest_route(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """``/?rest_route=/wp/v2/posts`` answers like ``/wp-json/wp/v2/posts`` (sites without pretty links)."""
    route = request.query_params.get("rest_route")
    if route is not None and request.url.path in ("/", "/index.php"):
        request.scope["path"] = "/wp-json" + (route if route.startswith("/") else "/" + route)
        query = [(key, value) for key, value in request.query_params.multi_items() if key != "rest_route"]
        request.scope["query_string"] = "&".join(f"{key}={value}" for key, value in query).encode()
    return await call_next(request)


def create_app(*, prepare: bool = True) -> FastAPI:
    """Build the application; ``prepare`` checks (and on SQLite migrates) the database at start."""
    app = FastAPI(
        title="Vellum",
        summary="A headless CMS content API, wire-compatible with WordPress's /wp-json/wp/v2.",
        version="0.1.0",
        default_response_class=OrjsonResponse,
        lifespan=_lifespan if prepare else None,
        openapi_url=None,  # served by app.api.openapi, with the site's item schemas
    )
    openapi.install(app)
    install_error_handlers(app)
    app.middleware("http")(_rest_route)
    # Added last so it runs outermost: it sees every answer, the error handlers' included.
    app.add_middleware(HttpCaching, max_age=get_settings().cache_max_age)
    app.include_router(health.router)
    app.include_router(index.router)
    app.include_router(posts.router)
    app.include_router(resolve.router)
    app.include_router(users.router)
    app.include_router(comments.router)
    app.include_router(menus.router)
    app.include_router(vellum_menus.router)
    app.include_router(media.router)
    app.include_router(uploads.router)
    # OPTIONS only, on any /wp-json path: it answers from the route registry.
    app.include_router(options.router)
    app.include_router(types.router)
    app.include_router(vellum_events.router)
    app.include_router(search.router)
    # Last: its /wp/v2/{taxonomy} route must not shadow the fixed routes.
    app.include_router(terms.router)
    return app


app = create_app()
