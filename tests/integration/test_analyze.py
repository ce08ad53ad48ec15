"""`analyze` on the real Neo4j: projection of the sample and metrics written back to actors."""

from __future__ import annotations

import pytest
from graph_facts import BRETON, COMMISSION, DONELAN, VESTAGER, sample
from graph_facts import rows as q
from neo4j import Driver

from graph.analytics import analyze, project_actor_graph
from graph.schema import clear_graph
from graph.writer import GraphWriter

pytestmark = pytest.mark.integration


@pytest.fixture
def loaded(clean_graph: Driver) -> Driver:
    clear_graph(clean_graph)
    list(GraphWriter(clean_graph).write_many(sample()))
    return clean_graph


def test_projection_holds_actor_ties(loaded: Driver) -> None:
    g = project_actor_graph(loaded)
    assert set(g.neighbors(COMMISSION.key)) == {VESTAGER.key, DONELAN.key, BRETON.key}
    assert g.nodes[COMMISSION.key]["name"] == "European Commission"
    assert all(d["weight"] >= 1 for _, _, d in g.edges(data=True))


def test_analyze_writes_metrics_to_every_actor(loaded: Driver) -> None:
    summary = analyze(loaded)
    assert summary.top[0].key == COMMISSION.key
    metrics = q(loaded, "metrics")
    assert len(metrics) == summary.actors
    assert all(m["pagerank"] is not None and m["community"] is not None for m in metrics)
    assert sum(m["pagerank"] for m in metrics) == pytest.approx(1.0)
    assert analyze(loaded).top == summary.top  # seeded: reruns agree


def test_analyze_labels_pagerank_tiers_for_browser(loaded: Driver) -> None:
    summary = analyze(loaded)
    by_key = {m["key"]: m for m in q(loaded, "metrics")}
    top = by_key[summary.top[0].key]
    assert top["rank_tier"] == "high" and top["rank_labels"] == ["RankHigh"]
    expected = {"high": ["RankHigh"], "mid": ["RankMid"], "low": []}
    assert all(m["rank_labels"] == expected[m["rank_tier"]] for m in by_key.values())
    assert any(m["rank_tier"] == "low" for m in by_key.values())
