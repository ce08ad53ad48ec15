"""Actor-graph analytics with networkx: pure functions on graphs, plus projection and write-back.

Preconditions for the pure functions: an undirected `nx.Graph` whose edges may carry a positive
numeric `weight` (missing weights count as 1); node ids are actor keys. Results are deterministic.

>>> g = nx.Graph([("a", "b"), ("b", "c"), ("d", "e")])
>>> {k: round(v, 3) for k, v in betweenness(g).items()}
{'a': 0.0, 'b': 0.167, 'c': 0.0, 'd': 0.0, 'e': 0.0}
>>> communities(g)
{'a': 0, 'b': 0, 'c': 0, 'd': 1, 'e': 1}
>>> round(sum(pagerank(g).values()), 6)
1.0
"""

from __future__ import annotations

import time
from typing import Any

import networkx as nx
from neo4j import Driver, ManagedTransaction
from networkx.utils import not_implemented_for
from pydantic import BaseModel, ConfigDict

from graph import cypher
from graph.settings import get_settings

__all__ = [
    "ActorMetrics",
    "AnalyticsSummary",
    "analyze",
    "betweenness",
    "communities",
    "compute",
    "pagerank",
    "project_actor_graph",
    "rank_tier",
    "write_back",
]


@not_implemented_for("multigraph")
def pagerank(g: nx.Graph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200) -> dict[Any, float]:
    """Weighted PageRank by power iteration (networkx semantics, without needing scipy).

    Dangling nodes spread their rank uniformly. Sums to 1; empty graph gives {}.
    """
    n = len(g)
    if n == 0:
        return {}
    dg = g.to_directed() if not g.is_directed() else g
    out_weight = {u: sum(d.get("weight", 1) for _, _, d in dg.out_edges(u, data=True)) for u in dg}
    rank = dict.fromkeys(dg, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in dg if out_weight[u] == 0) / n
        new = dict.fromkeys(dg, (1.0 - alpha) / n + dangling)
        for u, v, d in dg.edges(data=True):
            if out_weight[u]:
                new[v] += alpha * rank[u] * d.get("weight", 1) / out_weight[u]
        if sum(abs(new[u] - rank[u]) for u in dg) < n * tol:
            return new
        rank = new
    raise nx.PowerIterationFailedConvergence(max_iter)


@not_implemented_for("multigraph")
def betweenness(g: nx.Graph) -> dict[Any, float]:
    """Normalised betweenness on hop counts: who sits on the short paths between other actors.

    Unweighted on purpose: edge weight counts supporting documents (a strength, not a distance).
    """
    return dict(nx.betweenness_centrality(g, normalized=True))


@not_implemented_for("multigraph")
@not_implemented_for("directed")
def communities(g: nx.Graph, seed: int = 42) -> dict[Any, int]:
    """Louvain communities (seeded, so reruns agree), numbered 0.. by size, largest first.

    Ties in size are broken by the smallest member key, so numbering is stable.
    """
    if len(g) == 0:
        return {}
    parts = nx.community.louvain_communities(g, weight="weight", seed=seed)
    ordered = sorted(parts, key=lambda c: (-len(c), min(map(str, c))))
    label = {node: i for i, members in enumerate(ordered) for node in members}
    return {node: label[node] for node in g}


class ActorMetrics(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    name: str | None = None
    pagerank: float
    betweenness: float
    community: int
    rank_tier: str = "low"  # "high" (top 10%), "mid" (next 30%), "low": a label Browser can size by


class AnalyticsSummary(BaseModel):
    """What `policygraph analyze` and the API report after a run."""

    model_config = ConfigDict(frozen=True)

    actors: int
    edges: int
    communities: int
    top: list[ActorMetrics]
    """Highest PageRank first."""
    elapsed_s: float


def project_actor_graph(driver: Driver, database: str | None = None) -> nx.Graph:
    """The actor graph from Neo4j: nodes are actor keys (with name and type), edges are weighted ties."""
    db = database or get_settings().neo4j_database
    g = nx.Graph()
    nodes, _, _ = driver.execute_query(cypher.load("analytics/actor_nodes"), database_=db, routing_="r")
    for rec in nodes:
        g.add_node(rec["key"], name=rec["name"], type=rec["type"])
    edges, _, _ = driver.execute_query(cypher.load("analytics/actor_edges"), database_=db, routing_="r")
    for rec in edges:
        u, v, w = rec["source"], rec["target"], rec["weight"]
        prior = g.get_edge_data(u, v, {}).get("weight", 0)  # a->b and b->a fold into one tie
        g.add_edge(u, v, weight=prior + w)
    return g


def compute(g: nx.Graph, seed: int = 42) -> list[ActorMetrics]:
    """All three metrics for every node, highest PageRank first."""
    pr, bc, cm = pagerank(g), betweenness(g), communities(g, seed=seed)
    metrics = [
        ActorMetrics(key=k, name=g.nodes[k].get("name"), pagerank=pr[k], betweenness=bc[k], community=cm[k])
        for k in g
    ]
    ranked = sorted(metrics, key=lambda m: (-m.pagerank, m.key))
    return [m.model_copy(update={"rank_tier": rank_tier(i, len(ranked))}) for i, m in enumerate(ranked)]


def rank_tier(position: int, total: int) -> str:
    """PageRank tier of the actor at `position` (0 = highest) among `total`.

    Neo4j Browser's style sheets size nodes by label only, so `write_back` turns tiers into the labels
    `:RankHigh` / `:RankMid`.

    >>> [rank_tier(i, 10) for i in range(10)]
    ['high', 'mid', 'mid', 'mid', 'low', 'low', 'low', 'low', 'low', 'low']
    """
    high = max(1, round(total * 0.1))
    mid = high + max(1, round(total * 0.3))
    return "high" if position < high else "mid" if position < mid else "low"


def write_back(
    driver: Driver, metrics: list[ActorMetrics], batch_size: int | None = None, database: str | None = None
) -> int:
    """Store metrics as actor properties in one write transaction; returns actors updated."""
    settings = get_settings()
    size = batch_size or settings.batch_size
    rows = [m.model_dump(exclude={"name"}) for m in metrics]

    def work(tx: ManagedTransaction) -> int:
        query = cypher.load("analytics/write_metrics")
        return sum(
            int(tx.run(query, rows=rows[i : i + size]).single(strict=True)["written"])
            for i in range(0, len(rows), size)
        )

    with driver.session(database=database or settings.neo4j_database) as session:
        return session.execute_write(work)


def analyze(driver: Driver, seed: int = 42, top: int = 10) -> AnalyticsSummary:
    """Project, compute and write back; what the CLI and the API call."""
    started = time.perf_counter()
    g = project_actor_graph(driver)
    metrics = compute(g, seed=seed)
    write_back(driver, metrics)
    return AnalyticsSummary(
        actors=g.number_of_nodes(),
        edges=g.number_of_edges(),
        communities=len({m.community for m in metrics}),
        top=metrics[:top],
        elapsed_s=round(time.perf_counter() - started, 3),
    )
