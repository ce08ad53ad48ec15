"""Records <-> typed facts: fact, document and failure records, and `Extraction`s rebuilt from records.

`fact_record` writes a fact as `graph.factset.columns.layout` says and `_fact` reads it back from the
same layout, so writer and reader cannot drift apart. A document record carries the actors its facts
use exactly as the writer would store them (`graph.rows.plan_extraction`), so a rebuilt extraction
plans to the same rows. Records of files written before issue 14 are upgraded on reading (`legacy`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from graph.factset.columns import FACT_KINDS, layout
from graph.factset.legacy import upgrade_record
from graph.model import Actor, Document, Evidence, Extraction, Fact
from graph.relations import FACT_CLASSES, kind_of
from graph.rows import plan_extraction

__all__ = ["FACT_KINDS", "Failure", "Record", "document_record", "extraction_from_records", "fact_record",
           "failure_record"]

Record = dict[str, Any]
_CLASSES = {kind_of(cls): cls for cls in FACT_CLASSES.values()}


@dataclass(frozen=True)
class Failure:
    """A document that could not be extracted: its source and why (reported, never loaded)."""

    source: str
    error: str


def document_record(ex: Extraction) -> Record:
    """The record that opens a document's records: text, metadata and the actors its facts use.

    Raises `InvalidInput` when the facts cite another document (what the writer would refuse too).
    """
    doc = ex.document
    return {
        "kind": "document",
        "doc": Path(doc.source).name,
        "doc_id": doc.id,
        "doc_source": doc.source,
        "doc_text": doc.text,
        "doc_title": doc.title,
        "doc_url": doc.url,
        "doc_published": doc.published.isoformat() if doc.published else None,
        "doc_ingested_at": doc.ingested_at.isoformat() if doc.ingested_at else None,
        "actors": plan_extraction(ex).actors,
    }


def fact_record(fact: Fact, doc_name: str) -> Record:
    """One JSON-ready record: kind and document name, the fact's fields, its id and its evidence.

    Actors appear by name (what the shared eval format scores) and by key (what the graph uses).
    """
    record: Record = {"kind": fact.kind, "doc": Path(doc_name).name}
    for f in layout(fact.kind):
        value = getattr(fact, f.field)
        if f.actors == "one":
            record |= {f.column: value.name, f.keys: value.key}
        elif f.actors == "many":
            record |= {f.column: [a.name for a in value], f.keys: [a.key for a in value]}
        else:
            record[f.column] = list(value) if isinstance(value, tuple) else value
    # The whole evidence, sentence included: with it a record can rebuild its fact (`policygraph load`)
    # and write exactly what `ingest` writes.
    return record | {"id": fact.id, "doc_id": fact.evidence.doc_id, "evidence": fact.evidence.model_dump()}


def failure_record(source: str, error: str) -> Record:
    return {"kind": "failure", "doc": Path(source).name, "doc_source": source, "error": error}


def _document(rec: Record) -> Document:
    published, ingested = rec.get("doc_published"), rec.get("doc_ingested_at")
    doc = Document(
        source=rec["doc_source"],
        text=rec["doc_text"],
        title=rec.get("doc_title"),
        url=rec.get("doc_url"),
        published=date.fromisoformat(published) if published else None,
        ingested_at=datetime.fromisoformat(ingested) if ingested else None,
    )
    if doc.id != rec.get("doc_id"):
        raise InvalidInput(f"{doc.source}: doc_id {rec.get('doc_id')!r} does not match its source and text")
    return doc


def _fact(rec: Record, actor: Callable[[str], Actor]) -> Fact:
    kind = rec["kind"]
    if kind not in _CLASSES:
        raise InvalidInput(f"unknown fact kind {kind!r}")
    values: dict[str, Any] = {}
    for f in layout(kind):
        if f.actors == "one":
            values[f.field] = actor(rec[f.keys])
        elif f.actors == "many":
            values[f.field] = tuple(actor(k) for k in rec.get(f.keys) or ())
        elif rec.get(f.column) is not None:  # absent or null: the field's default (or an error)
            value = rec[f.column]
            values[f.field] = tuple(value) if f.type == "strings" else value
    fact: Fact = _CLASSES[kind](**values, evidence=Evidence(**rec["evidence"]))
    return fact


def extraction_from_records(document: Record, facts: list[Record]) -> Extraction:
    """The `Extraction` a document record and its fact records describe; `InvalidInput` if inconsistent.

    Every fact's id is recomputed and must equal the record's `id`, so a record that was edited, or
    written by an extractor whose ids differ, is refused rather than loaded under the wrong identity.
    """
    try:
        doc = _document(document)
        actors = {a["key"]: Actor(key=a["key"], name=a["name"], type=a["type"],
                                  aliases=tuple(a.get("aliases") or ()))
                  for a in document.get("actors") or ()}

        def actor(key: str) -> Actor:
            try:
                return actors[key]
            except KeyError:
                raise InvalidInput(f"{doc.source}: actor {key!r} is not in the document record") from None

        built: list[Fact] = []
        for rec in map(upgrade_record, facts):
            if rec.get("doc_id") != doc.id:
                raise InvalidInput(
                    f"{doc.source}: a {rec.get('kind')} record belongs to {rec.get('doc_id')!r}")
            fact = _fact(rec, actor)
            if fact.evidence.doc_id != doc.id:
                raise InvalidInput(
                    f"{doc.source}: a {rec['kind']} record's evidence cites {fact.evidence.doc_id!r}")
            if fact.id != rec.get("id"):
                raise InvalidInput(
                    f"{doc.source}: {rec['kind']} {rec.get('id')!r} rebuilds with id {fact.id!r}")
            built.append(fact)
    except (KeyError, TypeError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
        source = document.get("doc_source", "?")
        raise InvalidInput(f"{source}: malformed facts record ({exc.__class__.__name__}: {exc})") from exc
    return Extraction(document=doc, actors=tuple(actors.values()), facts=tuple(built))
