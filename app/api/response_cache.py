"""Complete anonymous answers kept in process memory, valid while the site's content version is unchanged.

A pure ASGI middleware outside everything else (routing, HttpCaching): an anonymous GET or HEAD under
``/wp-json`` is answered from memory when the same request was answered before at the current site version
(:mod:`app.api.site_version`: one small query per request). Every committed write, in any process, and
every change to the site configuration file changes that version; then everything kept here is dropped.

What is kept is the answer to the plain GET (status, headers with the ETag, body). Each request is then
answered from it exactly as HttpCaching would: 304 for a matching ``If-None-Match``/``If-Modified-Since``,
no body for HEAD. A first answer goes through the very same code, so a kept answer is byte-identical to
a fresh one. Never kept or served from memory: requests with credentials (``Authorization``, cookies,
a nonce), post passwords in the query, other methods, answers other than 200/301/404, private answers,
answers setting cookies, and bodies larger than an eighth of the budget.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import unquote_to_bytes

import anyio
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.caching import is_not_modified, not_modified

_METHODS = frozenset({"GET", "HEAD"})
_STORED_STATUSES = frozenset({200, 301, 404})
# Any of these means a caller who may see more than the public: never answered from memory.
_CREDENTIALS = frozenset({b"authorization", b"cookie", b"x-wp-nonce"})
# The validators HttpCaching answers with 304: evaluated here against the plain GET's answer.
_CONDITIONALS = frozenset({b"if-none-match", b"if-modified-since"})
# Request headers an answer may vary on and still be kept: Origin is part of the key, Authorization bypasses.
_KEYED_VARY = frozenset({b"origin", b"authorization"})
# Bytes an entry costs beyond its body and headers (objects, key, bookkeeping), roughly.
_ENTRY_OVERHEAD = 400

Key = tuple[str, str, bytes, bytes, bytes, bytes]


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    """The plain GET's answer as HttpCaching sent it."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    size: int


class AnswerStore:
    """Answers by request, all for one content version, least recently used dropped beyond ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_bytes // 8
        self.size = 0
        self.version: Hashable | None = None
        self._answers: OrderedDict[Key, CachedAnswer] = OrderedDict()

    def __len__(self) -> int:
        return len(self._answers)

    def get(self, key: Key, version: Hashable) -> CachedAnswer | None:
        """The answer kept for ``key``, if it was made at ``version``; a new version drops every answer."""
        if version != self.version:
            self._answers.clear()
            self.size, self.version = 0, version
            return None
        answer = self._answers.get(key)
        if answer is not None:
            self._answers.move_to_end(key)
        return answer

    def put(self, key: Key, version: Hashable, answer: CachedAnswer) -> None:
        """Keep ``answer``, unless the content changed while it was made or it is too large."""
        if version != self.version or answer.size > self.max_entry_bytes:
            return
        previous = self._answers.pop(key, None)
        if previous is not None:
            self.size -= previous.size
        self._answers[key] = answer
        self.size += answer.size
        while self.size > self.max_bytes:
            _, dropped = self._answers.popitem(last=False)
            self.size -= dropped.size


@dataclass(frozen=True, slots=True)
class _Request:
    """What of a request decides whether and how it is answered from memory."""

    key: Key
    is_head: bool
    if_none_match: str | None
    if_modified_since: str | None


def read_request(scope: Scope) -> _Request | None:
    """The request's cache key and validators, or None when it must reach the application."""
    if scope["type"] != "http" or scope["method"] not in _METHODS or not _is_api_path(scope):
        return None
    query: bytes = scope["query_string"]
    if b"password" in (unquote_to_bytes(query) if b"%" in query else query).lower():
        return None
    host = origin = b""
    if_none_match = if_modified_since = None
    for name, value in scope["headers"]:
        if name in _CREDENTIALS:
            return None
        if name == b"host":
            host = value
        elif name == b"origin":
            origin = value
        elif name == b"if-none-match":
            if_none_match = value.decode("latin-1")
        elif name == b"if-modified-since":
            if_modified_since = value.decode("latin-1")
    root = scope.get("root_path", "").encode()
    key = (scope["scheme"], scope["path"], query, host, origin, root)
    return _Request(key, scope["method"] == "HEAD", if_none_match, if_modified_since)


def _is_api_path(scope: Scope) -> bool:
    # Only the REST API: what it answers depends on the database alone (files under /uploads do not).
    path: str = scope["path"]
    if path.startswith("/wp-json"):
        return len(path) == 8 or path[8] == "/"
    return path in ("/", "/index.php") and b"rest_route=" in scope["query_string"]


def _plain_get(scope: Scope) -> Scope:
    headers = [(name, value) for name, value in scope["headers"] if name not in _CONDITIONALS]
    return {**scope, "method": "GET", "headers": headers}


def _reply_start(start: Message, request: _Request) -> Message:
    if start["status"] == 200 and (request.if_none_match is not None or request.if_modified_since is not None):
        if is_not_modified(request.if_none_match, request.if_modified_since, Headers(raw=start["headers"])):
            return not_modified(start)
    return start


