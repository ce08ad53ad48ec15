"""The bench's fast path to a big graph: the writer's own load statements, many documents per transaction.

Rows come from `graph.rows.plan_extraction` (as in `GraphWriter`), merged across `docs_per_tx` documents
and sent in UNWIND batches of `batch_size`. Only for a freshly wiped database: it skips the writer's
lock / retract / orphan steps, which matter only when a source is re-ingested.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction

from bench.graphdb import BenchGraph
from graph import cypher
from graph.model import Extraction
from graph.rows import RELATIONSHIP_QUERIES, plan_extraction

CYPHER_DIR = Path(__file__).parent / "cypher"


@cache
def bench_query(name: str) -> str:
    """A bench-only statement from `bench/cypher/<name>.cypher`, `//` comment lines dropped."""
    text = (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8")
    return "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("//")).strip()


@dataclass
class LoadStats:
    docs: int = 0
    facts: int = 0  # extracted facts (quotes, roles, funding, mentions)
    relationships: int = 0
    seconds: float = 0.0


Rows = list[dict[str, Any]]


def _merge_batch(extractions: list[Extraction]) -> tuple[Rows, list[tuple[str, Rows]]]:
    docs: list[dict[str, Any]] = []
    actors: dict[str, dict[str, Any]] = {}
    quotes: list[dict[str, Any]] = []
    rels: dict[str, list[dict[str, Any]]] = {name: [] for name in RELATIONSHIP_QUERIES}
    for ex in extractions:
        plan = plan_extraction(ex)
        docs.append(plan.document)
        for a in plan.actors:
            known = actors.get(a["key"])
            if known is None:
                actors[a["key"]] = dict(a)
            else:
                known["aliases"] = list(dict.fromkeys(known["aliases"] + a["aliases"]))
        quotes.extend(plan.quotes)
        for name, rows in plan.relationships.items():
            rels[name].extend(rows)
    ordered = [("load/merge_actors", sorted(actors.values(), key=lambda r: r["key"])),
               ("load/merge_quotes", quotes), *rels.items()]
    return docs, [(n, rows) for n, rows in ordered if rows]


def bulk_load(g: BenchGraph, extractions: Iterable[Extraction], *, docs_per_tx: int = 250,
              batch_size: int = 20_000, progress: Callable[[LoadStats], None] | None = None) -> LoadStats:
    """Load `extractions` into a wiped database; return counts and wall time (generation included)."""
    stats = LoadStats()
    started = time.perf_counter()
    it = iter(extractions)
    with g.driver.session(database=g.database) as session:
        while chunk := list(itertools.islice(it, docs_per_tx)):
            docs, batches = _merge_batch(chunk)

            def work(tx: ManagedTransaction, docs: list[dict[str, Any]] = docs,
                     batches: list[tuple[str, list[dict[str, Any]]]] = batches) -> int:
                tx.run(bench_query("merge_documents"), rows=docs).consume()
                rels = 0
                for name, rows in batches:
                    query = cypher.load(name)
                    for i in range(0, len(rows), batch_size):
                        n = int(tx.run(query, rows=rows[i : i + batch_size]).single(strict=True)["written"])
                        rels += n if name in RELATIONSHIP_QUERIES else 0
                return rels

            stats.relationships += session.execute_write(work)
            stats.docs += len(chunk)
            stats.facts += sum(len(ex.facts) for ex in chunk)
            stats.seconds = time.perf_counter() - started
            if progress is not None:
                progress(stats)
    return stats
