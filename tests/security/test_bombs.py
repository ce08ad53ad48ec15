"""The bomb battery through the real API (its own uvicorn) against the run's Neo4j, on a graph of ~4k nodes.

Every bomb must be answered with a 4xx, 429 or 504 within the Cypher timeout + 2 s, and Neo4j's process
must be idle again (its CPU read from /proc) within the timeout + 10 s of the request. The outcomes are
printed at the end of the run (`pytest_terminal_summary` in conftest.py).
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from apiserver import api_server
from bombs import BOMBS, RESULTS, fire, local_server_pid, wait_until_idle
from neo4j import Driver

from graph.writer import GraphWriter

pytestmark = [pytest.mark.integration, pytest.mark.slow]

TIMEOUT_S = 4.0
ARTICLES = 300  # synthetic articles: ~4k nodes and ~13k relationships, enough for every bomb to bite


@pytest.fixture(scope="module")
def bomb_graph(clean_graph: Driver) -> Driver:
    """A graph big enough for cartesian products, paths and collects to be real work."""
    from bench.corpus import extractions

    list(GraphWriter(clean_graph).write_many(extractions(ARTICLES)))
    return clean_graph


@pytest.fixture(scope="module")
def neo4j_pid() -> int:
    pid = local_server_pid()
    if pid is None:
        pytest.fail("the bomb battery reads Neo4j's CPU from /proc: run it against the local server that "
                    "`policygraph neo4j start` runs for POLICYGRAPH_NEO4J_HOME (scripts/test.sh does)",
                    pytrace=False)
    return pid


@pytest.fixture(scope="module")
def api(bomb_graph: Driver) -> Iterator[str]:
    # No response cache (its poller would be the only other load) and no rate limit (the battery is one
    # client firing two dozen queries); concurrency stays at its default.
    with api_server(cypher_timeout_s=TIMEOUT_S, cache_entries=0, cypher_rate="", write_rate="") as url:
        yield url


@pytest.mark.parametrize("name", list(BOMBS))
def test_bomb_is_answered_and_neo4j_goes_idle(api: str, neo4j_pid: int, name: str) -> None:
    assert wait_until_idle(neo4j_pid, 60.0), "Neo4j was busy before the bomb was fired"
    outcome = fire(api, name, neo4j_pid, answer_budget_s=TIMEOUT_S + 60, idle_budget_s=TIMEOUT_S + 10)
    RESULTS.append(outcome)
    assert isinstance(outcome.status, int) and (400 <= outcome.status < 500 or outcome.status == 504), \
        f"{name}: {outcome.status} {outcome.detail}"
    assert outcome.answer_s <= TIMEOUT_S + 2, f"{name} answered after {outcome.answer_s:.1f} s"
    assert outcome.idle_s is not None, f"Neo4j still busy {TIMEOUT_S + 10:g} s after {name}"


def test_the_battery_covers_every_class() -> None:
    words = " ".join(BOMBS)
    for kind in ("string", "list", "comprehension", "unwind", "cartesian", "var_length", "shortest",
                 "order_by", "regex", "collect"):
        assert kind in words, kind
    assert len(BOMBS) >= 15


# Bombs that pass every check before they run, and really run in Neo4j until the deadline or the memory
# limit stops them (on this graph; the planner-estimate check refuses the 3-way cartesian product and the
# unbounded path up front).
RUNNING_BOMBS = ["nested_unwind", "nested_unwind_max_ranges", "shortest_path_everything",
                 "all_shortest_paths", "distinct_cartesian", "regex_quadratic_rows", "collect_many_rows",
                 "order_by_many_rows"]


def _timed_quotes(client: httpx.Client, speakers: list[str], n: int) -> list[float]:
    times = []
    for i in range(n):
        started = time.perf_counter()
        r = client.get("/quotes", params={"speaker": speakers[i % len(speakers)], "limit": 20})
        times.append(time.perf_counter() - started)
        assert r.status_code == 200, r.text
    return times


class Bombers:
    """8 clients, one per bomb, firing without pause while `firing` is set (429: back after 0.2 s)."""

    def __init__(self, api: str, names: list[str]) -> None:
        self.api = api
        self.firing = threading.Event()
        self.stopped = threading.Event()
        self.in_flight = 0
        self.answers: list[int] = []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._fire, args=(n,), daemon=True) for n in names]
        for t in self.threads:
            t.start()

    def _fire(self, name: str) -> None:
        query, params = BOMBS[name]
        with httpx.Client(base_url=self.api, timeout=TIMEOUT_S + 30) as client:
            while not self.stopped.is_set():
                if not self.firing.wait(0.05):
                    continue
                with self.lock:
                    self.in_flight += 1
                try:
                    status = client.post("/cypher", json={"query": query, "params": params}).status_code
                finally:
                    with self.lock:
                        self.in_flight -= 1
                self.answers.append(status)
                if status == 429:
                    time.sleep(0.2)

    def start(self) -> None:
        self.firing.set()
        time.sleep(1.0)  # both slots taken, the other clients answered 429 and coming back

    def pause(self) -> None:
        """Stop firing and wait until every bomb in flight has its answer (Neo4j has dropped it)."""
        self.firing.clear()
        deadline = time.monotonic() + TIMEOUT_S + 30
        while self.in_flight and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.in_flight == 0, "a bomb was not answered"

    def close(self) -> None:
        self.firing.clear()
        self.stopped.set()
        for t in self.threads:
            t.join(TIMEOUT_S + 35)


def test_quotes_keep_their_pace_while_eight_bombs_run(api: str, bomb_graph: Driver) -> None:
    """8 clients fire bombs without pause; /quotes (no response cache: every request reaches Neo4j) stays
    within 2x its idle p50, because /cypher holds at most `cypher_concurrency` slots (and at most half of
    Neo4j's processors, so the reads keep cores) and its own threads and connections.

    Idle and bombed stretches alternate (idle, bombs, idle, bombs, idle, bombs, idle), so a shared CI
    machine that gets busier or quieter meanwhile weighs on both sides of the comparison alike.
    """
    with bomb_graph.session() as session:
        speakers = [r["key"] for r in session.run(SPEAKERS)]
    assert len(speakers) >= 10
    idle: list[float] = []
    busy: list[float] = []
    bombers = Bombers(api, RUNNING_BOMBS)
    try:
        with httpx.Client(base_url=api, timeout=30) as client:
            _timed_quotes(client, speakers, 40)  # warm-up: plans, pool, JIT
            for _ in range(3):
                idle += _timed_quotes(client, speakers, 40)
                bombers.start()
                busy += _timed_quotes(client, speakers, 60)
                bombers.pause()
            idle += _timed_quotes(client, speakers, 40)
    finally:
        bombers.close()
    idle_p50, busy_p50 = statistics.median(idle), statistics.median(busy)
    print(f"\n/quotes p50 idle {idle_p50 * 1000:.1f} ms, under 8 bombs {busy_p50 * 1000:.1f} ms; "
          f"bomb answers {sorted(set(bombers.answers))}")
    assert 504 in bombers.answers and 429 in bombers.answers, bombers.answers
    assert busy_p50 < 2 * idle_p50, \
        f"p50 {busy_p50 * 1000:.1f} ms under bombs vs {idle_p50 * 1000:.1f} ms idle"


SPEAKERS = "MATCH (p:Person)-[:SAID]->() WITH p, count(*) AS n ORDER BY n DESC LIMIT 20 RETURN p.key AS key"
