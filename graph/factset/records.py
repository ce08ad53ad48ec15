"""Records <-> typed facts: the document and failure records, and `Extraction`s rebuilt from records.

Fact records come from `ingest.records.fact_record` (ingest -> facts); this module only reads them, so
`graph/` never imports `ingest/`. A document record carries the actors its facts use exactly as the
writer would store them (`graph.rows.plan_extraction`), so a rebuilt extraction plans to the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from graph.model import Actor, Document, Evidence, Extraction, Fact, Funding, Mention, Quote, Role
from graph.rows import plan_extraction

Record = dict[str, Any]
FACT_KINDS = ("quote", "role", "funding", "mention")


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


def _evidence(rec: Record) -> Evidence:
    name, _, version = str(rec["extractor"]).rpartition("@")
    return Evidence(doc_id=rec["doc_id"], sentence_index=rec["sentence_index"], sentence=rec["sentence"],
                    start=rec["start"], end=rec["end"], extractor=name or version,
                    extractor_version=version if name else "1", confidence=rec["confidence"])


def _fact(rec: Record, actor: Any) -> Fact:
    ev = _evidence(rec)
    kind = rec["kind"]
    if kind == "quote":
        return Quote(speaker=actor(rec["speaker_key"]), text=rec["text"], start=rec["text_start"],
                     end=rec["text_end"], about=tuple(actor(k) for k in rec.get("about") or ()),
                     evidence=ev)
    if kind == "role":
        return Role(person=actor(rec["person_key"]), title=rec.get("role") or "", org=actor(rec["org_key"]),
                    markers=tuple(rec.get("markers") or ()), evidence=ev)
    if kind == "funding":
        return Funding(source=actor(rec["source_key"]), target=actor(rec["target_key"]), amount=rec["amount"],
                       amount_value=rec.get("amount_value"), currency=rec.get("currency"),
                       period=rec.get("period"), evidence=ev)
    if kind == "mention":
        return Mention(actor=actor(rec["actor_key"]), evidence=ev)
    raise InvalidInput(f"unknown fact kind {kind!r}")


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
        for rec in facts:
            if rec.get("doc_id") != doc.id:
                raise InvalidInput(
                    f"{doc.source}: a {rec.get('kind')} record belongs to {rec.get('doc_id')!r}")
            fact = _fact(rec, actor)
            if fact.id != rec.get("id"):
                raise InvalidInput(
                    f"{doc.source}: {rec['kind']} {rec.get('id')!r} rebuilds with id {fact.id!r}")
            built.append(fact)
    except (KeyError, TypeError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
        source = document.get("doc_source", "?")
        raise InvalidInput(f"{source}: malformed facts record ({exc.__class__.__name__}: {exc})") from exc
    return Extraction(document=doc, actors=tuple(actors.values()), facts=tuple(built))
