"""The one document pipeline (read -> extract -> write): failures counted per document, the rest goes on;
unchanged documents are never parsed again; the API's single-document path is all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver
from spacy.language import Language

from graph.errors import ExtractionError
from graph.model import Document
from graph.writer import GraphWriter
from ingest.flow import IngestSummary, extract_documents, ingest_document, ingest_documents, read_documents
from ingest.pipeline import extract

GOOD = "“We will fund the chip plan,” said Ana Torres, director of the Harbor Foundation.\n"


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "second.txt").write_text("“Markets will not fix this,” said Teodor Lisk.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00")
    return tmp_path


def test_reading_and_extracting_count_each_failure_and_go_on(tmp_path: Path, nlp: Language) -> None:
    summary = IngestSummary()
    docs = read_documents([_folder(tmp_path)], summary)
    assert sorted(Path(d.source).name for d in docs) == ["good.txt", "second.txt"]
    assert summary.failed == 2
    assert {Path(f.source).name for f in summary.failures} == {"empty.txt", "binary.txt"}
    assert all(not f.error.startswith(f.source) for f in summary.failures)  # said once: "path: why"
    docs.insert(1, Document(source="blank.txt", text=" \n"))
    extractions = list(extract_documents(docs, summary, nlp=nlp))
    assert [Path(e.document.source).name for e in extractions] == ["good.txt", "second.txt"]
    assert summary.failed == 3 and str(summary.failures[-1]).startswith("blank.txt: ")
    speakers = {q.speaker.name for e in extractions for q in e.of_kind("quote")}
    assert speakers == {"Ana Torres", "Teodor Lisk"}


def test_min_confidence_leaves_out_the_facts_below_it(nlp: Language) -> None:
    doc = Document(source="m.txt", text=GOOD)
    (every,) = extract_documents([doc], IngestSummary(), nlp=nlp)
    cut = max(f.evidence.confidence for f in every.facts if f.kind != "mention")
    (sure,) = extract_documents([doc], IngestSummary(), nlp=nlp, min_confidence=cut)
    kept = [f for f in sure.facts if f.kind != "mention"]
    assert kept and len(kept) < len([f for f in every.facts if f.kind != "mention"])
    assert all(f.evidence.confidence >= cut for f in kept)


@pytest.mark.integration
def test_ingest_counts_new_then_unchanged_without_parsing_again(clean_graph: Driver, tmp_path: Path) -> None:
    writer = GraphWriter(clean_graph)
    docs = read_documents([_folder(tmp_path)], IngestSummary())
    first, to_do, ticks = IngestSummary(), [], []
    ingest_documents(writer, docs, first, on_new=to_do.append, on_extracted=lambda: ticks.append("x"),
                     on_written=lambda: ticks.append("w"))
    assert (first.new, first.unchanged, first.failed) == (2, 0, 0) and first.facts_written > 0
    assert to_do == [2] and ticks.count("x") == 2 and ticks.count("w") == 2
    again, to_do = IngestSummary(), []
    ingest_documents(writer, docs, again, on_new=to_do.append)
    assert (again.new, again.unchanged, again.facts_written) == (0, 2, 0) and to_do == [0]


@pytest.mark.integration
def test_one_document_is_refused_before_extraction_or_written_whole(clean_graph: Driver) -> None:
    writer = GraphWriter(clean_graph)
    with pytest.raises(ExtractionError):
        ingest_document(writer, Document(source="api:empty", text="   "), extract)
    extraction, result = ingest_document(writer, Document(source="api:one", text=GOOD), extract)
    assert result.status == "new" and result.facts_written > 0 and extraction.of_kind("quote")
    _, again = ingest_document(writer, Document(source="api:one", text=GOOD), extract)
    assert again.status == "unchanged"
