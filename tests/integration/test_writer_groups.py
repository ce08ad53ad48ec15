"""GraphWriter.load_many: many documents per transaction, each still all or nothing (issue 7)."""

from __future__ import annotations

import pytest
from graph_facts import ai_act, ai_act_edited, chips, evidence_problems, sample, snapshot, uk_safety
from graph_facts import rows as q
from neo4j import Driver

from graph.errors import InvalidInput
from graph.model import Extraction
from graph.schema import clear_graph
from graph.settings import get_settings
from graph.writer import GraphWriter

pytestmark = pytest.mark.integration


class Boom(RuntimeError):
    pass


@pytest.fixture
def graph(clean_graph: Driver) -> Driver:
    clear_graph(clean_graph)
    return clean_graph


def state(driver: Driver) -> tuple[object, ...]:
    """Everything a reader could tell apart: counts, per-document facts, actors with aliases, documents."""
    docs = [{k: v for k, v in d.items() if k != "ingested_at"} for d in q(driver, "documents")]
    return snapshot(driver), q(driver, "actor_keys"), docs


def one_by_one(driver: Driver, extractions: list[Extraction]) -> tuple[object, ...]:
    for ex in extractions:
        GraphWriter(driver).write(ex)
    return state(driver)


def cites_elsewhere(ex: Extraction) -> Extraction:
    """`ex` with its first fact's evidence pointing at another document: the writer must refuse it."""
    fact = ex.facts[0]
    wrong = fact.model_copy(update={"evidence": fact.evidence.model_copy(update={"doc_id": "elsewhere"})})
    return ex.model_copy(update={"facts": (wrong, *ex.facts[1:])})


def test_a_group_writes_what_one_by_one_writes(graph: Driver) -> None:
    singles = [GraphWriter(graph).write(ex) for ex in sample()]
    expected = state(graph)
    clear_graph(graph)
    results = list(GraphWriter(graph, batch_size=3).write_many(sample(), docs_per_tx=10))
    assert [r.status for r in results] == ["new"] * 3
    assert [(r.facts_written, r.actors_written, r.quotes_written) for r in results] == [
        (r.facts_written, r.actors_written, r.quotes_written) for r in singles]
    assert all(r.facts_written > 0 for r in results)
    assert state(graph) == expected
    assert evidence_problems(graph) == []


def test_a_mixed_group_reports_each_document(graph: Driver) -> None:
    GraphWriter(graph).write(ai_act())
    GraphWriter(graph).write(uk_safety())
    results = list(GraphWriter(graph).write_many([ai_act_edited(), uk_safety(), chips()], docs_per_tx=3))
    assert [r.status for r in results] == ["replaced", "unchanged", "new"]
    assert results[0].previous_id == ai_act().document.id and results[0].retracted > 0
    grouped = state(graph)
    clear_graph(graph)
    assert grouped == one_by_one(graph, [ai_act(), uk_safety(), ai_act_edited(), chips()])


def test_a_repeated_source_splits_the_group_in_order(graph: Driver) -> None:
    results = list(GraphWriter(graph).write_many([ai_act(), uk_safety(), ai_act_edited()], docs_per_tx=10))
    assert [(r.source, r.status) for r in results] == [
        (ai_act().document.source, "new"),
        (uk_safety().document.source, "new"),
        (ai_act().document.source, "replaced"),
    ]
    grouped = state(graph)
    clear_graph(graph)
    assert grouped == one_by_one(graph, [uk_safety(), ai_act_edited()])


def test_a_bad_document_fails_alone(graph: Driver) -> None:
    stream = [ai_act(), cites_elsewhere(chips()), uk_safety()]
    outcomes = list(GraphWriter(graph).load_many(stream, docs_per_tx=3))
    assert [o.extraction.document.source for o in outcomes] == [ex.document.source for ex in stream]
    assert [o.result.status if o.result else None for o in outcomes] == ["new", None, "new"]
    assert isinstance(outcomes[1].error, InvalidInput)
    assert "elsewhere" in str(outcomes[1].error)
    grouped = state(graph)
    clear_graph(graph)
    assert grouped == one_by_one(graph, [ai_act(), uk_safety()])


def test_write_many_raises_the_first_failure(graph: Driver) -> None:
    with pytest.raises(InvalidInput):
        list(GraphWriter(graph).write_many([ai_act(), cites_elsewhere(chips())], docs_per_tx=2))


@pytest.mark.parametrize("batches", [1, 4, 8])
def test_a_failure_mid_group_leaves_nothing_of_the_group(graph: Driver, batches: int) -> None:
    GraphWriter(graph).write(ai_act())
    before = state(graph)
    seen: list[str] = []

    def hook(name: str, rows: int) -> None:
        seen.append(name)
        if len(seen) >= batches:
            raise Boom(name)

    writer = GraphWriter(graph, batch_size=1, on_batch=hook)
    with pytest.raises(Boom):
        list(writer.write_many([ai_act_edited(), uk_safety(), chips()], docs_per_tx=3))
    assert state(graph) == before


@pytest.mark.parametrize("docs_per_tx", [1, 2, 3, 10])
def test_versions_land_in_stream_order(graph: Driver, docs_per_tx: int) -> None:
    stream = [ai_act(), uk_safety(), ai_act_edited(), chips(), ai_act()]
    writer = GraphWriter(graph)
    results = list(writer.write_many(stream, docs_per_tx=docs_per_tx))
    assert [(r.source, r.status) for r in results] == [
        (ai_act().document.source, "new"),
        (uk_safety().document.source, "new"),
        (ai_act().document.source, "replaced"),
        (chips().document.source, "new"),
        (ai_act().document.source, "replaced"),
    ]
    grouped = state(graph)
    clear_graph(graph)
    assert grouped == one_by_one(graph, [uk_safety(), chips(), ai_act()])


@pytest.mark.parametrize(("per_tx", "grouped_rows"), [("1", [1, 1, 1]), ("2", [2, 1]), ("3", [3])])
def test_group_size_comes_from_settings(graph: Driver, monkeypatch: pytest.MonkeyPatch, per_tx: str,
                                        grouped_rows: list[int]) -> None:
    monkeypatch.setenv("POLICYGRAPH_DOCS_PER_TX", per_tx)
    get_settings.cache_clear()
    seen: list[int] = []
    try:
        writer = GraphWriter(graph, on_batch=lambda name, rows: seen.append(rows)
                             if name == "load/merge_documents" else None)
        assert [r.status for r in writer.write_many(sample())] == ["new"] * 3
    finally:
        get_settings.cache_clear()
    assert seen == grouped_rows
