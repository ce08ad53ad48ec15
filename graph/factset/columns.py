"""The columns of a facts file: one table for every record kind, so JSONL and Parquet hold the same data.

A fact record lays out its fact class's fields (`layout`): an actor field named in graph/relations.yaml
as `<field>` (the name, what the shared eval format reads) and `<field>_key` (`<field>_keys` for a
tuple of actors), other fields under their own names (a role's `title` as `role`, the format's name),
then the fact's `id`, `doc_id` and its `evidence` (graph.model.Evidence's fields). `doc_*`, `actors` and
`error` belong to the document and failure records. Types are named abstractly here so that the Spark
job and the Parquet reader build their schemas from this one list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from graph import relations
from graph.model import Evidence
from graph.relations import FACT_CLASSES, value_type

ColumnType = Literal["string", "long", "double", "strings", "actors", "evidence"]
RECORD_NAMES = {"title": "role"}
"""Fact fields the shared eval format (its FORMAT.md) names otherwise: field -> record field."""
FACT_KINDS = tuple(relations.kind_of(cls) for cls in FACT_CLASSES.values())


@dataclass(frozen=True)
class FactField:
    """How one field of a fact class sits in a record."""

    field: str
    column: str
    type: ColumnType
    actors: Literal["one", "many"] | None = None

    @property
    def keys(self) -> str:
        """The column of an actor field's key(s)."""
        return f"{self.column}_key" if self.actors == "one" else f"{self.column}_keys"


@cache
def layout(kind: str) -> tuple[FactField, ...]:
    """The fields of a fact kind's records, in the fact class's field order."""
    cls = next(c for c in FACT_CLASSES.values() if relations.kind_of(c) == kind)
    actors = relations.actor_fields(kind)
    out = []
    for name in cls.model_fields:
        if name in ("kind", "evidence"):
            continue
        column = RECORD_NAMES.get(name, name)
        if name in actors:
            many = actors[name]
            out.append(FactField(name, column, "strings" if many else "string", "many" if many else "one"))
        else:
            out.append(FactField(name, column, _column_type(value_type(cls, name))))
    return tuple(out)


def _column_type(kind: str) -> ColumnType:
    if kind not in ("string", "long", "double", "strings"):
        raise TypeError(f"a fact field of type {kind} has no facts-file column type")
    return kind  # type: ignore[return-value]


def _fact_columns() -> tuple[tuple[str, ColumnType], ...]:
    found: dict[str, ColumnType] = {}
    for kind in FACT_KINDS:
        for f in layout(kind):
            pairs = [(f.column, f.type)] + ([(f.keys, "strings" if f.actors == "many" else "string")]
                                           if f.actors else [])
            for name, type_ in pairs:
                if found.setdefault(name, type_) != type_:
                    raise TypeError(f"column {name!r}: {found[name]} in one fact kind, {type_} in another")
    return tuple(found.items())


EVIDENCE_FIELDS: tuple[tuple[str, ColumnType], ...] = tuple(
    (name, _column_type(value_type(Evidence, name))) for name in Evidence.model_fields
)
"""The struct of the `evidence` column: graph.model.Evidence's fields."""

COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("kind", "string"),  # document | quote | role | funding | mention | failure
    ("doc", "string"),  # file name of the document (the shared eval format's `doc`)
    ("doc_id", "string"),
    *_fact_columns(),
    ("id", "string"),
    ("evidence", "evidence"),
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


def as_row(record: dict[str, object]) -> tuple[object, ...]:
    """A record as a tuple in `COLUMNS` order (missing fields are null, unknown ones dropped)."""
    return tuple(record.get(name) for name in NAMES)
