"""Extraction on Spark against the plain CLI: words per second on the same generated corpus.

- the plain CLI: `policygraph extract DIR --workers N --facts-out F` in a subprocess (1 and 2 workers),
  spaCy load included;
- Spark: `extract_to_facts` (what `ingest --engine spark` runs before loading) on `local[1]` and
  `local[2]`, session start and pipeline load per worker included; the job alone is shown too.
Both write the same facts (JSONL there, a Parquet dataset here); nothing touches Neo4j.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import articles, write_corpus
from bench.report import Ratio, Result, Table

SPARK_CONF = {"spark.ui.enabled": "false"}


def _cli(folder: Path, out: Path, workers: int) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "policygraph.cli", "extract", str(folder), "--jsonl",
                           "--workers", str(workers), "--facts-out", str(out)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"policygraph extract failed: {done.stderr[-2000:]}")
    return time.perf_counter() - started


def _spark(folder: Path, out: Path, master: str) -> tuple[float, float, int]:
    """(seconds with session start, seconds of the job alone, documents written)."""
    from policygraph.spark.job import extract_to_facts, spark_session

    started = time.perf_counter()
    with spark_session(master, SPARK_CONF) as spark:
        job_start = time.perf_counter()
        stats = extract_to_facts(spark, [folder], out)
        job_s = time.perf_counter() - job_start
    if stats.failed:
        raise RuntimeError(f"Spark extraction failed for {stats.failed} documents")
    return time.perf_counter() - started, job_s, stats.documents


def run(*, docs: int, repeats: int = 2, seed: int = 7, say: Callable[[str], None] = print) -> Result:
    result = Result("spark", "Extraction: Spark local[1] / local[2] vs the plain CLI")
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-spark-") as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(folder, docs, seed)
        words = sum(a.words for a in articles(docs, seed))
        say(f"  {docs} generated articles, {words:,} words")
        table = Table(f"{docs} documents, {words:,} words, 2 cores; wall time including start-up, "
                      f"best of {repeats}",
                      ["engine", "seconds", "words/s", "job alone s", "job alone words/s", "× CLI 1 worker"])
        cli: dict[int, float] = {}
        spark: dict[str, tuple[float, float]] = {}
        for round_ in range(repeats):  # alternate, so drift in machine load hits every engine alike
            for workers in (1, 2):
                say(f"  policygraph extract --workers {workers} (round {round_ + 1})")
                seconds = _cli(folder, Path(tmp) / f"cli{workers}.jsonl", workers)
                cli[workers] = min(cli.get(workers, seconds), seconds)
            for master in ("local[1]", "local[2]"):
                say(f"  Spark {master} (round {round_ + 1})")
                total, job, written = _spark(folder, Path(tmp) / f"spark-{master[6]}", master)
                assert written == docs, (written, docs)
                best = spark.get(master, (total, job))
                spark[master] = (min(best[0], total), min(best[1], job))
        for workers, seconds in cli.items():
            table.add(f"policygraph extract --workers {workers}", seconds, words / seconds, None, None,
                      cli[1] / seconds)
        for master, (total, job) in spark.items():
            table.add(f"Spark {master} (extract_to_facts)", total, words / total, job, words / job,
                      cli[1] / total)
    result.tables.append(table)
    result.ratios += [
        Ratio("spark.local2_vs_local1", spark["local[1]"][0] / spark["local[2]"][0], 1.5, ">=",
              "Spark local[2] / local[1] words per second (scaling with cores)"),
        Ratio("spark.local2_vs_cli", cli[2] / spark["local[2]"][0], 0.8, ">=",
              "Spark local[2] / `policygraph extract --workers 2` words per second"),
    ]
    result.notes += [
        "the same extractor code runs in both (ingest.pipeline); Spark runs it in mapPartitions "
        "with the pipeline loaded once per Python worker",
        "both parse and extract in each worker process; the CLI's workers send back facts, Spark's write "
        "rows of the facts dataset",
    ]
    result.seconds = time.perf_counter() - began
    return result
