"""`graph/` is the graph access layer: it imports none of the packages built on it, no process tools
(the local server's JVM and neo4j-admin belong to `localserver/`) and no notebook tools (`notebooks/`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GRAPH = Path(__file__).resolve().parents[2] / "graph"
ABOVE = {"ingest", "api", "policygraph", "localserver", "notebooks", "bench", "subprocess", "IPython",
         "matplotlib"}


def imported(path: Path) -> set[str]:
    """Top-level names of the absolute imports in a module, wherever they appear (functions too)."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_imports_are_seen() -> None:
    assert {"neo4j", "graph"} <= imported(GRAPH / "db.py")


@pytest.mark.parametrize("path", sorted(GRAPH.rglob("*.py")), ids=lambda p: p.relative_to(GRAPH).as_posix())
def test_graph_imports_nothing_above_it(path: Path) -> None:
    assert not imported(path) & ABOVE
