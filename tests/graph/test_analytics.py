"""Analytics on small graphs whose answers are known by hand (no Neo4j)."""

from __future__ import annotations

import doctest
import itertools

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

import graph.analytics
from graph.analytics import betweenness, communities, compute, pagerank


def two_cliques() -> nx.Graph:
    """Two K4s joined by one bridge d-e: two communities, d and e on every cross path."""
    g = nx.Graph()
    g.add_edges_from(itertools.combinations("abcd", 2))
    g.add_edges_from(itertools.combinations("efgh", 2))
    g.add_edge("d", "e")
    return g


def test_docstring_examples_run() -> None:
    assert doctest.testmod(graph.analytics).failed == 0


def test_pagerank_of_a_star_has_the_closed_form_centre() -> None:
    # centre c = (1 - a)/4 + a(1 - c)  =>  c = 0.8875 / 1.85 for a = 0.85
    pr = pagerank(nx.star_graph(3))
    assert pr[0] == pytest.approx(0.8875 / 1.85, abs=1e-8)
    assert pr[1] == pytest.approx(pr[2]) == pytest.approx((1 - pr[0]) / 3)


def test_pagerank_of_a_cycle_is_uniform() -> None:
    assert all(v == pytest.approx(1 / 5) for v in pagerank(nx.cycle_graph(5)).values())


def test_pagerank_matches_networkx_on_weighted_and_dangling_graphs() -> None:
    g = nx.gnm_random_graph(30, 60, seed=3)
    for i, (u, v) in enumerate(g.edges()):
        g[u][v]["weight"] = 1 + i % 4
    d = nx.DiGraph([(0, 1), (1, 2), (2, 0), (2, 3)])  # 3 is dangling
    for graph_ in (g, d):
        ours, theirs = pagerank(graph_), _pagerank_python(graph_, tol=1e-12)
        assert ours == pytest.approx(theirs, abs=1e-7)


def test_pagerank_of_empty_graph() -> None:
    assert pagerank(nx.Graph()) == {}


def test_betweenness_of_a_path_and_a_bridge() -> None:
    assert betweenness(nx.path_graph(3)) == {0: 0.0, 1: 1.0, 2: 0.0}
    bc = betweenness(two_cliques())
    assert bc["d"] == bc["e"] == max(bc.values())
    assert bc["a"] == 0.0
    # d lies on the paths from a, b, c to e, f, g, h: (3 * 4) of the (8 choose 2 - 1) other pairs
    assert bc["d"] == pytest.approx((3 * 4) / (7 * 6 / 2))


def test_communities_split_two_cliques_and_are_stable() -> None:
    cm = communities(two_cliques())
    assert {cm[n] for n in "abcd"} == {0} and {cm[n] for n in "efgh"} == {1}
    assert communities(two_cliques(), seed=7) == communities(two_cliques(), seed=7)


def test_communities_number_largest_first_and_isolated_nodes_alone() -> None:
    g = nx.Graph([("x", "y")])
    g.add_edges_from(itertools.combinations("abc", 2))
    g.add_node("z")
    cm = communities(g)
    assert cm["a"] == cm["b"] == cm["c"] == 0
    assert cm["x"] == cm["y"] == 1 and cm["z"] == 2
    assert communities(nx.Graph()) == {}


def test_compute_orders_by_pagerank_and_covers_every_node() -> None:
    g = nx.relabel_nodes(nx.star_graph(4), str)  # actor keys are strings
    nx.set_node_attributes(g, {n: f"n{n}" for n in g}, "name")
    metrics = compute(g)
    assert metrics[0].key == "0" and len(metrics) == 5
    assert metrics[0].name == "n0" and metrics[0].betweenness == 1.0


def test_preconditions_are_enforced() -> None:
    with pytest.raises(nx.NetworkXNotImplemented):
        communities(nx.DiGraph([(1, 2)]))
    with pytest.raises(nx.NetworkXNotImplemented):
        pagerank(nx.MultiGraph([(1, 2), (1, 2)]))
