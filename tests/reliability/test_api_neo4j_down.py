"""The API while its Neo4j dies and comes back: fast 503 problem JSON, /health up, /ready down, self-healing.

Runs the real app in-process (TestClient) against the throwaway server, SIGKILLs the server, then
restarts it under the same app: no app restart, no new driver.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from faultserver import FaultServer
from httpx import Response

from api.main import create_app
from graph.db import create_driver
from graph.schema import apply_schema, clear_graph

pytestmark = [pytest.mark.integration, pytest.mark.slow]

FAST_S = 5.0
SEED = """
MERGE (a:Actor:Person {key: 'person:ada-test'})
SET a.name = 'Ada Test', a.type = 'Person', a.aliases = ['Ada'], a.alias_text = 'Ada'
"""
# (method, url, json body) covering each router that reads or writes the graph.
CALLS: list[tuple[str, str, dict[str, object] | None]] = [
    ("GET", "/quotes?speaker=person:ada-test", None),
    ("GET", "/actors?q=ada", None),
    ("GET", "/actors/person:ada-test", None),
    ("GET", "/actors/person:ada-test/network", None),
    ("GET", "/paths?from=person:ada-test&to=person:nobody", None),
    ("GET", "/funding", None),
    ("POST", "/cypher", {"query": "MATCH (a:Actor) RETURN a.key AS key"}),
    ("POST", "/documents", {"text": "Ada Test said: \"We will ship it.\"", "title": "t"}),
]


@pytest.fixture(scope="module")
def api(fault_server: FaultServer) -> Iterator[TestClient]:
    fault_server.start()
    with create_driver(fault_server.settings) as driver:
        clear_graph(driver)
        apply_schema(driver)
        with driver.session() as session:
            session.run(SEED).consume()
    with TestClient(create_app(fault_server.settings), raise_server_exceptions=False) as client:
        yield client
    fault_server.start()  # leave it running for the next module


def timed(
    client: TestClient, method: str, url: str, body: dict[str, object] | None
) -> tuple[Response, float]:
    started = time.monotonic()
    response = client.request(method, url, json=body)
    return response, time.monotonic() - started


def test_up_before_the_fault(api: TestClient) -> None:
    assert api.get("/ready").status_code == 200
    for method, url, body in CALLS:  # also warms spaCy, so later timings measure Neo4j only
        r, _ = timed(api, method, url, body)
        assert r.status_code < 500, (url, r.text)


def test_neo4j_killed_gives_fast_503_problem_json(api: TestClient, fault_server: FaultServer) -> None:
    fault_server.kill()
    assert api.get("/health").status_code == 200
    slow = []
    for method, url, body in CALLS:
        r, elapsed = timed(api, method, url, body)
        assert r.status_code == 503, (url, r.status_code, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        problem = r.json()
        assert problem["status"] == 503 and problem["title"] and problem["detail"]
        assert "Traceback" not in r.text and "policygraph-fault" not in r.text
        if elapsed >= FAST_S:
            slow.append((url, round(elapsed, 1)))
    assert not slow, f"503 took {FAST_S} s or more: {slow}"
    ready, elapsed = timed(api, "GET", "/ready", None)
    assert ready.status_code == 503 and ready.json()["ready"] is False and ready.json()["neo4j"] is False
    assert elapsed < FAST_S
    assert api.get("/health").status_code == 200


def test_api_recovers_by_itself(api: TestClient, fault_server: FaultServer) -> None:
    fault_server.start()
    deadline = time.monotonic() + 30
    while api.get("/ready").status_code != 200:
        assert time.monotonic() < deadline, "the API did not become ready after Neo4j came back"
        time.sleep(0.5)
    for method, url, body in CALLS:
        r, _ = timed(api, method, url, body)
        assert r.status_code < 500, (url, r.text)
    assert api.get("/actors/person:ada-test").json()["name"] == "Ada Test"
