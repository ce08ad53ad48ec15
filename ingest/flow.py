"""Read -> extract -> write: the one document pipeline behind `policygraph ingest`, `extract` and `load`,
`POST /documents`, the Spark driver and the benchmarks.

Each step reports what went wrong per document (`IngestSummary`) and goes on, so one bad text fails
alone; the callers only choose where documents come from and how progress is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from graph.errors import PolicygraphError
from graph.model import Document, Extraction
from graph.writer import GraphWriter, Outcome, WriteInterrupted, WriteResult
from ingest.reader import find_documents, read_document

if TYPE_CHECKING:  # spaCy loads in seconds: only when a document is really extracted
    from spacy.language import Language

__all__ = [
    "Failure",
    "IngestSummary",
    "extract_documents",
    "ingest_document",
    "ingest_documents",
    "read_documents",
    "write_extractions",
]

Tick = Callable[[], None]


class Failure(BaseModel):
    """A document that did not make it, and why."""

    source: str
    error: str

    def __str__(self) -> str:
        return f"{self.source}: {self.error}"


class IngestSummary(BaseModel):
    """What happened to a run's documents: how many are new, unchanged, replaced or failed, and why."""

    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    facts_written: int = 0
    elapsed_s: float = 0.0
    failures: list[Failure] = []

    def fail(self, source: str, error: object) -> None:
        """Count `source` as failed; an error message that starts with the source is not repeated."""
        message = str(error)
        self.failed += 1
        self.failures.append(Failure(source=source, error=message.removeprefix(f"{source}: ")))

    def count(self, result: WriteResult) -> None:
        setattr(self, result.status, getattr(self, result.status) + 1)
        self.facts_written += result.facts_written


def read_documents(
    paths: Iterable[Path], summary: IngestSummary, published: date | None = None
) -> list[Document]:
    """Documents under `paths` (folders searched for *.txt and *.md); an unreadable one is a failure
    in `summary`. `published` fills in documents whose front matter gives no date."""
    docs: list[Document] = []
    for path in find_documents(list(paths)):
        try:
            doc = read_document(path)
        except PolicygraphError as exc:
            summary.fail(str(path), exc)
            continue
        if published is not None and doc.published is None:
            doc = doc.model_copy(update={"published": published})
        docs.append(doc)
    return docs


def extract_documents(
    docs: list[Document],
    summary: IngestSummary,
    *,
    workers: int = 1,
    batch_size: int = 16,
    min_confidence: float = 0.0,
    nlp: Language | None = None,
) -> Iterator[Extraction]:
    """Extractions in input order, facts below `min_confidence` left out; a document that cannot be
    extracted is a failure in `summary` and the rest go on."""
    if not docs:
        return  # nothing to parse: never load spaCy
    from ingest.pipeline import extract_each

    failed = lambda d, e: summary.fail(d.source, e)  # noqa: E731
    for extraction in extract_each(docs, workers, batch_size, on_failure=failed, nlp=nlp):
        yield extraction.confident(min_confidence)


def write_extractions(
    writer: GraphWriter,
    extractions: Iterable[Extraction],
    summary: IngestSummary,
    *,
    docs_per_tx: int | None = None,
    planned: list[str] | None = None,
    on_written: Callable[[Outcome], None] | None = None,
) -> None:
    """Write in groups of `docs_per_tx` documents (each still all or nothing), counting outcomes into
    `summary`. If Neo4j goes away the run stops there: the document being written and, when the
    `planned` sources are given, every one after it are failures (re-running finishes the job)."""
    try:
        for outcome in writer.load_many(extractions, docs_per_tx):
            if outcome.error is not None:
                summary.fail(outcome.extraction.document.source, outcome.error)
            elif outcome.result is not None:
                summary.count(outcome.result)
            if on_written is not None:
                on_written(outcome)
    except WriteInterrupted as lost:
        summary.fail(lost.source, "Neo4j became unreachable while writing it")
        rest = planned[planned.index(lost.source) + 1 :] if planned and lost.source in planned else []
        for source in rest:
            summary.fail(source, "not tried (Neo4j unreachable)")
        if planned is None:
            summary.failures[-1].error += "; the documents after it were not tried (re-run to finish)"


def ingest_documents(
    writer: GraphWriter,
    docs: list[Document],
    summary: IngestSummary,
    *,
    workers: int = 1,
    min_confidence: float = 0.0,
    docs_per_tx: int | None = None,
    on_new: Callable[[int], None] | None = None,
    on_extracted: Tick | None = None,
    on_written: Tick | None = None,
) -> None:
    """Extract and write `docs`. A document already in the graph with the same text is counted
    unchanged and never parsed; `on_new(n)` says how many are left to do, the ticks follow them."""
    loaded = writer.existing(d.id for d in docs)
    summary.unchanged += sum(d.id in loaded for d in docs)
    todo = [d for d in docs if d.id not in loaded]
    if on_new is not None:
        on_new(len(todo))

    def ticked(extractions: Iterable[Extraction]) -> Iterator[Extraction]:
        for extraction in extractions:
            if on_extracted is not None:
                on_extracted()
            yield extraction

    extracted = ticked(extract_documents(todo, summary, workers=workers, min_confidence=min_confidence))
    write_extractions(writer, extracted, summary, docs_per_tx=docs_per_tx, planned=[d.source for d in todo],
                      on_written=(lambda _: on_written()) if on_written is not None else None)


def ingest_document(
    writer: GraphWriter, document: Document, extract: Callable[[Document], Extraction]
) -> tuple[Extraction, WriteResult]:
    """One document, all or nothing (the API's `POST /documents`). The extractor refuses a text that is
    empty, too long or not prose before spaCy sees it (`pipeline.extract`)."""
    extraction = extract(document)
    return extraction, writer.write(extraction)
