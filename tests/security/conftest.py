"""Security fixtures: the run's Neo4j loaded with the sample documents by the real extractor and writer."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from graph.writer import GraphWriter

DATA = Path(__file__).parents[1] / "data" / "graph"
COUNTS = """
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
"""


@pytest.fixture(scope="module")
def populated(clean_graph: Driver) -> Driver:
    """The sample documents (tests/data/graph), extracted and written for real, once per module."""
    from ingest.pipeline import extract
    from ingest.reader import read_document

    writer = GraphWriter(clean_graph)
    for path in sorted(DATA.glob("*.txt")):
        writer.write(extract(read_document(path)))
    return clean_graph


def graph_counts(driver: Driver) -> dict[str, int]:
    """Nodes, relationships, indexes and constraints: what a successful injection would change."""
    with driver.session() as session:
        counts = session.run(COUNTS).single(strict=True).data()
        counts["indexes"] = len(session.run("SHOW INDEXES").data())
        counts["constraints"] = len(session.run("SHOW CONSTRAINTS").data())
    return counts


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The bomb battery's numbers, so every CI log shows them (status, answer time, time to idle)."""
    from bombs import RESULTS

    if RESULTS:
        terminalreporter.section("bomb battery: status, seconds to answer, seconds until Neo4j idle")
        for outcome in RESULTS:
            terminalreporter.write_line(outcome.row())
