"""The sample corpus loaded through the real extractor, writer and analytics, once per module."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def sample_graph(clean_graph: Driver) -> Driver:
    """The `corpus/*.txt` articles extracted and written as `policygraph ingest` does, then analysed."""
    pipeline = pytest.importorskip("ingest.pipeline", reason="ingest.pipeline (extract_many) not available")
    from graph.analytics import analyze
    from graph.writer import GraphWriter
    from ingest.reader import read_document

    paths = sorted(CORPUS.glob("*.txt"))  # the articles; README.md and gold files are not documents
    if not paths:
        pytest.skip(f"no sample documents in {CORPUS} yet")
    documents = [read_document(p) for p in paths]
    list(GraphWriter(clean_graph).write_many(pipeline.extract_many(documents)))
    analyze(clean_graph)
    return clean_graph
