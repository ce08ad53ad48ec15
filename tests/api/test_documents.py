"""POST/DELETE /documents through the real writer, auth with a token, and the body size limit."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.deps import get_extractor
from api.main import create_app
from graph.model import Actor, ActorType, Document, Evidence, Extraction, Mention, Quote, actor_key
from graph.settings import Settings

pytestmark = pytest.mark.integration
TOKEN = "s3cret-test-token-value"
_SAID = re.compile(r'(?P<name>[A-Z]\w+ [A-Z]\w+) said: "(?P<quote>[^"]+)"')


def fake_extract(doc: Document) -> Extraction:
    """Stands in for ingest.pipeline.extract: `Name Surname said: "..."` becomes a quote."""
    actors: dict[str, Actor] = {}
    facts: list[Quote | Mention] = []
    for i, m in enumerate(_SAID.finditer(doc.text)):
        name = m.group("name")
        a = actors.setdefault(name, Actor(key=actor_key(name, ActorType.PERSON), name=name,
                                          type=ActorType.PERSON))
        ev = Evidence(doc_id=doc.id, sentence_index=i, sentence=m.group(0), start=m.start("quote"),
                      end=m.end("quote"), extractor="fake", confidence=0.9)
        facts.append(Quote(speaker=a, text=m.group("quote"), start=m.start("quote"),
                           end=m.end("quote"), evidence=ev))
        span = {"start": m.start(), "end": m.end("name")}
        facts.append(Mention(actor=a, evidence=ev.model_copy(update=span)))
    return Extraction(document=doc, actors=tuple(actors.values()), facts=tuple(facts))


@pytest.fixture(scope="module")
def writer_client(seeded: Driver) -> Iterator[TestClient]:
    settings = Settings(api_token=TOKEN, api_max_body_bytes=20_000, cypher_timeout_s=5)
    app = create_app(settings)
    app.dependency_overrides[get_extractor] = lambda: fake_extract
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}"}
BODY = {"text": 'At the summit Ada Lovelace said: "Compute budgets need public oversight." '
                'Later Grace Hopper said: "Ship it, then regulate it."',
        "title": "Summit notes", "url": "https://example.org/summit", "published": "2025-01-15"}


def test_post_then_quotes_show_it_and_repost_changes_nothing(
    writer_client: TestClient, counts: Callable[[], dict[str, int]]
) -> None:
    first = writer_client.post("/documents", json=BODY, headers=AUTH)
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "new" and first.json()["facts"]["quote"] == 2
    quotes = writer_client.get("/quotes", params={"speaker": "Ada Lovelace"}).json()["items"]
    assert [q["text"] for q in quotes] == ["Compute budgets need public oversight."]
    assert quotes[0]["evidence"]["url"] == "https://example.org/summit"
    newest = writer_client.get("/quotes", params={"limit": 1}).json()["items"][0]
    assert newest["document"]["id"] == first.json()["id"]
    summary = writer_client.get(f"/documents/{first.json()['id']}").json()  # reads need no token
    assert summary["quotes"] == 2 and summary["title"] == "Summit notes"

    before = counts()
    again = writer_client.post("/documents", json=BODY, headers=AUTH)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert again.json()["id"] == first.json()["id"]
    assert counts() == before

    changed = {**BODY, "text": BODY["text"].replace("Ship it", "Test it")}
    replaced = writer_client.post("/documents", json=changed, headers=AUTH).json()
    assert replaced["status"] == "replaced" and replaced["previous_id"] == first.json()["id"]
    hopper = writer_client.get("/quotes", params={"speaker": "Grace Hopper"}).json()["items"]
    texts = {q["text"] for q in hopper}
    assert texts == {"Test it, then regulate it."}

    gone = writer_client.delete(f"/documents/{replaced['id']}", headers=AUTH)
    assert gone.status_code == 200 and gone.json()["quotes_deleted"] == 2
    assert writer_client.get("/quotes", params={"speaker": "Ada Lovelace"}).json()["items"] == []
    assert writer_client.delete(f"/documents/{replaced['id']}", headers=AUTH).status_code == 404


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Basic {TOKEN}"}])
def test_writes_need_the_token(writer_client: TestClient, headers: dict[str, str]) -> None:
    for r in (writer_client.post("/documents", json=BODY, headers=headers),
              writer_client.delete("/documents/anything", headers=headers)):
        assert r.status_code == 401
        assert r.headers["www-authenticate"] == "Bearer"
        assert TOKEN not in r.text
    assert writer_client.get("/quotes").status_code == 200  # reads stay open


def test_no_token_configured_means_open_writes(client: TestClient) -> None:
    r = client.delete("/documents/no-such-document")
    assert r.status_code == 404


def test_oversized_body_is_413(writer_client: TestClient) -> None:
    big = {**BODY, "text": "x" * 30_000}
    r = writer_client.post("/documents", json=big, headers=AUTH)
    assert r.status_code == 413 and r.json()["status"] == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the streamed body is counted
        yield b'{"text": "'
        for _ in range(30):
            yield b"y" * 1000
        yield b'"}'

    r = writer_client.post("/documents", content=chunks(),
                           headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    r = writer_client.post("/cypher", json={"query": "RETURN 1 // " + "z" * 30_000})
    assert r.status_code == 413


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": 1}, {"text": "x", "published": "soon"},
                                  {"text": "x", "published": 0}, {"text": "x", "published": "20250115"},
                                  {"text": "x", "extra": True},
                                  {"text": "Plain words around a lone \udc00 surrogate in the text."}])
def test_bad_document_bodies_are_422(writer_client: TestClient, body: dict[str, object]) -> None:
    raw = json.dumps(body)  # ASCII, so a lone surrogate travels as its \u escape
    headers = {**AUTH, "content-type": "application/json"}
    assert writer_client.post("/documents", content=raw, headers=headers).status_code == 422


def test_whitespace_text_is_422(writer_client: TestClient) -> None:
    r = writer_client.post("/documents", json={"text": "   \n "}, headers=AUTH)
    assert r.status_code == 422 and r.json()["title"] == "Document cannot be processed"


def test_token_is_never_echoed(seeded: Driver) -> None:
    app = create_app(Settings(api_token=TOKEN))
    with TestClient(app) as c:
        assert TOKEN not in c.get("/openapi.json").text
        assert TOKEN not in repr(app.state.settings)


def test_ingest_slots_full_is_503_with_retry_after(seeded: Driver) -> None:
    from api.deps import IngestSlots

    app = create_app(Settings(api_token=None))
    app.dependency_overrides[get_extractor] = lambda: fake_extract
    with TestClient(app, raise_server_exceptions=False) as c:
        app.state.ingest_slots = IngestSlots(size=1, wait_s=0.05)
        assert app.state.ingest_slots.acquire()  # another request holds the only slot
        r = c.post("/documents", json=BODY)
        assert r.status_code == 503 and r.headers["retry-after"] == "5"
        assert r.headers["content-type"].startswith("application/problem+json")
        app.state.ingest_slots.release()
        assert c.post("/documents", json=BODY).status_code == 200
