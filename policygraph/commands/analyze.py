"""`policygraph analyze`: PageRank, betweenness and communities written back onto actors."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from graph.analytics import analyze as run_analysis
from policygraph.commands._graph import open_graph

console = Console()


def analyze(
    top: int = typer.Option(10, min=0, help="How many actors to list, highest PageRank first."),
    seed: int = typer.Option(42, help="Louvain seed: the same seed gives the same communities."),
) -> None:
    """Compute actor metrics with networkx and store them as `pagerank`, `betweenness`, `community`."""
    with open_graph() as driver:
        summary = run_analysis(driver, seed=seed, top=top)
    console.print(
        f"{summary.actors} actors, {summary.edges} ties, {summary.communities} communities "
        f"in {summary.elapsed_s:.2f} s",
        highlight=False,
    )
    if summary.top:
        table = Table("actor", "pagerank", "betweenness", "community")
        for m in summary.top:
            table.add_row(m.name or m.key, f"{m.pagerank:.4f}", f"{m.betweenness:.4f}", str(m.community))
        console.print(table)
