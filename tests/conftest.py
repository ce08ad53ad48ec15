"""Shared fixtures: one Neo4j per test run (from `POLICYGRAPH_*` settings), emptied per module."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from graph.db import check_connection, create_driver
from graph.errors import GraphUnavailable
from graph.schema import apply_schema, clear_graph
from graph.settings import get_settings

# The per-client rate limits would turn the suite's hundreds of requests from one address into 429s;
# tests/api/test_rate_limits.py switches them on with explicit settings. (Set before any Settings().)
os.environ.setdefault("POLICYGRAPH_CYPHER_RATE", "")
os.environ.setdefault("POLICYGRAPH_WRITE_RATE", "")


@pytest.fixture(scope="session")
def neo4j_driver() -> Iterator[Driver]:
    """The run's Neo4j; fails loudly (never skips) when it cannot be reached."""
    settings = get_settings()
    driver = create_driver(settings)
    try:
        check_connection(driver)
    except GraphUnavailable as exc:
        driver.close()
        pytest.fail(
            f"integration tests need Neo4j at {settings.neo4j_uri} (user {settings.neo4j_user}): {exc}. "
            "Start one with `policygraph neo4j start` or set POLICYGRAPH_NEO4J_URI/PASSWORD.",
            pytrace=False,
        )
    yield driver
    driver.close()


@pytest.fixture(scope="module")
def clean_graph(neo4j_driver: Driver) -> Driver:
    """An empty database with the schema applied, once per test module. Wipes the run's database."""
    clear_graph(neo4j_driver)
    apply_schema(neo4j_driver)
    return neo4j_driver


CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def sample_graph(clean_graph: Driver) -> Driver:
    """The sample `corpus/` extracted and written as `policygraph ingest` does, then analysed."""
    from graph.analytics import analyze
    from graph.writer import GraphWriter
    from ingest.pipeline import extract_many
    from ingest.reader import find_documents, read_document

    documents = [read_document(p) for p in find_documents([CORPUS])]
    assert documents, f"no sample documents in {CORPUS}"
    list(GraphWriter(clean_graph).write_many(extract_many(documents)))
    analyze(clean_graph)
    return clean_graph
