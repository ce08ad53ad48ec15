"""POST /documents with hostile texts: a clear 4xx problem or a sane 200, in bounded time, never a 5xx."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from bad_inputs import BYTES, SLOW, TEN_MB, TEXTS
from bounds import within
from fastapi.testclient import TestClient
from httpx import Response
from neo4j import Driver

from api.main import create_app
from graph.settings import Settings

pytestmark = pytest.mark.integration

BOUND_S = 30.0
SLOW_BOUND_S = 240.0  # 50k tokens through spaCy on a loaded 2-core runner


@pytest.fixture(scope="module")
def client(clean_graph: Driver) -> Iterator[TestClient]:
    settings = Settings(api_token=None)  # default body limit (1 MB)
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        c.post("/documents", json={"text": "Warm-up: Vestager said \"yes\"."})  # loads spaCy once
        yield c


def check(r: Response) -> None:
    assert r.status_code < 500, r.text[:500]
    assert "Traceback" not in r.text
    if r.status_code >= 400:
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["detail"], r.text
    else:
        body = r.json()
        assert body["status"] in ("new", "unchanged", "replaced")
        assert all(isinstance(v, int) and v >= 0 for v in body["facts"].values())


@pytest.mark.parametrize("name", [n for n in TEXTS if n not in SLOW])
def test_hostile_text(client: TestClient, name: str) -> None:
    with within(BOUND_S, f"POST /documents with {name}"):
        r = client.post("/documents", json={"text": TEXTS[name], "title": name})
    check(r)
    if not TEXTS[name].strip():
        assert r.status_code == 422


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SLOW))
def test_hostile_text_slow(client: TestClient, name: str) -> None:
    with within(SLOW_BOUND_S, f"POST /documents with {name}"):
        r = client.post("/documents", json={"text": TEXTS[name], "title": name})
    check(r)


def test_ten_megabytes_is_413(client: TestClient) -> None:
    with within(BOUND_S, "a 10 MB body"):
        r = client.post("/documents", json={"text": "word " * (TEN_MB // 5)})
    assert r.status_code == 413 and r.json()["status"] == 413


@pytest.mark.parametrize("name", sorted(BYTES))
def test_bytes_that_are_not_json_text(client: TestClient, name: str) -> None:
    """Raw non-UTF-8 bytes in the body: refused as an unreadable request."""
    body = b'{"text": "' + BYTES[name].replace(b'"', b"").replace(b"\\", b"") + b'"}'
    with within(BOUND_S, f"raw {name}"):
        r = client.post("/documents", content=body, headers={"content-type": "application/json"})
    check(r)
    assert 400 <= r.status_code < 500


@pytest.mark.parametrize("name", sorted(BYTES))
def test_bytes_smuggled_as_text(client: TestClient, name: str) -> None:
    """The same bytes read as Latin-1, so they arrive as a valid JSON string full of junk characters."""
    with within(BOUND_S, f"{name} as text"):
        r = client.post("/documents", content=json.dumps({"text": BYTES[name].decode("latin-1")}),
                        headers={"content-type": "application/json"})
    check(r)
