"""Transient errors are retried with bounded, growing backoff, and a write is never applied twice.

The writer runs each document as one managed transaction; the driver replays the transaction function
on a transient error. Replays are safe because the document is locked by source and every node and
relationship is MERGEd by a content-derived key.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j.exceptions import TransientError

from graph.db import create_driver
from graph.model import Extraction
from graph.rows import LoadPlan, plan_extraction
from graph.schema import clear_graph
from graph.settings import Settings, get_settings
from graph.writer import GraphWriter

pytestmark = pytest.mark.integration

COUNTS = """
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH ()-[r]->() WHERE r.fact_id IS NOT NULL
          WITH r.fact_id AS f, type(r) AS t, count(*) AS c WHERE c > 1 RETURN count(*) AS duplicated }
RETURN nodes, relationships, duplicated
"""
RETRY_BUDGET_S = 15.0  # graph.db.create_driver: max_transaction_retry_time (writes)


def counts(driver: Driver) -> dict[str, Any]:
    with driver.session() as session:
        return session.run(COUNTS).single(strict=True).data()


@pytest.fixture
def graph(clean_graph: Driver) -> Driver:
    clear_graph(clean_graph)
    return clean_graph


def reference(graph: Driver, extractions: list[Extraction]) -> dict[str, Any]:
    writer = GraphWriter(graph)
    for e in extractions:
        writer.write(e)
    after = counts(graph)
    clear_graph(graph)
    return after


class Flaky:
    """A batch hook that fails the first `failures` attempts with a transient error, mid-transaction."""

    def __init__(self, failures: int, after_batches: int = 2) -> None:
        self.failures = failures
        self.after_batches = after_batches
        self.batches = 0
        self.raised: list[float] = []

    def __call__(self, name: str, rows: int) -> None:
        self.batches += 1
        if len(self.raised) < self.failures and self.batches % self.after_batches == 0:
            self.raised.append(time.monotonic())
            raise TransientError("injected: Neo.TransientError.Transaction.DeadlockDetected")


def test_transient_error_mid_document_is_retried_and_applied_once(
    graph: Driver, sample_extractions: list[Extraction]
) -> None:
    expected = reference(graph, sample_extractions)
    flaky = Flaky(failures=2)
    writer = GraphWriter(graph, batch_size=1, on_batch=flaky)
    results = [writer.write(e) for e in sample_extractions]
    assert len(flaky.raised) == 2, "the hook never fired: nothing was retried"
    assert [r.status for r in results] == ["new"] * len(sample_extractions)
    assert counts(graph) == expected
    assert expected["duplicated"] == 0


def test_replaying_a_committed_write_changes_nothing(
    graph: Driver, sample_extractions: list[Extraction]
) -> None:
    """What a retry after a lost commit acknowledgement does: the same unit of work, again."""
    writer = GraphWriter(graph)
    for e in sample_extractions:
        writer.write(e)
    once = counts(graph)
    for e in sample_extractions:  # the whole transaction function again: the lock sees the same id
        plan = plan_extraction(e)
        with graph.session() as session:
            assert session.execute_write(writer._write_tx, plan).status == "unchanged"
    def merge_again(tx: ManagedTransaction, plan: LoadPlan) -> None:
        for name, rows in plan.batches():
            writer._run_batches(tx, name, rows)

    for e in sample_extractions:  # below the lock: every MERGE batch replayed in a new transaction
        with graph.session() as session:
            session.execute_write(merge_again, plan_extraction(e))
    assert counts(graph) == once and once["duplicated"] == 0


def test_pool_and_retry_budget_are_set_deliberately() -> None:
    """The driver takes pool size, acquisition and connect timeouts from settings (SECURITY.md documents
    them); writes outside the API give up after `RETRY_BUDGET_S` (the driver may sleep once more)."""
    settings = Settings(neo4j_pool_size=17, neo4j_acquire_timeout_s=4.5, neo4j_connect_timeout_s=2.5)
    with create_driver(settings) as driver:
        assert driver._pool.pool_config.max_connection_pool_size == 17
        assert driver._pool.pool_config.connection_timeout == 2.5
        assert driver._default_workspace_config.connection_acquisition_timeout == 4.5
        assert driver._default_workspace_config.max_transaction_retry_time == RETRY_BUDGET_S
    defaults = Settings()
    assert (defaults.neo4j_pool_size, defaults.neo4j_acquire_timeout_s) == (64, 5.0)


def test_persistent_transient_error_gives_up_within_the_budget_with_growing_delays(
    graph: Driver, sample_extractions: list[Extraction]
) -> None:
    """The driver's retry loop with a 4 s budget (fast CI): bounded, backing off, nothing written."""
    settings = get_settings()
    budget = 4.0
    with GraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user,
                              settings.neo4j_password.get_secret_value()),
                              max_transaction_retry_time=budget) as driver:
        flaky = Flaky(failures=10_000, after_batches=1)
        writer = GraphWriter(driver, batch_size=1, on_batch=flaky)
        started = time.monotonic()
        with pytest.raises(TransientError):
            writer.write(sample_extractions[0])
        elapsed = time.monotonic() - started
    # The driver stops retrying once `budget` has passed, after at most one more (doubled) delay.
    assert elapsed < 2 * budget + 5, f"gave up only after {elapsed:.1f} s"
    assert 3 <= len(flaky.raised) <= 6, flaky.raised  # a handful of attempts, not a spin
    gaps = [b - a for a, b in itertools.pairwise(flaky.raised)]
    # Exponential backoff (x2, jitter 20%, so at least x1.33): each delay clearly longer than the last.
    assert all(later > earlier * 1.2 for earlier, later in itertools.pairwise(gaps)), gaps
    assert counts(graph) == {"nodes": 0, "relationships": 0, "duplicated": 0}
