"""First load of a large fact set: `load FACTS --bulk` (neo4j-admin import) vs the transactional writer.

The same facts file (generated ground-truth extractions, as the Parquet facts table the Spark job writes)
is loaded twice into an empty database: by the grouped writer (`policygraph load FACTS`: read records,
rebuild facts, `GraphWriter.load_many`) and by `localserver.bulk.bulk_load` (import files, server stop,
neo4j-admin import, start, schema). Needs the bench's own Neo4j, which the bulk path stops and restarts.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import extractions
from bench.graphdb import BenchGraph
from bench.report import Ratio, Result, Table
from graph.db import create_driver
from graph.factset.read import read_facts
from graph.model import Extraction
from graph.writer import GraphWriter

GOAL = 5.0


def write_facts(docs: int, seed: int, folder: Path) -> tuple[Path, int]:
    """A Parquet facts file of `docs` generated documents; (path, facts)."""
    import pyarrow.parquet as pq

    from graph.factset.arrow import read_table
    from policygraph.facts import extraction_records, write_jsonl

    jsonl, facts = folder / "facts.jsonl", 0
    with jsonl.open("w", encoding="utf-8") as out:
        for ex in extractions(docs, seed, start=10_000_000):  # documents no other benchmark loads
            facts += len(ex.facts)
            write_jsonl(extraction_records(ex), out)
    parquet = folder / "facts.parquet"
    pq.write_table(read_table(jsonl), parquet)
    jsonl.unlink()
    return parquet, facts


def _transactional(g: BenchGraph, facts: Path) -> tuple[int, float]:
    writer = GraphWriter(g.driver, g.settings.batch_size, database=g.database)
    started = time.perf_counter()
    loaded = (item for item in read_facts(facts) if isinstance(item, Extraction))
    rels = 0
    for outcome in writer.load_many(loaded):
        if outcome.error is not None:
            raise outcome.error
        assert outcome.result is not None
        rels += outcome.result.facts_written
    return rels, time.perf_counter() - started


def run(g: BenchGraph, *, docs: int, seed: int = 7, say: Callable[[str], None] = print) -> Result:
    from localserver.bulk import FILES_AND_STOP, bulk_load

    result = Result("bulk", "First load: neo4j-admin bulk import vs the transactional writer")
    began = time.perf_counter()
    if not g.dedicated:
        result.notes.append("skipped: the bulk import stops and restarts the server; run without --external")
        return result
    with tempfile.TemporaryDirectory(prefix="bench-bulk-") as tmp:
        say(f"  writing a facts file of {docs:,} generated documents")
        facts_path, facts = write_facts(docs, seed, Path(tmp))
        g.reset()
        say(f"  bulk: {facts:,} facts into the empty database (stop, neo4j-admin import, start, schema)")
        started = time.perf_counter()
        report = bulk_load(facts_path, g.settings, say=lambda m: say(f"    {m}"))
        bulk_s = time.perf_counter() - started
        g.driver.close()  # the server restarted under it
        g.driver = create_driver(g.settings)
        bulk_counts = g.counts()
        g.reset()
        say(f"  transactional: the same facts, GraphWriter.load_many ({g.settings.docs_per_tx} per tx)")
        rels, trans_s = _transactional(g, facts_path)
        trans_counts = g.counts()
    if bulk_counts != trans_counts or report.files.facts != facts:
        raise RuntimeError(f"the two loads differ: bulk {bulk_counts}, transactional {trans_counts}")
    table = Table(f"{docs:,} documents, {facts:,} facts, {rels:,} relationships, {trans_counts[0]:,} nodes; "
                  "empty database each time",
                  ["loader", "seconds", "facts/s", "relationships/s", "× transactional"])
    table.add("transactional: load FACTS (read + GraphWriter.load_many)", trans_s, facts / trans_s,
              rels / trans_s, 1.0)
    table.add("bulk: load FACTS --bulk, end to end", bulk_s, facts / bulk_s, rels / bulk_s, trans_s / bulk_s)
    for phase, seconds in report.seconds.items():
        table.add(f"  bulk phase: {phase}", seconds, None, None, None)
    fixed = report.seconds.get("start the server", 0.0)
    growing = report.seconds.get(FILES_AND_STOP, 0.0) + report.seconds.get("neo4j-admin import", 0.0)
    table.add("bulk: files + neo4j-admin import only", growing, facts / growing, rels / growing,
              trans_s / growing)
    result.tables.append(table)
    result.ratios.append(Ratio("load.bulk_vs_transactional", trans_s / bulk_s, GOAL, ">=",
                               "load --bulk vs transactional load, facts per second, end to end"))
    result.notes += [
        f"bulk end to end includes {fixed:.0f} s of server start, which does not grow with the facts (the "
        "server stops while the import files are written); "
        "the import tool's own JVM start (a few seconds) is inside 'neo4j-admin import'",
        "the facts file is the Parquet table the Spark job writes; both loaders read it",
    ]
    result.seconds = time.perf_counter() - began
    return result
