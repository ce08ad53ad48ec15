"""The API over the sample corpus loaded by the real extractor and writer (issue 5's acceptance)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.main import create_app
from graph.model import Extraction, Quote
from graph.settings import Settings
from graph.writer import GraphWriter

pytestmark = [pytest.mark.integration, pytest.mark.slow]
CORPUS = Path(__file__).parents[2] / "corpus"


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    pipeline = pytest.importorskip("ingest.pipeline")
    from ingest.reader import find_documents, read_document

    paths = find_documents([CORPUS]) if CORPUS.is_dir() else []
    if not paths:
        pytest.skip("corpus/ is empty")
    return list(pipeline.extract_many([read_document(p) for p in paths]))


@pytest.fixture(scope="module")
def corpus_client(clean_graph: Driver, extractions: list[Extraction]) -> Iterator[TestClient]:
    writer = GraphWriter(clean_graph)
    assert {r.status for r in writer.write_many(extractions)} == {"new"}
    with TestClient(create_app(Settings(api_token=None)), raise_server_exceptions=False) as c:
        yield c


def quotes_by_speaker(extractions: list[Extraction]) -> dict[str, dict[str, Quote]]:
    out: dict[str, dict[str, Quote]] = defaultdict(dict)
    for ex in extractions:
        for fact in ex.of_kind("quote"):
            assert isinstance(fact, Quote)
            out[fact.speaker.key][fact.id] = fact
    return out


def test_quotes_per_speaker_are_exactly_the_extracted_ones(
    corpus_client: TestClient, extractions: list[Extraction]
) -> None:
    texts = {ex.document.id: ex.document.text for ex in extractions}
    expected = quotes_by_speaker(extractions)
    assert expected, "the extractor found no quotes in the corpus"
    for key, quotes in expected.items():
        r = corpus_client.get("/quotes", params={"speaker": key, "limit": 200})
        assert r.status_code == 200, r.text
        items = r.json()["items"]
        assert {q["id"] for q in items} == set(quotes), key
        for q in items:
            text = texts[q["document"]["id"]]
            assert text[q["start"]:q["end"]] == q["text"] == quotes[q["id"]].text
            ev = q["evidence"]
            assert ev["start"] <= q["start"] and q["end"] <= ev["end"], "the quote lies in its evidence span"
            at = text.find(ev["sentence"])
            assert 0 <= at < ev["end"] and ev["start"] < at + len(ev["sentence"]), "sentence overlaps span"
        name = next(iter(quotes.values())).speaker.name
        by_name = corpus_client.get("/quotes", params={"speaker": name, "limit": 200}).json()["items"]
        assert set(quotes) <= {q["id"] for q in by_name}


def test_every_extracted_actor_has_a_profile(
    corpus_client: TestClient, extractions: list[Extraction]
) -> None:
    for ex in extractions[:5]:
        for actor in ex.actors[:5]:
            r = corpus_client.get(f"/actors/{actor.key}")
            assert r.status_code == 200 and r.json()["name"], actor.key


def test_post_real_text_then_quotes_and_repost_is_a_no_op(
    corpus_client: TestClient, counts: Callable[[], dict[str, int]]
) -> None:
    body = {"text": 'Regulators must move faster, said Orla Pennick, director of the Fenwick Institute. '
                    '"We cannot audit models we are not allowed to see," Pennick said on Monday.',
            "title": "Fenwick on audits", "url": "https://example.org/fenwick", "published": "2026-01-05"}
    first = corpus_client.post("/documents", json=body)
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "new"
    newest = corpus_client.get("/quotes", params={"doc": first.json()["id"]}).json()["items"]
    assert any("audit models" in q["text"] for q in newest)
    before = counts()
    again = corpus_client.post("/documents", json=body)
    assert again.json()["status"] == "unchanged" and counts() == before
