"""GraphWriter under failure and concurrency: a document is all there or not there at all."""

from __future__ import annotations

import multiprocessing as mp

import pytest
from graph_facts import ai_act, ai_act_edited, chips, sample, snapshot, uk_safety, write_in_process
from graph_facts import rows as q
from neo4j import Driver
from neo4j.exceptions import TransientError

from graph.model import Extraction
from graph.schema import clear_graph
from graph.writer import GraphWriter

pytestmark = pytest.mark.integration


class Boom(RuntimeError):
    pass


def fail_after(batches: int):  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def hook(name: str, rows: int) -> None:
        seen.append(name)
        if len(seen) >= batches:
            raise Boom(f"injected after {name}")

    return hook


@pytest.fixture
def graph(clean_graph: Driver) -> Driver:
    clear_graph(clean_graph)
    return clean_graph


@pytest.mark.parametrize("batches", [1, 3, 6])
def test_failure_mid_write_leaves_nothing_of_the_document(graph: Driver, batches: int) -> None:
    GraphWriter(graph).write(ai_act())
    before = snapshot(graph)
    failing = GraphWriter(graph, batch_size=1, on_batch=fail_after(batches))
    with pytest.raises(Boom):
        failing.write(chips())
    assert snapshot(graph) == before
    assert chips().document.source not in {d["source"] for d in q(graph, "documents")}


def test_failure_mid_replace_keeps_the_old_version(graph: Driver) -> None:
    list(GraphWriter(graph).write_many(sample()))
    before = snapshot(graph)
    docs = q(graph, "documents")
    with pytest.raises(Boom):
        GraphWriter(graph, batch_size=1, on_batch=fail_after(4)).write(ai_act_edited())
    assert snapshot(graph) == before
    assert q(graph, "documents") == docs


def run_concurrently(*batches: list[Extraction]) -> list[object]:
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(len(batches))
    out = ctx.Queue()
    procs = [ctx.Process(target=write_in_process, args=(b, barrier, out)) for b in batches]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    return results


def assert_no_duplicates(graph: Driver) -> None:
    assert q(graph, "duplicates") == [{"rels": 0, "actors": 0, "documents": 0, "quotes": 0}]


def test_two_processes_writing_the_same_document(graph: Driver) -> None:
    results = run_concurrently([ai_act()], [ai_act()])
    assert sorted(s for r in results for _, s in r) == ["new", "unchanged"], results  # type: ignore[union-attr]
    assert_no_duplicates(graph)
    alone = snapshot(graph)
    clear_graph(graph)
    GraphWriter(graph).write(ai_act())
    assert snapshot(graph) == alone


def test_two_processes_writing_overlapping_corpora(graph: Driver) -> None:
    docs = sample()
    results = run_concurrently(docs, list(reversed(docs)))
    statuses = sorted(s for r in results for _, s in r)  # type: ignore[union-attr]
    assert statuses == ["new"] * 3 + ["unchanged"] * 3, results
    assert_no_duplicates(graph)


def test_two_versions_of_a_source_at_once_leave_exactly_one(graph: Driver) -> None:
    GraphWriter(graph).write(uk_safety())
    results = run_concurrently([ai_act()], [ai_act_edited()])
    assert all(isinstance(r, list) for r in results), results
    assert_no_duplicates(graph)
    ai_docs = [d for d in q(graph, "documents") if d["source"] == ai_act().document.source]
    assert len(ai_docs) == 1
    kept = ai_docs[0]["id"]
    doc_ids = {r["doc_id"] for r in snapshot(graph)["by_doc"]}
    assert doc_ids == {kept, uk_safety().document.id}
    expected = ai_act() if kept == ai_act().document.id else ai_act_edited()
    alone = snapshot(graph)
    clear_graph(graph)
    GraphWriter(graph).write(uk_safety())
    GraphWriter(graph).write(expected)
    assert snapshot(graph) == alone


def test_a_transient_error_is_retried_without_duplicates(graph: Driver) -> None:
    failures = []

    def flaky(name: str, rows: int) -> None:
        if not failures and name == "load/merge_said":
            failures.append(name)
            raise TransientError("injected deadlock")

    result = GraphWriter(graph, batch_size=1, on_batch=flaky).write(ai_act())
    assert failures and result.status == "new"
    assert_no_duplicates(graph)
    retried = snapshot(graph)
    clear_graph(graph)
    GraphWriter(graph).write(ai_act())
    assert snapshot(graph) == retried
