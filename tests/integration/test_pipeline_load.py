"""The real extractor on the sample corpus, loaded into the real Neo4j (issue 4's corpus checks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from graph_facts import evidence_problems, snapshot
from neo4j import Driver

from graph.model import Extraction
from graph.schema import clear_graph
from graph.writer import GraphWriter

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CORPUS = Path(__file__).parents[2] / "corpus"


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    from ingest.pipeline import extract_many
    from ingest.reader import find_documents, read_document

    paths = find_documents([CORPUS]) if CORPUS.is_dir() else []
    if not paths:
        pytest.skip("corpus/ is still empty")
    return list(extract_many([read_document(p) for p in paths]))


def test_corpus_twice_gives_the_same_graph(clean_graph: Driver, extractions: list[Extraction]) -> None:
    clear_graph(clean_graph)
    writer = GraphWriter(clean_graph)
    first = [r.status for r in writer.write_many(extractions)]
    before = snapshot(clean_graph)
    again = [r.status for r in writer.write_many(extractions)]
    assert set(first) == {"new"} and set(again) == {"unchanged"}
    assert snapshot(clean_graph) == before and before["relationships"] > 0


def test_corpus_evidence_points_at_facts_words(clean_graph: Driver, extractions: list[Extraction]) -> None:
    clear_graph(clean_graph)
    list(GraphWriter(clean_graph).write_many(extractions))
    assert evidence_problems(clean_graph) == []
