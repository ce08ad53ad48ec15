"""Flat JSON records of facts, in the shape of the shared eval FORMAT plus our own fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.model import Fact, Funding, Mention, Quote, Role


def fact_record(fact: Fact, doc_name: str) -> dict[str, Any]:
    """One JSON-ready dict: the scored fields first, then ids, keys, offsets and evidence."""
    ev = fact.evidence
    base: dict[str, Any] = {"kind": fact.kind, "doc": Path(doc_name).name}
    if isinstance(fact, Quote):
        base |= {
            "speaker": fact.speaker.name,
            "text": fact.text,
            "speaker_key": fact.speaker.key,
            "text_start": fact.start,
            "text_end": fact.end,
            "about": [a.key for a in fact.about],
        }
    elif isinstance(fact, Role):
        base |= {
            "person": fact.person.name,
            "role": fact.title,
            "org": fact.org.name,
            "person_key": fact.person.key,
            "org_key": fact.org.key,
            "markers": list(fact.markers),
        }
    elif isinstance(fact, Funding):
        base |= {
            "source": fact.source.name,
            "target": fact.target.name,
            "amount": fact.amount,
            "amount_value": fact.amount_value,
            "currency": fact.currency,
            "period": fact.period,
            "source_key": fact.source.key,
            "target_key": fact.target.key,
        }
    elif isinstance(fact, Mention):
        base |= {"actor": fact.actor.name, "actor_key": fact.actor.key, "actor_type": fact.actor.type.value}
    base |= {
        "id": fact.id,
        "doc_id": ev.doc_id,
        "sentence_index": ev.sentence_index,
        "start": ev.start,
        "end": ev.end,
        "extractor": f"{ev.extractor}@{ev.extractor_version}",
        "confidence": ev.confidence,
        # The supporting sentence: with it a record carries all of its evidence, so `policygraph load`
        # can rebuild the fact (graph.factset) and write exactly what `ingest` writes.
        "sentence": ev.sentence,
    }
    return base