def _is_storable(start: Message) -> bool:
    if start["status"] not in _STORED_STATUSES:
        return False
    for name, value in start.get("headers", []):
        if name == b"set-cookie" or (name == b"cache-control" and b"private" in value.lower()):
            return False
        if name == b"vary" and not _varies_only_on_the_key(value):
            return False
    return True


def _varies_only_on_the_key(vary: bytes) -> bool:
    # An answer that varies on a request header the key leaves out (Accept-Encoding, ...) cannot be shared.
    return all(field.strip() in _KEYED_VARY for field in vary.lower().split(b",") if field.strip())


@dataclass(slots=True)
class _Recorder:
    """Passes the application's answer on (as the request needs it) while keeping a copy for the store."""

    send: Send
    request: _Request
    keep: Callable[[CachedAnswer], None]
    max_bytes: int
    start: Message | None = None
    is_storable: bool = False
    is_silent: bool = False
    chunks: list[bytes] = field(default_factory=list)
    size: int = 0

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start, self.is_storable = message, _is_storable(message)
            reply = _reply_start(message, self.request)
            self.is_silent = self.request.is_head or reply["status"] == 304
            await self.send(reply)
        elif message["type"] == "http.response.body":
            body, more = message.get("body", b""), message.get("more_body", False)
            self._record(body, more)
            await self.send({"type": "http.response.body", "body": b"" if self.is_silent else body, "more_body": more})
        else:
            await self.send(message)

    def _record(self, body: bytes, more: bool) -> None:
        if not self.is_storable or self.start is None:
            return
        self.size += len(body)
        if self.size > self.max_bytes:
            self.is_storable, self.chunks = False, []
            return
        self.chunks.append(body)
        if not more:
            headers = list(self.start.get("headers", []))
            size = self.size + sum(len(name) + len(value) for name, value in headers) + _ENTRY_OVERHEAD
            self.keep(CachedAnswer(self.start["status"], headers, b"".join(self.chunks), size))


async def _replay(answer: CachedAnswer, request: _Request, send: Send) -> None:
    reply = _reply_start({"type": "http.response.start", "status": answer.status, "headers": answer.headers}, request)
    silent = request.is_head or reply["status"] == 304
    await send(reply)
    await send({"type": "http.response.body", "body": b"" if silent else answer.body})


class VersionSource(Protocol):
    """Where the middleware reads what answers depend on (:class:`app.api.site_version.SiteVersion`)."""

    async def read(self) -> Hashable | None:
        """The current version; None when it cannot be known (nothing kept may then be trusted)."""
        ...

    def close(self) -> None: ...


@dataclass(slots=True)
class _Flight:
    """One request's answer in the making, which identical requests arriving meanwhile wait for."""

    version: Hashable
    done: anyio.Event = field(default_factory=anyio.Event)
    answer: CachedAnswer | None = None
    waiters: int = 0


class ResponseCache:
    """Anonymous REST answers from memory while the content version stays the same; ``max_bytes`` 0 is off."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, versions: Callable[[], VersionSource]) -> None:
        self.app = app
        self.store = AnswerStore(max_bytes)
        self._make_versions = versions
        self._versions: VersionSource | None = None
        self._flights: dict[Key, _Flight] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, self._closing_at_shutdown(receive), send)
            return
        request = read_request(scope) if self.store.max_bytes else None
        version = await self._current_version() if request is not None else None
        if request is None or version is None:
            await self.app(scope, receive, send)
            return
        answer = self.store.get(request.key, version)
        if answer is None:
            answer = await self._made_meanwhile(request.key, version)
        if answer is not None:
            await _replay(answer, request, send)
            return
        await self._make(scope, receive, send, request, version)

    async def _made_meanwhile(self, key: Key, version: Hashable) -> CachedAnswer | None:
        """After a write every popular request misses at once: wait for the one already making the answer."""
        flight = self._flights.get(key)
        if flight is None or flight.version != version:
            return None
        flight.waiters += 1
        await flight.done.wait()
        return flight.answer

    async def _make(self, scope: Scope, receive: Receive, send: Send, request: _Request, version: Hashable) -> None:
        flight = self._flights[request.key] = _Flight(version)

        def keep(answer: CachedAnswer) -> None:
            self.store.put(request.key, version, answer)
            flight.answer = answer

        try:
            await self.app(_plain_get(scope), receive, _Recorder(send, request, keep, self.store.max_entry_bytes))
        finally:
            flight.done.set()
            if self._flights.get(request.key) is flight:
                del self._flights[request.key]

    async def _current_version(self) -> Hashable | None:
        if self._versions is None:
            self._versions = self._make_versions()
        return await self._versions.read()

    def _closing_at_shutdown(self, receive: Receive) -> Receive:
        async def watched() -> Message:
            message = await receive()
            if message["type"] == "lifespan.shutdown" and self._versions is not None:
                self._versions.close()
                self._versions = None
            return message

        return watched
