"""Node and relationship files for `neo4j-admin database import full --input-type=parquet`, made from a
facts file column by column (pyarrow), so a million facts cost seconds rather than a Python object each.

The rows are the ones `graph.rows.plan_extraction` gives the writer, so the imported graph equals the
one `GraphWriter` builds: the same labels, properties (evidence included), relationship types and ids.
A test compares both graphs property by property. Both follow graph/relations.yaml for relationships
(which facts state them, their ends, ids and properties); the rules carried over from `graph.rows`:
quotes and relationships deduplicated per id, the last record winning; actors are merged across
documents (name and type of the first, aliases united in order, as MERGE ... ON CREATE does).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from graph.factset.arrow import read_table
from graph.factset.columns import EVIDENCE_FIELDS, FACT_KINDS, FactField, layout
from graph.factset.read import facts_files
from graph.model import stable_id
from graph.relations import RELATIONS, Relation
from graph.rows import unite_actor

Columns = tuple[tuple[str, str], ...]  # (column name with its import header, type)

_HEADER_SUFFIX = {"string": "", "long": ":long", "double": ":double", "date": ":date", "strings": ":string[]"}
NODE_TABLES: dict[str, Columns] = {
    "Document": (("id:ID(Document)", "string"), (":LABEL", "string"), ("source", "string"),
                 ("content_hash", "string"), ("title", "string"), ("url", "string"),
                 ("published:date", "date"), ("ingested_at:datetime", "datetime"), ("text", "string")),
    "Quote": (("id:ID(Quote)", "string"), (":LABEL", "string"), ("text", "string"), ("doc_id", "string"),
              ("start:long", "long"), ("end:long", "long")),
    "Actor": (("key:ID(Actor)", "string"), (":LABEL", "string"), ("name", "string"), ("type", "string"),
              ("aliases:string[]", "strings"), ("alias_text", "string")),
}


def _rel_columns(rel: Relation) -> Columns:
    """A relationship file's columns: ends (id groups are the end labels), type, id, evidence, properties."""
    ids: Columns = ((f":START_ID({rel.source.label})", "string"), (f":END_ID({rel.target.label})", "string"),
                    (":TYPE", "string"), ("fact_id", "string"))
    props = tuple((name, prop.type) for name, prop in rel.properties.items())
    return ids + tuple((name + _HEADER_SUFFIX[kind], kind) for name, kind in (*EVIDENCE_FIELDS, *props))


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


class _Out:
    """One import file, appended to table by table; remembers which string columns held "" or null."""

    def __init__(self, path: Path, columns: Columns) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"string": pa.string(), "long": pa.int64(), "double": pa.float64(), "date": pa.date32(),
                 "datetime": pa.timestamp("us", tz="UTC"), "strings": pa.list_(pa.string())}
        self.path, self.columns = path, columns
        self.schema = pa.schema([(name, types[kind]) for name, kind in columns])
        self.writer = pq.ParquetWriter(path, self.schema, compression="snappy")
        self.rows = 0
        self.empty: set[str] = set()
        self.missing: set[str] = set()

    def write(self, arrays: list[Any]) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        columns = [pc.cast(a, f.type) if isinstance(a, pa.Array | pa.ChunkedArray) else pa.array(a, f.type)
                   for a, f in zip(arrays, self.schema, strict=True)]
        table = pa.Table.from_arrays(columns, schema=self.schema)
        if not table.num_rows:
            return
        for (name, kind), column in zip(self.columns, table.columns, strict=True):
            if kind != "string" or name.startswith(":") or ":ID" in name:
                continue
            prop = name.split(":", 1)[0]
            if column.null_count:
                self.missing.add(prop)
            if pc.any(pc.equal(column, "")).as_py():
                self.empty.add(prop)
        self.writer.write_table(table)
        self.rows += table.num_rows

    def close(self) -> None:
        self.writer.close()


def _last_by(table: Any, key: str) -> Any:
    """One row per `key`, the last one winning (what `{row[key]: row for row in rows}` keeps)."""
    keys = table[key].to_pylist()
    if len(set(keys)) == len(keys):
        return table
    return table.take(sorted({k: i for i, k in enumerate(keys)}.values()))


def _evidence(t: Any) -> list[Any]:
    import pyarrow.compute as pc

    return [pc.struct_field(t["evidence"], name) for name, _ in EVIDENCE_FIELDS]


