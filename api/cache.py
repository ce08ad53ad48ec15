"""Response cache for the GET read endpoints, invalidated exactly by the database's commit bookmark.

A READ transaction's bookmark changes exactly when some transaction has committed in the database, so a
poller (`CachePoller`, one asyncio task per process) reads it every `cache_check_ms` and empties the cache
when it moves; writes through this API (`/documents`) empty it at once. An entry is stored only if no
invalidation happened while it was computed. While no poll has succeeded for `stale_after_s` (Neo4j down
or stalled) the cache is emptied and bypassed, so it never serves data it cannot vouch for.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("policygraph.api.cache")
CACHEABLE = ("/quotes", "/actors", "/paths", "/funding", "/documents/")
WRITES = ("/documents",)


@dataclass(frozen=True)
class Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: str


class ResponseCache:
    """LRU of whole responses by request key; `generation` counts invalidations (one event loop, no locks)."""

    def __init__(self, max_entries: int, stale_after_s: float) -> None:
        self.max_entries = max_entries
        self.stale_after_s = stale_after_s
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self.generation = 0
        self.bookmark: str | None = None
        self.verified_at: float | None = None  # monotonic start of the last successful poll
        self.hits = 0
        self.misses = 0

    @property
    def verified(self) -> bool:
        """True while a recent poll vouches that nothing committed unseen for longer than `stale_after_s`."""
        return self.verified_at is not None and time.monotonic() - self.verified_at <= self.stale_after_s

    def invalidate(self) -> None:
        self.entries.clear()
        self.generation += 1

    def observe(self, bookmark: str, polled_at: float) -> None:
        """A poll that started at `polled_at` saw `bookmark`: empty the cache if the database moved."""
        if bookmark != self.bookmark or not self.verified:
            self.bookmark = bookmark
            self.invalidate()
        self.verified_at = polled_at

    def unverified(self) -> None:
        """A poll failed: whatever is cached can no longer be vouched for."""
        if self.verified_at is not None:
            log.warning("response cache bypassed: cannot read the database's bookmark")
        self.verified_at = None
        self.invalidate()

    def etag(self, key: str) -> str:
        token = f"{self.bookmark}|{self.generation}|{key}".encode()
        return '"' + hashlib.sha256(token).hexdigest()[:24] + '"'

    def get(self, key: str) -> Entry | None:
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def put(self, key: str, entry: Entry, generation: int) -> bool:
        """Store `entry` unless the cache was invalidated since `generation` (computed across a commit)."""
        if generation != self.generation or not self.verified:
            return False
        self.entries[key] = entry
        self.entries.move_to_end(key)
        while len(self.entries) > self.max_entries:
            self.entries.popitem(last=False)
        return True


def request_key(scope: Scope) -> str:
    """Route plus sorted query parameters, so `?a=1&b=2` and `?b=2&a=1` share an entry."""
    query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    return scope["path"] + "?" + urlencode(sorted(query))


def _cacheable(scope: Scope) -> bool:
    path: str = scope["path"]
    return scope["method"] == "GET" and any(path == p or path.startswith(p.rstrip("/") + "/")
                                            for p in CACHEABLE)


def _is_write(scope: Scope) -> bool:
    return scope["method"] in ("POST", "PUT", "PATCH", "DELETE") and scope["path"].startswith(WRITES)


def _if_none_match(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"if-none-match":
            return value.decode("latin-1")
    return None


def _matches(header: str, etag: str) -> bool:
    return header.strip() == "*" or etag in (t.strip().removeprefix("W/") for t in header.split(","))


class CacheMiddleware:
    """Pure ASGI: answers hits (and 304s) before routing; stores 200 answers of cacheable GETs. A miss for a
    key already being computed (same generation) waits for that answer rather than asking Neo4j again."""

    def __init__(self, app: ASGIApp, cache: ResponseCache, on_write: Callable[[], None]) -> None:
        self.app = app
        self.cache = cache
        self.on_write = on_write
        # key -> (generation, answer being computed): identical misses wait for it instead of asking Neo4j
        self.inflight: dict[str, tuple[int, asyncio.Future[Entry | None]]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _is_write(scope):

            async def send_after_commit(message: Message) -> None:
                if message["type"] == "http.response.start":  # the write has committed (or failed) by now,
                    self.cache.invalidate()  # and its client has not yet seen the answer
                await send(message)

            try:
                await self.app(scope, receive, send_after_commit)
            finally:
                self.cache.invalidate()  # also when the app raised before answering
                self.on_write()
            return
        if not _cacheable(scope) or not self.cache.verified:
            await self.app(scope, receive, send)
            return
        cache, key = self.cache, request_key(scope)
        etag = cache.etag(key)
        conditional = _if_none_match(scope)
        entry = cache.get(key)
        if entry is not None:
            cache.hits += 1
            if conditional is not None and _matches(conditional, entry.etag):
                await _send(send, 304, [(b"etag", entry.etag.encode()), (b"x-cache", b"hit")], b"")
            else:
                await _send(send, entry.status, [*entry.headers, (b"x-cache", b"hit")], entry.body)
            return
        if conditional not in (None, "*") and _matches(conditional, etag):  # evicted, nothing has changed
            cache.misses += 1
            await _send(send, 304, [(b"etag", etag.encode()), (b"x-cache", b"miss")], b"")
            return
        pending = self.inflight.get(key)
        if pending is not None and pending[0] == cache.generation:
            shared = await asyncio.shield(pending[1])  # None: it failed or crossed an invalidation
            if shared is not None:
                cache.hits += 1
                await _send(send, shared.status, [*shared.headers, (b"x-cache", b"hit")], shared.body)
                return
        cache.misses += 1
        await self._compute(scope, receive, send, key, etag)

    async def _compute(self, scope: Scope, receive: Receive, send: Send, key: str, etag: str) -> None:
        generation = self.cache.generation
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        stored: Entry | None = None
        answer: asyncio.Future[Entry | None] = asyncio.get_running_loop().create_future()
        self.inflight[key] = (generation, answer)

        async def capture(message: Message) -> None:
            nonlocal status, headers, stored
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                if status == 200:  # only a 200 is stored, and only a 200 gets an ETag
                    headers = [(k, v) for k, v in headers if k.lower() != b"etag"]
                    headers.append((b"etag", etag.encode()))
                message = {**message, "headers": [*headers, (b"x-cache", b"miss")]}
            elif message["type"] == "http.response.body" and status == 200:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    entry = Entry(status, headers, b"".join(chunks), etag)
                    stored = entry if self.cache.put(key, entry, generation) else None
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            if self.inflight.get(key, (0, None))[1] is answer:
                del self.inflight[key]
            answer.set_result(stored)  # waiting twins get it only if it was fit to store


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class CachePoller:
    """Reads the database's bookmark every `interval_s` (sooner when woken) and feeds it to the cache.

    At most one read runs at a time (a slow one is waited for, not stacked), and `stop` waits for it, so
    the driver is never closed under a read in flight.
    """

    def __init__(self, cache: ResponseCache, read_bookmark: Callable[[], str], interval_s: float) -> None:
        self.cache = cache
        self.read_bookmark = read_bookmark
        self.interval_s = interval_s
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._reading: asyncio.Future[str] | None = None
        self._read_started = 0.0
        self._stopping = False

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="policygraph-cache-poller")

    async def stop(self) -> None:
        # The flag, not only the cancel: on Python 3.11 `asyncio.wait_for` can swallow a cancellation
        # that lands as its inner await completes, and the loop would then poll forever (a lifespan
        # shutdown hung in the schemathesis tests that way).
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._reading is not None and not self._reading.done():
            await asyncio.wait({self._reading}, timeout=10)

    def wake(self) -> None:
        """Poll now (after a write through this API), so ETags move to the new bookmark at once."""
        self._wake.set()

    async def poll_once(self) -> None:
        if self._reading is None or self._reading.done():
            self._read_started = time.monotonic()
            self._reading = asyncio.ensure_future(asyncio.to_thread(self.read_bookmark))
            self._reading.add_done_callback(lambda f: f.cancelled() or f.exception())  # retrieved: no warning
        try:
            bookmark = await asyncio.wait_for(asyncio.shield(self._reading), self.cache.stale_after_s)
        except Exception:  # Neo4j down, slow or refusing us: stop vouching for the cache
            self.cache.unverified()
            return
        self.cache.observe(bookmark, self._read_started)

    async def _run(self) -> None:
        while not self._stopping:
            await self.poll_once()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval_s)
            self._wake.clear()
