"""`policygraph ingest --engine spark`: the Spark job writes the facts dataset, then the driver loads it
with the grouped writer, so the graph, its idempotency and the failure report are `ingest`'s own."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from graph.factset.read import read_facts
from graph.model import Extraction
from ingest.flow import IngestSummary
from policygraph.commands.load import load_items
from policygraph.spark.job import extract_to_facts, spark_session
from policygraph.spark.progress import StageProgress


def parse_conf(pairs: list[str]) -> dict[str, str]:
    conf = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--spark-conf takes KEY=VALUE, not {pair!r}")
        conf[key.strip()] = value.strip()
    return conf


def ingest_on_spark(paths: list[Path], summary: IngestSummary, say: Callable[[str], None], *, master: str,
                    facts_out: Path | None, conf: dict[str, str], published: date | None,
                    batch_size: int | None, docs_per_tx: int | None, min_confidence: float = 0.0) -> None:
    """Extract on Spark into `facts_out` (a temporary folder if None), then load it into Neo4j; facts
    below `min_confidence` are kept in the dataset but not written to the graph."""
    out = facts_out or Path(tempfile.mkdtemp(prefix="policygraph-facts-")) / "facts"
    try:
        with spark_session(master, conf) as spark:
            say(f"Spark {spark.version} on {master}: extracting into {out}")
            stats = extract_to_facts(spark, paths, out, StageProgress(spark.sparkContext, say), published)
        say(f"extracted {stats.documents} documents ({stats.facts} facts, {stats.failed} failed) "
            f"in {stats.input_partitions} partitions; loading with the grouped writer")
        if stats.documents or stats.failed:
            items = (i.confident(min_confidence) if isinstance(i, Extraction) else i for i in read_facts(out))
            load_items(items, summary, batch_size, docs_per_tx, total=stats.documents)
    finally:
        if facts_out is None:
            shutil.rmtree(out.parent, ignore_errors=True)
