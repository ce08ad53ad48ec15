"""The /cypher gate on the real Neo4j: N slots (429 beyond), the API's own deadline, and the query gone after.

`test_slot_is_held_until_the_worker_ends` drives the gate with plain Python work, because a query that
Neo4j cannot stop is exactly what the static bounds refuse before it could reach the database.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.cypher_gate import CypherGate
from api.main import create_app
from graph.errors import GraphUnavailable, QueryTimeout, TooManyRequests
from graph.settings import Settings
from graph.user_cypher import META_KEY

pytestmark = pytest.mark.integration
SLOW = "UNWIND range(1, 1000000) AS a UNWIND range(1, 1000000) AS b RETURN count(*) AS n"
OURS = f"SHOW TRANSACTIONS YIELD metaData WHERE metaData.{META_KEY} IS NOT NULL RETURN count(*) AS n"


def tagged_transactions(driver: Driver) -> int:
    with driver.session() as session:
        return int(session.run(OURS).single(strict=True)["n"])


def test_deadline_answers_504_and_the_query_is_gone(seeded: Driver,
                                                   make_settings: Callable[..., Settings]) -> None:
    timeout = 2.0
    app = create_app(make_settings(cypher_timeout_s=timeout))
    with TestClient(app, raise_server_exceptions=False) as client:
        started = time.monotonic()
        r = client.post("/cypher", json={"query": SLOW})
        elapsed = time.monotonic() - started
        assert r.status_code == 504 and r.json()["title"] == "Query timed out", r.text
        assert elapsed <= timeout + 2.0
        deadline = time.monotonic() + 10
        while tagged_transactions(seeded) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert tagged_transactions(seeded) == 0, "the query still runs in Neo4j"
        assert client.app.state.cypher_gate.running == 0


def test_slots_beyond_concurrency_get_429(seeded: Driver, make_settings: Callable[..., Settings]) -> None:
    settings = make_settings(cypher_timeout_s=3.0, cypher_concurrency=2)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        assert client.post("/cypher", json={"query": "RETURN 1 AS one"}).status_code == 200
        gate = client.app.state.cypher_gate
        processors = client.app.state.repository.server_processors()
        assert processors is not None and processors >= 1, "the local server offers JMX"
        assert gate.size == min(2, max(1, processors // 2))
        with ThreadPoolExecutor(gate.size) as pool:
            slow = [pool.submit(client.post, "/cypher", json={"query": SLOW}) for _ in range(gate.size)]
            deadline = time.monotonic() + 5
            while gate.running < gate.size and time.monotonic() < deadline:
                time.sleep(0.05)
            refused = client.post("/cypher", json={"query": "RETURN 1 AS one"})
            assert refused.status_code == 429, refused.text
            assert 1 <= int(refused.headers["retry-after"]) <= 4
            assert f"{gate.size} user queries are already running" in refused.json()["detail"]
            assert client.get("/quotes", params={"limit": 1}).status_code == 200, "named reads still answer"
            assert [f.result().status_code for f in slow] == [504] * gate.size
        deadline = time.monotonic() + 10
        while gate.running and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.post("/cypher", json={"query": "RETURN 1 AS one"}).status_code == 200


@pytest.mark.parametrize(("configured", "processors", "admitted"),
                         [(2, 2, 1), (2, 1, 1), (2, 3, 1), (2, 4, 2), (2, 16, 2), (4, 8, 4), (2, None, 2)])
def test_slots_are_at_most_half_of_neo4j_processors(configured: int, processors: int | None,
                                                    admitted: int) -> None:
    """Every runaway query keeps a Neo4j core busy; the named reads keep at least half of them."""
    gate = CypherGate(size=configured, timeout_s=1.0, server_processors=lambda: processors)
    try:
        gate.fit_to_server()
        assert (gate.configured, gate.size) == (configured, admitted)
    finally:
        gate.close()


def test_slots_are_fitted_once_neo4j_answers() -> None:
    answers: list[int | None] = []

    def processors() -> int | None:
        if not answers:
            answers.append(None)
            raise GraphUnavailable("Neo4j is not reachable")
        answers.append(2)
        return 2

    gate = CypherGate(size=2, timeout_s=1.0, server_processors=processors)
    try:
        gate.fit_to_server()
        assert gate.size == 2, "unknown while Neo4j is down: the setting holds"
        gate.fit_to_server()
        gate.fit_to_server()
        assert gate.size == 1 and answers == [None, 2], "asked again once, then never"
    finally:
        gate.close()


def test_memory_limit_is_a_clear_4xx(seeded: Driver, make_settings: Callable[..., Settings]) -> None:
    query = "UNWIND range(1, 1000000) AS a UNWIND range(1, 1000000) AS b RETURN size(collect(a + b)) AS n"
    app = create_app(make_settings(cypher_timeout_s=30.0))
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.post("/cypher", json={"query": query})
    assert r.status_code == 400 and r.json()["title"] == "Query used too much memory", r.text
    assert "POLICYGRAPH_NEO4J_TX_MEMORY_MAX" in r.json()["detail"]


def test_refused_queries_take_no_slot(seeded: Driver, make_settings: Callable[..., Settings]) -> None:
    with TestClient(create_app(make_settings(cypher_concurrency=1)), raise_server_exceptions=False) as client:
        r = client.post("/cypher", json={"query": "RETURN reduce(s = '', x IN range(1, 50000000) | s + 'a')"})
        assert r.status_code == 400 and "range()" in r.json()["detail"]
        assert client.app.state.cypher_gate.running == 0


def test_slot_is_held_until_the_worker_ends() -> None:
    """A query that outlives its 504 keeps its slot, so runaway work stays bounded by the slots."""
    gate = CypherGate(size=1, timeout_s=0.3)
    release = threading.Event()
    stops: list[str] = []

    def stuck(request_id: str, cancelled: threading.Event) -> str:
        release.wait(10)
        return "done"

    def stop(request_id: str, finished: Callable[[], bool], budget_s: float) -> bool:
        stops.append(request_id)
        return finished()

    async def scenario() -> None:
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="Neo4j is stopping it"):
            await gate.run(stuck, stop)
        assert time.monotonic() - started < 0.3 + 1.5
        assert stops and gate.running == 1
        with pytest.raises(TooManyRequests) as busy:
            await gate.run(stuck, stop)
        assert busy.value.retry_after_s >= 1
        release.set()
        for _ in range(100):
            if gate.running == 0:
                break
            await asyncio.sleep(0.02)
        assert gate.running == 0
        assert await gate.run(lambda rid, cancelled: "ok", stop) == "ok"

    try:
        asyncio.run(scenario())
    finally:
        release.set()
        gate.close()


def test_planner_estimate_refuses_what_cannot_finish(seeded: Driver,
                                                     make_settings: Callable[..., Settings]) -> None:
    app = create_app(make_settings(cypher_max_estimated_rows=100))
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.post("/cypher", json={"query": "MATCH (a), (b), (c) RETURN a.key, b.key, c.key"})
        assert r.status_code == 400 and "planner estimates" in r.json()["detail"], r.text
        anchored = {"query": "MATCH (a:Actor {key: $key}) RETURN a.name AS name", "params": {"key": "x"}}
        assert client.post("/cypher", json=anchored).status_code == 200
        assert client.app.state.cypher_gate.running == 0
