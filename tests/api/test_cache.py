"""The GET response cache: hits and misses, exact invalidation (API writes at once, other writers within a
poll), ETag / 304, disabled with 0, and bypassed while the database cannot be polled."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from starlette.types import Message, Receive, Scope, Send

from api.cache import CacheMiddleware, Entry, ResponseCache
from api.deps import get_extractor
from api.main import create_app
from graph.model import Actor, ActorType, Document, Evidence, Extraction, Quote
from graph.settings import Settings
from graph.writer import GraphWriter

pytestmark = pytest.mark.integration
CHECK_MS = 50
ALTMAN = Actor(key="person:sam-altman", name="Sam Altman", type=ActorType.PERSON)
SPEAKER = {"speaker": "person:sam-altman"}


def one_quote(text: str, source: str) -> Extraction:
    """A document whose only fact is Sam Altman saying `text`."""
    body = f'Sam Altman said: "{text}"'
    doc = Document(source=source, text=body, title=source, url=None, published=None)
    start = body.index(text)
    ev = Evidence(doc_id=doc.id, sentence_index=0, sentence=body, start=start, end=start + len(text),
                  extractor="test", confidence=0.9)
    quote = Quote(speaker=ALTMAN, text=text, start=start, end=start + len(text), evidence=ev)
    return Extraction(document=doc, actors=(ALTMAN,), facts=(quote,))


def fake_extract(doc: Document) -> Extraction:
    return one_quote(doc.text.split('"')[1], doc.source)


def settings(**overrides: object) -> Settings:
    base: dict[str, object] = {"api_token": None, "cache_check_ms": CHECK_MS, "cypher_timeout_s": 5.0}
    return Settings(**{**base, **overrides})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def cached(seeded: Driver) -> Iterator[TestClient]:
    app = create_app(settings())
    app.dependency_overrides[get_extractor] = lambda: fake_extract
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def texts(r: object) -> set[str]:
    return {q["text"] for q in r.json()["items"]}  # type: ignore[attr-defined]


def test_second_get_is_a_hit_with_the_same_body_and_params_are_normalised(cached: TestClient) -> None:
    first = cached.get("/quotes?speaker=person%3Asam-altman&limit=7")
    assert first.status_code == 200 and first.headers["x-cache"] == "miss"
    again = cached.get("/quotes?limit=7&speaker=person%3Asam-altman")
    assert again.headers["x-cache"] == "hit"
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-type"] == first.headers["content-type"]
    for path in ("/actors/person:sam-altman", "/actors/person:sam-altman/network?depth=2", "/funding",
                 "/paths?from=person:sam-altman&to=organisation:openai"):
        assert cached.get(path).headers["x-cache"] == "miss", path
        assert cached.get(path).headers["x-cache"] == "hit", path


def test_errors_are_not_cached(cached: TestClient) -> None:
    for _ in range(2):
        r = cached.get("/actors/person:nobody-at-all")
        assert r.status_code == 404 and r.headers["x-cache"] == "miss"
    assert "x-cache" not in cached.get("/health").headers


def test_if_none_match_gives_304(cached: TestClient) -> None:
    r = cached.get("/quotes", params={"speaker": "Vestager"})
    etag = r.headers["etag"]
    not_modified = cached.get("/quotes", params={"speaker": "Vestager"}, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified.headers["etag"] == etag
    other = cached.get("/quotes", params={"speaker": "Vestager"}, headers={"If-None-Match": '"nope"'})
    assert other.status_code == 200 and other.content == r.content


def test_write_through_the_api_invalidates_at_once(cached: TestClient) -> None:
    before = cached.get("/quotes", params=SPEAKER)
    assert cached.get("/quotes", params=SPEAKER).headers["x-cache"] == "hit"
    posted = cached.post("/documents", json={"text": 'Sam Altman said: "Caches must be exact."',
                                             "source": "test:cache-api-write"})
    assert posted.status_code == 200, posted.text
    after = cached.get("/quotes", params=SPEAKER)  # no sleep: the write emptied the cache
    assert after.headers["x-cache"] == "miss"
    assert texts(after) == texts(before) | {"Caches must be exact."}
    gone = cached.get("/quotes", params=SPEAKER, headers={"If-None-Match": before.headers["etag"]})
    assert gone.status_code == 200  # the old ETag no longer matches
    doc_id = posted.json()["id"]
    assert cached.delete(f"/documents/{doc_id}").status_code == 200
    assert texts(cached.get("/quotes", params=SPEAKER)) == texts(before)


def test_write_by_another_writer_invalidates_within_a_poll(cached: TestClient, seeded: Driver) -> None:
    before = cached.get("/quotes", params=SPEAKER)
    etag = before.headers["etag"]
    assert cached.get("/quotes", params=SPEAKER).headers["x-cache"] == "hit"
    GraphWriter(seeded).write(one_quote("Bookmarks tell the truth.", "test:cache-driver-write"))
    deadline = time.monotonic() + 5 * CHECK_MS / 1000 + 1.0  # one interval plus a loaded-box margin
    while True:
        r = cached.get("/quotes", params=SPEAKER)
        if "Bookmarks tell the truth." in texts(r) or time.monotonic() > deadline:
            break
        time.sleep(CHECK_MS / 1000 / 5)
    assert texts(r) == texts(before) | {"Bookmarks tell the truth."}
    assert r.headers["etag"] != etag
    assert cached.get("/quotes", params=SPEAKER, headers={"If-None-Match": etag}).status_code == 200


def test_cache_disabled_with_zero(seeded: Driver) -> None:
    with TestClient(create_app(settings(cache_entries=0)), raise_server_exceptions=False) as c:
        for _ in range(2):
            r = c.get("/quotes", params=SPEAKER)
            assert r.status_code == 200
            assert "x-cache" not in r.headers and "etag" not in r.headers


def test_unreachable_database_bypasses_the_cache() -> None:
    s = settings(neo4j_uri="bolt://127.0.0.1:9", neo4j_password="wrong-but-long-enough",
                 neo4j_connect_timeout_s=0.5)
    with TestClient(create_app(s), raise_server_exceptions=False) as c:
        r = c.get("/quotes", params=SPEAKER)
        assert r.status_code == 503 and "x-cache" not in r.headers


def test_entries_are_dropped_when_computed_across_an_invalidation() -> None:
    cache = ResponseCache(2, stale_after_s=60)
    cache.observe("bm1", time.monotonic())
    ticket = cache.generation
    cache.invalidate()
    assert not cache.put("k", Entry(200, [], b"x", '"e"'), ticket)
    assert cache.put("k", Entry(200, [], b"x", '"e"'), cache.generation)
    for key in ("a", "b"):
        cache.put(key, Entry(200, [], b"y", '"e"'), cache.generation)
    assert list(cache.entries) == ["a", "b"]  # LRU bound
    cache.unverified()
    assert not cache.verified and not cache.entries
    assert not cache.put("c", Entry(200, [], b"z", '"e"'), cache.generation)


def test_identical_concurrent_misses_are_computed_once() -> None:
    calls = 0

    async def slow_app(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.05)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"x")]})
        await send({"type": "http.response.body", "body": b"answer"})

    cache = ResponseCache(10, stale_after_s=60)
    cache.observe("bm1", time.monotonic())
    middleware = CacheMiddleware(slow_app, cache, on_write=lambda: None)

    async def get(path: str) -> list[Message]:
        sent: list[Message] = []

        async def send(message: Message) -> None:
            sent.append(message)

        async def receive() -> Message:
            return {"type": "http.request", "body": b""}

        scope = {"type": "http", "method": "GET", "path": path, "query_string": b"speaker=a", "headers": []}
        await middleware(scope, receive, send)
        return sent

    async def main() -> list[list[Message]]:
        return await asyncio.gather(*(get("/quotes") for _ in range(5)), get("/funding"))

    answers = asyncio.run(main())
    assert calls == 2  # one per distinct key
    assert all(a[-1]["body"] == b"answer" for a in answers)
    states = sorted(dict(a[0]["headers"])[b"x-cache"] for a in answers[:5])
    assert states == [b"hit", b"hit", b"hit", b"hit", b"miss"]
    assert cache.hits == 4 and cache.misses == 2 and not middleware.inflight
