"""The bomb battery through the real API (its own uvicorn) against the run's Neo4j, on a graph of ~4k nodes.

Every bomb must be answered with a 4xx, 429 or 504 within the Cypher timeout + 2 s, and Neo4j's process
must be idle again (its CPU read from /proc) within the timeout + 10 s of the request. The outcomes are
printed at the end of the run (`pytest_terminal_summary` in conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator

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
