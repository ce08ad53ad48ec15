"""INGEST -> FACTS: an extraction as facts-file records (see `graph.factset`), and JSONL output.

Fact records are `graph.factset.records.fact_record`'s (every fact, mentions included), preceded by the
document record, so a facts file can be loaded into exactly the graph `ingest` would build.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from graph.errors import PolicygraphError
from graph.factset.records import document_record, fact_record, failure_record

__all__ = ["extraction_records", "failure_record", "write_jsonl"]
from graph.model import Extraction

Record = dict[str, Any]


def extraction_records(ex: Extraction) -> list[Record]:
    """The document record then one record per fact; a document the writer would refuse is a failure."""
    try:
        head = document_record(ex)
    except PolicygraphError as exc:
        return [failure_record(ex.document.source, str(exc))]
    return [head, *(fact_record(f, ex.document.source) for f in ex.facts)]


def write_jsonl(records: Iterable[Record], out: IO[str]) -> int:
    """One JSON object per line; returns how many were written."""
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n
