"""The ASGI application: ``uvicorn app.main:app`` or ``vellum serve``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api import health, openapi, uploads
from app.api.caching import HttpCaching
from app.api.errors import install_error_handlers
from app.api.response_cache import ResponseCache
from app.api.responses import OrjsonResponse
from app.api.site_version import SiteVersion
from app.api.vellum_v1 import events as vellum_events
from app.api.vellum_v1 import menus as vellum_menus
from app.api.vellum_v1 import resolve
from app.api.wp_v2 import comments, index, media, menus, options, posts, search, terms, types, users
from app.core.db import get_engine
from app.core.settings import get_settings
from app.core.startup import prepare_database


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    prepare_database()
    yield


class RestRouteQuery:
    """``/?rest_route=/wp/v2/posts`` answers like ``/wp-json/wp/v2/posts`` (sites without pretty links).

    Pure ASGI: a rewrite of the scope costs nothing on the requests it does not concern.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in ("/", "/index.php") and b"rest_route" in scope["query_string"]:
            scope = _rest_route_scope(scope)
        await self.app(scope, receive, send)


class NulFreeQuery:
    """Query parameters with NUL characters (``%00``) match nothing, on PostgreSQL too.

    No stored text holds a NUL (XML cannot carry one and PostgreSQL cannot store one), so MySQL finds nothing
    for ``?search=%00`` and WordPress answers an empty list; PostgreSQL refuses the parameter outright. U+FFFF
    cannot be in stored text either (XML forbids it too), so standing in for NUL it keeps every answer the same
    while each engine can bind it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and b"%00" in scope["query_string"]:
            scope = {**scope, "query_string": scope["query_string"].replace(b"%00", _NUL_STAND_IN)}
        await self.app(scope, receive, send)


_NUL_STAND_IN = b"%EF%BF%BF"  # U+FFFF in UTF-8


def _rest_route_scope(scope: Scope) -> Scope:
    query = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
    routes = [value for key, value in query if key == "rest_route"]
    if not routes:
        return scope
    # PHP's $_GET keeps the last of repeated keys.
    route = routes[-1] if routes[-1].startswith("/") else "/" + routes[-1]
    rest = urlencode([(key, value) for key, value in query if key != "rest_route"])
    return {**scope, "path": "/wp-json" + route, "query_string": rest.encode("latin-1")}


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
    settings = get_settings()
    app.add_middleware(RestRouteQuery)
    app.add_middleware(NulFreeQuery)
    # Added after the routing middleware so it runs outside it: it sees every answer, the error handlers' included.
    app.add_middleware(HttpCaching, max_age=settings.cache_max_age)
    # Outermost: a kept answer is sent before any other work; what it keeps is what HttpCaching sent.
    app.add_middleware(
        ResponseCache, max_bytes=settings.response_cache_bytes, versions=lambda: SiteVersion(get_engine())
    )
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
