"""Fixtures for fault tests: the throwaway Neo4j (see `faultserver`), started once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from faultserver import FaultServer, fault_settings

from graph.model import Extraction

DATA = Path(__file__).parents[1] / "data" / "graph"


@pytest.fixture(scope="session")
def fault_server() -> Iterator[FaultServer]:
    server = FaultServer(fault_settings())
    try:
        server.start()
    except Exception as exc:  # fail loudly: these tests must never silently skip
        pytest.fail(f"could not start the throwaway Neo4j on {server.settings.neo4j_uri}: {exc}",
                    pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def sample_extractions() -> list[Extraction]:
    """The real extractor's output for the sample documents in tests/data/graph."""
    from ingest.pipeline import extract
    from ingest.reader import read_document

    return [extract(read_document(p)) for p in sorted(DATA.glob("*.txt"))]
