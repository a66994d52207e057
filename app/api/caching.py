"""HTTP caching for every GET and HEAD: strong ETags, 304 answers, Cache-Control and Vary.

A pure ASGI middleware: it holds the response start until the body is complete, hashes the body into
a strong ETag, and answers a matching ``If-None-Match`` with 304 and no body. Anonymous answers may be
kept by shared caches for ``VELLUM_CACHE_MAX_AGE`` seconds; answers to requests that carry credentials
are private and revalidated; errors are never stored.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Bodies larger than this stream through without an ETag rather than being held in memory.
BUFFER_LIMIT = 8 * 1024 * 1024
_CACHED_METHODS = frozenset({"GET", "HEAD"})
# A 304 describes the stored representation; it carries no content of its own (RFC 9110 15.4.5).
_CONTENT_HEADERS = ("content-length", "content-type", "content-encoding")


def strong_etag(body: bytes) -> str:
    """A strong validator: the same bytes always give the same tag, any change gives another."""
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def http_date(moment: datetime) -> str:
    """An IMF-fixdate for ``Last-Modified``; a naive datetime is read as UTC (``*_gmt`` columns)."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return format_datetime(aware, usegmt=True)


def etag_matches(if_none_match: str, etag: str) -> bool:
    """``If-None-Match`` uses the weak comparison (RFC 9110 13.1.2); ``*`` matches any representation."""
    wanted = etag.removeprefix("W/")
    return any(tag == "*" or tag.removeprefix("W/") == wanted for tag in _tags(if_none_match))


def _tags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def unmodified_since(if_modified_since: str, last_modified: str) -> bool:
    """Whether the representation has not changed since the client's copy (``If-Modified-Since``)."""
    try:
        since, modified = parsedate_to_datetime(if_modified_since), parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None or modified.tzinfo is None:
        return False
    return modified <= since


def cache_control(status: int, *, is_personal: bool, max_age: int) -> str:
    """Errors are never stored; answers to credentialed requests are private and revalidated each time."""
    if status >= 400:
        return "no-store"
    if is_personal:
        return "private, no-cache"
    return f"public, max-age={max_age}"


def merged_vary(current: str | None, *added: str) -> str:
    """The response's ``Vary`` (WordPress sends ``Origin``) with ``added`` appended once each."""
    fields = [name.strip() for name in (current or "").split(",") if name.strip()]
    known = {name.lower() for name in fields}
    fields.extend(name for name in added if name.lower() not in known)
    return ", ".join(fields)


@dataclass(slots=True)
class _Exchange:
    """One request's answer on its way out: the start message is held until the body is known."""

    send: Send
    request: Headers
    is_head: bool
    max_age: int
    start: Message | None = None
    chunks: list[bytes] = field(default_factory=list)
    size: int = 0
    is_streaming: bool = False
    is_silent: bool = False

    @property
    def is_personal(self) -> bool:
        return "authorization" in self.request or "cookie" in self.request

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            await self._on_start(message)
        elif message["type"] == "http.response.body" and self.start is not None:
            await self._on_body(message)
        elif message["type"] == "http.response.body" and self.is_silent:
            await self.send({**message, "body": b""})
        else:
            await self.send(message)

    async def _on_start(self, message: Message) -> None:
        headers = MutableHeaders(scope=message)
        headers["cache-control"] = cache_control(message["status"], is_personal=self.is_personal, max_age=self.max_age)
        if self.is_personal:
            # Anonymous answers keep WordPress's ``Vary: Origin``; a shared cache in front must pass requests
            # with credentials to the origin (README), and their private answers say what they vary by.
            headers["vary"] = merged_vary(headers.get("vary"), "Authorization")
        if message["status"] == 200 and "etag" not in headers:
            self.start = message
            return
        if message["status"] == 200 and self._is_not_modified(headers):
            message = not_modified(message)
        self.is_silent = self.is_head or message["status"] == 304
        await self.send(message)

    async def _on_body(self, message: Message) -> None:
        self.chunks.append(message.get("body", b""))
        self.size += len(self.chunks[-1])
        if not message.get("more_body", False):
            await self._finish()
        elif self.size > BUFFER_LIMIT:
            await self._stream_from_here()

    async def _finish(self) -> None:
        assert self.start is not None
        body = b"".join(self.chunks)
        start, self.start, self.chunks = self.start, None, []
        headers = MutableHeaders(scope=start)
        headers["etag"] = strong_etag(body)
        if self._is_not_modified(headers):
            await self.send(not_modified(start))
            await self.send({"type": "http.response.body", "body": b""})
            return
        await self.send(start)
        await self.send({"type": "http.response.body", "body": b"" if self.is_head else body})

    async def _stream_from_here(self) -> None:
        """Too large to hold: send what we have without an ETag and pass the rest through."""
        assert self.start is not None
        start, body, self.start, self.chunks = self.start, b"".join(self.chunks), None, []
        self.is_silent = self.is_head
        await self.send(start)
        await self.send({"type": "http.response.body", "body": b"" if self.is_head else body, "more_body": True})

    def _is_not_modified(self, headers: MutableHeaders) -> bool:
        return is_not_modified(self.request.get("if-none-match"), self.request.get("if-modified-since"), headers)


def is_not_modified(if_none_match: str | None, if_modified_since: str | None, response: Headers) -> bool:
    """Whether the client's copy is current, so a 200 becomes 304 (RFC 9110 13.2.2: If-None-Match wins)."""
    if if_none_match is not None:
        return etag_matches(if_none_match, response.get("etag", ""))
    if if_modified_since is not None and "last-modified" in response:
        return unmodified_since(if_modified_since, response["last-modified"])
    return False


def not_modified(start: Message) -> Message:
    """The 304 start message for a 200's: same headers less the content's own."""
    headers = MutableHeaders(raw=list(start.get("headers", [])))
    for name in _CONTENT_HEADERS:
        del headers[name]
    return {**start, "status": 304, "headers": headers.raw}


class HttpCaching:
    """Validators and caching headers on every GET and HEAD answer; other methods pass untouched."""

    def __init__(self, app: ASGIApp, *, max_age: int) -> None:
        self.app = app
        self.max_age = max_age

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _CACHED_METHODS:
            await self.app(scope, receive, send)
            return
        is_head = scope["method"] == "HEAD"
        exchange = _Exchange(send=send, request=Headers(scope=scope), is_head=is_head, max_age=self.max_age)
        # WP_REST_Server answers HEAD as GET without the body; running GET gives HEAD the same ETag.
        inner = {**scope, "method": "GET"} if is_head else scope
        await self.app(inner, receive, exchange)
