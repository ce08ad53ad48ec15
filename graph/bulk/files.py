"""Node and relationship files for `neo4j-admin database import full --input-type=parquet`.

The rows are the writer's own (`graph.rows.plan_extraction`), so the imported graph equals the one
`GraphWriter` builds: the same labels, properties (evidence included), relationship types and ids.
One file per label group or relationship type; column names carry the import header syntax
(`key:ID(Actor)`, `:LABEL`, `published:date`, ...). Actors are merged across documents in memory
(aliases united in stream order, name and type from the first document, as MERGE ... ON CREATE does);
everything else is streamed to disk in row groups.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from graph.model import Extraction
from graph.rows import LoadPlan, plan_extraction

Row = dict[str, Any]

# (column name with its import header, property name or None for the id/label/type columns, type)
_EVIDENCE = (
    ("fact_id", "fact_id", "string"), ("doc_id", "doc_id", "string"),
    ("sentence_index:long", "sentence_index", "long"), ("sentence", "sentence", "string"),
    ("start:long", "start", "long"), ("end:long", "end", "long"), ("extractor", "extractor", "string"),
    ("extractor_version", "extractor_version", "string"), ("confidence:double", "confidence", "double"),
)
_ROLE = (("title", "title", "string"), ("markers:string[]", "markers", "strings"),
         ("as_of:date", "as_of", "date"))
_FUNDING = (("amount", "amount", "string"), ("amount_value:double", "amount_value", "double"),
            ("currency", "currency", "string"), ("period", "period", "string"))

Columns = tuple[tuple[str, str | None, str], ...]

NODE_TABLES: dict[str, Columns] = {
    "Document": (("id:ID(Document)", "id", "string"), (":LABEL", None, "string"),
                 ("source", "source", "string"), ("content_hash", "content_hash", "string"),
                 ("title", "title", "string"), ("url", "url", "string"),
                 ("published:date", "published", "date"),
                 ("ingested_at:datetime", "ingested_at", "datetime"), ("text", "text", "string")),
    "Quote": (("id:ID(Quote)", "id", "string"), (":LABEL", None, "string"), ("text", "text", "string"),
              ("doc_id", "doc_id", "string"), ("start:long", "start", "long"), ("end:long", "end", "long")),
    "Actor": (("key:ID(Actor)", "key", "string"), (":LABEL", None, "string"), ("name", "name", "string"),
              ("type", "type", "string"), ("aliases:string[]", "aliases", "strings"),
              ("alias_text", "alias_text", "string")),
}
# relationship type -> (load statement whose rows it takes, start id group, end id group, extra columns)
REL_TABLES: dict[str, tuple[str, str, str, tuple[tuple[str, str, str], ...]]] = {
    "SAID": ("load/merge_said", "Actor", "Quote", ()),
    "QUOTED_IN": ("load/merge_quoted_in", "Quote", "Document", ()),
    "ABOUT": ("load/merge_about", "Quote", "Actor", ()),
    "HOLDS_ROLE": ("load/merge_holds_role", "Actor", "Actor", _ROLE),
    "AFFILIATED_WITH": ("load/merge_affiliated_with", "Actor", "Actor", _ROLE),
    "FUNDS": ("load/merge_funds", "Actor", "Actor", _FUNDING),
    "MENTIONS": ("load/merge_mentions", "Document", "Actor", ()),
}


@dataclass(frozen=True)
class EmptyStrings:
    """Empty-string properties to put back after import: the 5.26 Parquet reader drops "" values."""

    entity: str  # "node" or "relationship"
    name: str  # label or relationship type
    prop: str


@dataclass
class ImportFiles:
    """What was written: files for the admin tool, and what the imported graph must then contain."""

    folder: Path
    nodes: list[Path] = field(default_factory=list)
    relationships: list[Path] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    empty_strings: list[EmptyStrings] = field(default_factory=list)
    documents: int = 0
    facts: int = 0
    unchanged: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


class _Table:
    """One Parquet file written in row groups, tracking empty and missing strings per column."""

    def __init__(self, path: Path, columns: Columns, rows_per_group: int) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"string": pa.string(), "long": pa.int64(), "double": pa.float64(), "date": pa.date32(),
                 "datetime": pa.timestamp("us", tz="UTC"), "strings": pa.list_(pa.string())}
        self.path, self.columns, self.rows_per_group = path, columns, rows_per_group
        self.schema = pa.schema([(name, types[kind]) for name, _, kind in columns])
        self.strings = [(i, prop) for i, (_, prop, kind) in enumerate(columns) if kind == "string" and prop]
        self.empty: set[str] = set()
        self.missing: set[str] = set()
        self.pending: list[list[Any]] = [[] for _ in columns]
        self.rows = 0
        self._pq = pq
        self.writer = pq.ParquetWriter(path, self.schema, compression="snappy")

    def add(self, values: list[Any]) -> None:
        for i, prop in self.strings:
            v = values[i]
            if v is None:
                self.missing.add(prop)
            elif v == "":
                self.empty.add(prop)
        for column, v in zip(self.pending, values, strict=True):
            column.append(v)
        self.rows += 1
        if len(self.pending[0]) >= self.rows_per_group:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if self.pending[0]:
            self.writer.write_table(pa.Table.from_arrays(self.pending, schema=self.schema))
            self.pending = [[] for _ in self.columns]

    def close(self) -> None:
        self.flush()
        self.writer.close()


def _rel_columns(rel_type: str) -> Columns:
    _, start, end, extra = REL_TABLES[rel_type]
    ids: Columns = ((f":START_ID({start})", None, "string"), (f":END_ID({end})", None, "string"),
                    (":TYPE", None, "string"))
    return ids + _EVIDENCE + extra


def _plans(items: Iterable[Extraction], out: ImportFiles) -> Iterator[LoadPlan]:
    """Plans of documents to import: one version per source (a second version would need retraction,
    which only the transactional writer does); a repeat of the same text is `unchanged`."""
    seen: dict[str, str] = {}
    for ex in items:
        doc = ex.document
        if doc.source in seen:
            if seen[doc.source] == doc.id:
                out.unchanged.append(doc.source)
                continue
            raise InvalidInput(
                f"{doc.source} appears in two versions; --bulk loads one version per source into an empty "
                "database. Load the facts with `policygraph load FACTS` (transactional), which replaces "
                "earlier versions in order."
            )
        try:
            plan = plan_extraction(ex)
        except InvalidInput as exc:  # what the writer would refuse for this document alone
            out.failures.append((doc.source, str(exc)))
            continue
        seen[doc.source] = doc.id
        out.documents += 1
        out.facts += len(ex.facts)
        yield plan


def write_import_files(items: Iterable[Extraction], folder: Path, rows_per_group: int = 50_000
                       ) -> ImportFiles:
    """Write the import files for `items` into `folder` (created); see `ImportFiles`."""
    folder.mkdir(parents=True, exist_ok=True)
    out = ImportFiles(folder)
    docs = _Table(folder / "nodes-Document.parquet", NODE_TABLES["Document"], rows_per_group)
    quotes = _Table(folder / "nodes-Quote.parquet", NODE_TABLES["Quote"], rows_per_group)
    rels = {t: _Table(folder / f"relationships-{t}.parquet", _rel_columns(t), rows_per_group)
            for t in REL_TABLES}
    actors: dict[str, Row] = {}
    try:
        for plan in _plans(items, out):
            d = plan.document
            docs.add([d["id"], "Document", d["source"], d["content_hash"], d["title"], d["url"],
                      d["published"], d["ingested_at"], d["text"]])
            for q in plan.quotes:
                quotes.add([q["id"], "Quote", q["text"], q["doc_id"], q["start"], q["end"]])
            for a in plan.actors:
                known = actors.get(a["key"])
                if known is None:
                    actors[a["key"]] = dict(a)
                elif set(a["aliases"]) - set(known["aliases"]):
                    known["aliases"] = list(dict.fromkeys(known["aliases"] + a["aliases"]))
            for rel_type, table in rels.items():
                for r in plan.relationships[REL_TABLES[rel_type][0]]:
                    props = r["props"]
                    table.add([r["source"], r["target"], rel_type, r["fact_id"],
                               *(props.get(prop) for _, prop, _ in table.columns[4:])])
    finally:
        for table in [docs, quotes, *rels.values()]:
            table.close()
    people = _Table(folder / "nodes-Actor.parquet", NODE_TABLES["Actor"], rows_per_group)
    for key in sorted(actors):
        a = actors[key]
        people.add([key, f"Actor;{a['type']}", a["name"], a["type"], a["aliases"], " | ".join(a["aliases"])])
        out.labels[a["type"]] += 1
    people.close()
    named = [("node", "Document", docs), ("node", "Quote", quotes), ("node", "Actor", people)]
    named += [("relationship", t, table) for t, table in rels.items()]
    for entity, name, table in named:
        if not table.rows:
            table.path.unlink(missing_ok=True)
            continue
        (out.nodes if entity == "node" else out.relationships).append(table.path)
        (out.labels if entity == "node" else out.types)[name] += table.rows
        for prop in sorted(table.empty):
            if prop in table.missing:
                raise InvalidInput(
                    f"{name}.{prop} is empty in some rows and missing in others; neo4j-admin's Parquet "
                    "reader drops empty strings, so the two cannot be told apart after import. Load these "
                    "facts with `policygraph load FACTS` (transactional)."
                )
            out.empty_strings.append(EmptyStrings(entity, name, prop))
    return out
