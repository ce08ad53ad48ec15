"""The columns of a facts file: one table for every record kind, so JSONL and Parquet hold the same data.

Fact columns are those of `ingest.records.fact_record` (the JSONL format of `policygraph extract`);
`doc_*`, `actors` and `error` belong to the document and failure records. Types are named abstractly
here so that the Spark job and the Parquet reader build their schemas from this one list.
"""

from __future__ import annotations

from typing import Literal

ColumnType = Literal["string", "long", "double", "strings", "actors"]

COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("kind", "string"),  # document | quote | role | funding | mention | failure
    ("doc", "string"),  # file name of the document (the shared eval format's `doc`)
    ("doc_id", "string"),
    # quote
    ("speaker", "string"),
    ("text", "string"),
    ("speaker_key", "string"),
    ("text_start", "long"),
    ("text_end", "long"),
    ("about", "strings"),
    # role
    ("person", "string"),
    ("role", "string"),
    ("org", "string"),
    ("person_key", "string"),
    ("org_key", "string"),
    ("markers", "strings"),
    # funding
    ("source", "string"),
    ("target", "string"),
    ("amount", "string"),
    ("amount_value", "double"),
    ("currency", "string"),
    ("period", "string"),
    ("source_key", "string"),
    ("target_key", "string"),
    # mention
    ("actor", "string"),
    ("actor_key", "string"),
    ("actor_type", "string"),
    # evidence, on every fact
    ("id", "string"),
    ("sentence_index", "long"),
    ("start", "long"),
    ("end", "long"),
    ("extractor", "string"),
    ("confidence", "double"),
    ("sentence", "string"),
    # document
    ("doc_source", "string"),
    ("doc_text", "string"),
    ("doc_title", "string"),
    ("doc_url", "string"),
    ("doc_published", "string"),  # ISO date
    ("doc_ingested_at", "string"),  # ISO datetime, or null: set when loaded
    ("actors", "actors"),  # list of {key, name, type, aliases}
    # failure
    ("error", "string"),
)
NAMES = tuple(name for name, _ in COLUMNS)
PARTITION_COLUMN = "doc_part"
"""Parquet datasets are partitioned by the first two hex digits of `doc_id` (256 folders at most):
every record of a document lands in one file, so a reader can rebuild documents one file at a time."""


def partition_of(doc_id: str | None, source: str | None = None) -> str:
    """The `doc_part` value of a record: a failure has no document id, so its source's hash decides."""
    if doc_id:
        return doc_id[:2]
    from graph.model import stable_id

    return stable_id("failure", source or "")[:2]


def row(record: dict[str, object]) -> tuple[object, ...]:
    """A record as a tuple in `COLUMNS` order (missing fields are null, unknown ones dropped)."""
    return tuple(record.get(name) for name in NAMES)
