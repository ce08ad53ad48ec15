"""The bench's path to a big graph: the product's own document pipeline (`ingest.flow.write_extractions`).

Used to build the query benchmark's graph of a million facts without spaCy: the generator's ground-truth
extractions go through exactly the statements `policygraph ingest` runs, many documents per transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bench.graphdb import BenchGraph
from graph.model import Extraction
from graph.writer import GraphWriter, Outcome
from ingest.flow import IngestSummary, write_extractions

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


def bulk_load(g: BenchGraph, extractions: Iterable[Extraction], *, docs_per_tx: int = 250,
              batch_size: int = 5_000, progress: Callable[[LoadStats], None] | None = None,
              every: int = 250) -> LoadStats:
    """Write `extractions` as `policygraph ingest` does; counts and wall time (generation included).

    A failed document raises: the bench's own documents must all load.
    """
    stats = LoadStats()
    started = time.perf_counter()

    def written(outcome: Outcome) -> None:
        if outcome.error is not None:
            raise outcome.error
        assert outcome.result is not None
        stats.docs += 1
        stats.facts += len(outcome.extraction.facts)
        stats.relationships += outcome.result.facts_written
        if progress is not None and stats.docs % every == 0:
            stats.seconds = time.perf_counter() - started
            progress(stats)

    writer = GraphWriter(g.driver, batch_size, database=g.database)
    write_extractions(writer, extractions, IngestSummary(), docs_per_tx=docs_per_tx, on_written=written)
    stats.seconds = time.perf_counter() - started
    return stats
