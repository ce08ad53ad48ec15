"""What runs on the executors: documents in, facts-file rows out, with the spaCy pipeline loaded once
per Python worker (`ingest.nlp.get_nlp` is cached and Spark reuses its workers across tasks).

The extractor is the local path's own (`ingest.pipeline.extract_many`); a document that fails becomes a
`failure` row naming it, so one bad text never fails a task and the others still land.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from graph.errors import PolicygraphError
from graph.factset.columns import as_row, partition_of
from graph.factset.records import failure_record
from graph.model import Document, Extraction

CHUNK = 64  # documents handed to nlp.pipe at a time


def _published(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def document_of(row: Any, published: date | None = None) -> Document:
    """A `Document` from an input row: a file path (`path`) or a table row (`source`, `text`, metadata).

    `published` fills in a missing date, as `ingest --published` does.
    """
    doc = _document(row)
    if published is not None and doc.published is None:
        doc = doc.model_copy(update={"published": published})
    return doc


def _document(row: Any) -> Document:
    from ingest.reader import check_text, read_document

    fields = row.asDict() if hasattr(row, "asDict") else dict(row)
    if fields.get("path") is not None:
        return read_document(Path(fields["path"]))
    source, text = str(fields.get("source") or ""), fields.get("text")
    if not source:
        raise PolicygraphError("a row without a source")
    if not isinstance(text, str):
        raise PolicygraphError(f"{source}: no text")
    check_text(text, source)
    return Document(source=source, text=text, title=fields.get("title") or None,
                    url=fields.get("url") or None, published=_published(fields.get("published")))


def _extract(docs: list[Document]) -> Iterator[Extraction | tuple[str, str]]:
    """The documents' extractions in order; one that fails becomes (source, error) in its place."""
    from ingest.nlp import get_nlp
    from ingest.pipeline import extract_results

    for doc, result in zip(docs, extract_results(docs, nlp=get_nlp()), strict=True):
        yield (doc.source, str(result)) if isinstance(result, PolicygraphError) else result


def _rows(records: list[dict[str, Any]]) -> Iterator[tuple[Any, ...]]:
    for seq, rec in enumerate(records):
        part = partition_of(rec.get("doc_id"), rec.get("doc_source"))
        yield (*as_row(rec), seq, part)


def extract_partition(rows: Iterable[Any], published: date | None = None) -> Iterator[tuple[Any, ...]]:
    """The facts-file rows (columns `NAMES`, then `seq` and `doc_part`) of a partition's documents."""
    from policygraph.facts import extraction_records

    pending: list[Document] = []

    def flush() -> Iterator[tuple[Any, ...]]:
        for item in _extract(pending):
            if isinstance(item, tuple):
                yield from _rows([failure_record(*item)])
            else:
                yield from _rows(extraction_records(item))
        pending.clear()

    for row in rows:
        try:
            pending.append(document_of(row, published))
        except PolicygraphError as exc:
            source = getattr(row, "path", None) or getattr(row, "source", None) or "?"
            yield from _rows([failure_record(str(source), str(exc))])
        if len(pending) >= CHUNK:
            yield from flush()
    yield from flush()


def counted_partition(rows: Iterable[Any], published: date | None, counters: tuple[Any, Any, Any]
                      ) -> Iterator[tuple[Any, ...]]:
    """`extract_partition`, adding documents, facts and failures to the driver's accumulators."""
    documents = facts = failures = 0
    for row in extract_partition(rows, published):
        kind = row[0]
        if kind == "document":
            documents += 1
        elif kind == "failure":
            failures += 1
        else:
            facts += 1
        yield row
    for counter, n in zip(counters, (documents, facts, failures), strict=True):
        counter.add(n)