def _truthy(column: Any) -> Any:
    """Where a column's value is set: not null, and not "", [] or 0 (what `if value` means in Python)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_list(column.type):
        return pc.fill_null(pc.greater(pc.list_value_length(column), 0), False)
    if pa.types.is_boolean(column.type):
        return pc.fill_null(column, False)
    zero = "" if pa.types.is_string(column.type) else 0
    return pc.fill_null(pc.not_equal(column, zero), False)


def _field(kind: str, name: str) -> FactField:
    return next(f for f in layout(kind) if f.field == name)


class _Builder:
    """Turns facts tables into import files; holds the actors and the documents seen so far."""

    def __init__(self, folder: Path) -> None:
        self.out = ImportFiles(folder)
        self.nodes = {label: _Out(folder / f"nodes-{label}.parquet", NODE_TABLES[label])
                      for label in ("Document", "Quote")}
        self.rels = {r.type: _Out(folder / f"relationships-{r.type}.parquet", _rel_columns(r))
                     for r in RELATIONS}
        self.actors: dict[str, dict[str, Any]] = {}
        self.sources: dict[str, str] = {}
        self.now = datetime.now(UTC)

    def _documents(self, docs: Any, invalid: set[str]) -> dict[str, date | None]:
        """Write the document nodes of one file; return the loaded documents' ids and dates (the facts of
        any other document are skipped).

        `invalid`: documents with a fact the writer would refuse; they fail alone, as in `load`.
        """
        published: dict[str, date | None] = {}
        rows: dict[str, list[Any]] = {name: [] for name, _ in NODE_TABLES["Document"]}
        for d in docs.select(["doc_id", "doc_source", "doc_text", "doc_title", "doc_url", "doc_published",
                              "doc_ingested_at", "actors"]).to_pylist():
            doc_id, source, text = d["doc_id"], d["doc_source"], d["doc_text"] or ""
            content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if source in self.sources:
                if self.sources[source] != doc_id:
                    raise InvalidInput(
                        f"{source} appears in two versions; --bulk loads one version per source into an "
                        "empty database. Load the facts with `policygraph load FACTS` (transactional), "
                        "which replaces earlier versions in order.")
                self.out.unchanged.append(source)
                continue
            problem = ("its doc_id does not match its source and text"
                       if stable_id("doc", source, content_hash) != doc_id else
                       "a fact's evidence is out of range or cites another document"
                       if doc_id in invalid else None)
            if problem:
                self.out.failures.append((source, f"{source}: {problem}"))
                continue
            self.sources[source] = doc_id
            day = date.fromisoformat(d["doc_published"]) if d["doc_published"] else None
            published[doc_id] = day
            when = datetime.fromisoformat(d["doc_ingested_at"]) if d["doc_ingested_at"] else self.now
            values = (doc_id, "Document", source, content_hash, d["doc_title"], d["doc_url"], day, when, text)
            for name, value in zip(rows, values, strict=True):
                rows[name].append(value)
            for a in d["actors"] or ():
                unite_actor(self.actors, {"key": a["key"], "name": a["name"], "type": a["type"],
                                          "aliases": list(a["aliases"] or ())})
        self.nodes["Document"].write(list(rows.values()))
        self.out.documents += len(published)
        return published

    def add(self, table: Any) -> None:
        """One facts file's records."""
        import pyarrow as pa
        import pyarrow.compute as pc

        kind = table["kind"]
        failed = table.filter(pc.equal(kind, "failure")).select(["doc_source", "error"]).to_pylist()
        self.out.failures += [(f["doc_source"] or "?", f["error"] or "") for f in failed]
        facts = table.filter(pc.is_in(kind, value_set=pa.array(FACT_KINDS)))
        start, end, conf = (pc.struct_field(facts["evidence"], n) for n in ("start", "end", "confidence"))
        bad = pc.or_(pc.or_(pc.less(start, 0), pc.less(end, start)),
                     pc.or_(pc.less(pc.struct_field(facts["evidence"], "sentence_index"), 0),
                            pc.or_(pc.less(conf, 0.0), pc.greater(conf, 1.0))))
        bad = pc.or_(bad, pc.not_equal(pc.struct_field(facts["evidence"], "doc_id"), facts["doc_id"]))
        invalid = set(facts.filter(pc.fill_null(bad, True))["doc_id"].to_pylist())
        published = self._documents(table.filter(pc.equal(kind, "document")), invalid)
        facts = facts.filter(pc.is_in(facts["doc_id"], value_set=pa.array(list(published), pa.string())))
        self.out.facts += facts.num_rows
        quotes = _last_by(facts.filter(pc.equal(facts["kind"], "quote")), "id")
        self.nodes["Quote"].write([quotes["id"], ["Quote"] * quotes.num_rows, quotes["text"],
                                   quotes["doc_id"], quotes["start"], quotes["end"]])
        for rel in RELATIONS:
            self._relation(rel, facts.filter(pc.equal(facts["kind"], rel.kind)), published)

    def _relation(self, rel: Relation, facts: Any, published: dict[str, date | None]) -> None:
        """One relationship type's rows, as graph.rows makes them from the same facts."""
        import pyarrow as pa
        import pyarrow.compute as pc

        if rel.when is not None:
            facts = facts.filter(_truthy(facts[_field(rel.kind, rel.when).column]))
        if rel.unless is not None:
            facts = facts.filter(pc.invert(_truthy(facts[_field(rel.kind, rel.unless).column])))
        ends: dict[str, str] = {}
        for side, end in (("source", rel.source), ("target", rel.target)):
            if end.field in ("fact", "document"):
                ends[side] = "id" if end.field == "fact" else "doc_id"
                continue
            actors = _field(rel.kind, end.field)
            ends[side] = actors.keys
            if actors.actors == "many":  # one row per actor of the tuple
                lists = facts[actors.keys].combine_chunks()
                keys = pc.list_flatten(lists)
                facts = facts.take(pc.list_parent_indices(lists)).drop_columns([actors.keys])
                facts = facts.append_column(actors.keys, keys)
        source, target = facts[ends["source"]], facts[ends["target"]]
        if rel.id == "fact":
            fact_ids = facts["id"]
        else:
            parts = {"fact": facts["id"], "source": source, "target": target, "document": facts["doc_id"]}
            columns = [parts[p].to_pylist() for p in rel.id.of]
            fact_ids = _strings([stable_id(rel.id.tag, *values) for values in zip(*columns, strict=True)])
        rows = _last_by(facts.append_column("_source", source).append_column("_target", target)
                        .append_column("_fact_id", fact_ids), "_fact_id")
        values = _evidence(rows)
        for source_field in rel.sources.values():
            if source_field == "document.published":
                days = pa.array(list(published.values()), pa.date32())
                ids = pa.array(list(published), pa.string())
                values.append(days.take(pc.index_in(rows["doc_id"], value_set=ids)))
                continue
            column = rows[_field(rel.kind, source_field).column]
            info = rel.fact_class.model_fields[source_field]
            default = None if info.is_required() else info.get_default(call_default_factory=True)
            if default is not None:  # as the model fills in a missing value
                fill = pa.scalar(list(default) if isinstance(default, tuple) else default, column.type)
                column = pc.if_else(pc.is_valid(column), column, fill)
            values.append(column)
        self.rels[rel.type].write([rows["_source"], rows["_target"], [rel.type] * rows.num_rows,
                                   rows["_fact_id"], *values])

    def finish(self) -> ImportFiles:
        people = _Out(self.out.folder / "nodes-Actor.parquet", NODE_TABLES["Actor"])
        keys = sorted(self.actors)
        rows = [self.actors[k] for k in keys]
        people.write([keys, [f"Actor;{a['type']}" for a in rows], [a["name"] for a in rows],
                      [a["type"] for a in rows], [a["aliases"] for a in rows],
                      [" | ".join(a["aliases"]) for a in rows]])
        self.out.labels.update(a["type"] for a in rows)
        named = [("node", label, out) for label, out in {**self.nodes, "Actor": people}.items()]
        named += [("relationship", t, out) for t, out in self.rels.items()]
        for entity, name, out in named:
            out.close()
            if not out.rows:
                out.path.unlink(missing_ok=True)
                continue
            (self.out.nodes if entity == "node" else self.out.relationships).append(out.path)
            (self.out.labels if entity == "node" else self.out.types)[name] += out.rows
            for prop in sorted(out.empty):
                if prop in out.missing:
                    raise InvalidInput(
                        f"{name}.{prop} is empty in some rows and missing in others; neo4j-admin's Parquet "
                        "reader drops empty strings, so the two cannot be told apart after import. Load "
                        "these facts with `policygraph load FACTS` (transactional).")
                self.out.empty_strings.append(EmptyStrings(entity, name, prop))
        return self.out


def _strings(values: list[str]) -> Any:
    import pyarrow as pa

    return pa.array(values, pa.string())


def write_import_files(facts: Path, folder: Path) -> ImportFiles:
    """Write the import files for the facts file or folder `facts` into `folder` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    builder = _Builder(folder)
    try:
        for file in facts_files(facts):
            builder.add(read_table(file))
    except BaseException:
        for out in [*builder.nodes.values(), *builder.rels.values()]:
            out.close()
        raise
    return builder.finish()
