"""Read a facts file (JSONL, or a Parquet file or dataset folder) back into documents, in order.

JSONL is streamed line by line; Parquet is read one file at a time (pyarrow), and every document's
records are in one file (the Spark job partitions by document), so memory holds one file's records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.errors import InvalidInput
from graph.factset.records import FACT_KINDS, Failure, Record, extraction_from_records
from graph.model import Extraction

Item = Extraction | Failure


def facts_files(path: Path) -> list[Path]:
    """The data files of a facts path: the file itself, or *.jsonl / *.parquet under a folder, sorted."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InvalidInput(f"{path}: no such facts file or folder")
    found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".jsonl", ".parquet")
                   and not p.name.startswith((".", "_")))
    if not found:
        raise InvalidInput(f"{path}: no *.jsonl or *.parquet facts files in this folder")
    return found


def _jsonl_records(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidInput(f"{path}:{number}: not a JSON record ({exc.msg})") from exc


def _parquet_records(path: Path) -> Iterator[Record]:
    """Records of one Parquet file, grouped by document (`doc_id`, failures by source), in file order."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise InvalidInput(f"{path}: not a readable Parquet facts file ({exc})") from exc
    groups: dict[str, list[Record]] = {}
    for batch in table.to_batches():
        for rec in batch.to_pylist():
            key = rec.get("doc_id") or f"failure:{rec.get('doc_source')}"
            groups.setdefault(key, []).append(rec)
    for records in groups.values():
        # a document's records in the order they were made (`seq`, Parquet datasets only), whatever
        # order a distributed writer left them in: the last of two facts with one id wins, as in `ingest`
        records.sort(key=lambda r: (r.get("kind") != "document", r.get("seq") or 0))
        yield from records


def records(path: Path) -> Iterator[Record]:
    """Every record under `path`, file by file."""
    for file in facts_files(path):
        yield from _parquet_records(file) if file.suffix == ".parquet" else _jsonl_records(file)


def documents(recs: Iterable[Record]) -> Iterator[Item]:
    """Group records into extractions (a document record and the fact records after it) and failures."""
    head: Record | None = None
    facts: list[Record] = []
    for rec in recs:
        kind = rec.get("kind")
        if kind in FACT_KINDS:
            if head is None:
                raise InvalidInput(f"a {kind} record of {rec.get('doc')!r} comes before any document record "
                                   "(facts files start each document with its `document` record)")
            facts.append(rec)
            continue
        if head is not None:
            yield extraction_from_records(head, facts)
            head, facts = None, []
        if kind == "document":
            head = rec
        elif kind == "failure":
            yield Failure(source=rec.get("doc_source") or rec.get("doc") or "?", error=rec.get("error") or "")
        else:
            raise InvalidInput(f"unknown record kind {kind!r} in a facts file")
    if head is not None:
        yield extraction_from_records(head, facts)


def read_facts(path: Path) -> Iterator[Item]:
    """The documents (as `Extraction`s) and failures a facts path holds, in file order."""
    return documents(records(path))

