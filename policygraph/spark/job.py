"""The Spark job: input documents -> `extract_partition` -> a Parquet facts dataset (`graph.factset`).

Input is a folder of text files (front matter as for `ingest`; listed on the driver exactly as the local
path lists them, so sources and document ids are the same), or a Parquet / JSONL table with `source`,
`text` and optional `title`, `url`, `published` columns. Nothing here writes to Neo4j: loading is the
driver's job afterwards, with one grouped writer (see docs/scale-out.md for why not from executors).
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from graph.factset.columns import COLUMNS, EVIDENCE_FIELDS, PARTITION_COLUMN
from policygraph.spark.progress import StageProgress

TABLE_SUFFIXES = {".parquet": "parquet", ".jsonl": "json", ".json": "json"}
DOCS_PER_TASK = 200


@dataclass
class JobStats:
    documents: int = 0
    facts: int = 0
    failed: int = 0
    input_partitions: int = 0


def spark_schema() -> Any:
    from pyspark.sql import types as T

    string, strings = T.StringType(), T.ArrayType(T.StringType())
    actor = T.StructType([T.StructField("key", string), T.StructField("name", string),
                          T.StructField("type", string), T.StructField("aliases", strings)])
    kinds = {"string": string, "long": T.LongType(), "double": T.DoubleType(), "strings": strings,
             "actors": T.ArrayType(actor)}
    kinds["evidence"] = T.StructType([T.StructField(name, kinds[kind]) for name, kind in EVIDENCE_FIELDS])
    fields = [T.StructField(name, kinds[kind]) for name, kind in COLUMNS]
    fields += [T.StructField("seq", T.LongType()), T.StructField(PARTITION_COLUMN, string)]
    return T.StructType(fields)


@contextmanager
def spark_session(master: str, conf: dict[str, str] | None = None) -> Iterator[Any]:
    """A SparkSession for one command; workers run this interpreter unless `conf` says otherwise."""
    from pyspark.sql import SparkSession

    # Local workers are launched from the environment: make them this interpreter (and its packages).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if master.startswith("local"):  # a local run listens on loopback only (driver, block manager, UI)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        conf = {"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1", **(conf or {})}
    builder = (SparkSession.builder.master(master).appName("policygraph-extract")
               .config("spark.pyspark.python", sys.executable)
               .config("spark.pyspark.driver.python", sys.executable)
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.python.worker.reuse", "true"))
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        yield spark
    finally:
        spark.stop()


def _input(spark: Any, paths: list[Path]) -> Any:
    """An RDD of input rows: file paths (listed here, as `ingest` lists them) or table rows."""
    from ingest.reader import find_documents

    tables = [p for p in paths if p.suffix in TABLE_SUFFIXES]
    if tables and len(tables) != len(paths):
        raise InvalidInput("give either text files and folders, or tables (.parquet / .jsonl), not both")
    sc = spark.sparkContext
    if tables:
        frames = []
        for path in tables:
            reader = spark.read.format(TABLE_SUFFIXES[path.suffix])
            frame = reader.load(str(path))
            if not {"source", "text"} <= set(frame.columns):
                raise InvalidInput(f"{path}: a table needs `source` and `text` columns (has {frame.columns})")
            wanted = [c for c in ("source", "text", "title", "url", "published") if c in frame.columns]
            frames.append(frame.select(*wanted))
        table = frames[0]
        for more in frames[1:]:
            table = table.unionByName(more, allowMissingColumns=True)
        count = table.count()
        slices = max(sc.defaultParallelism * 2, math.ceil(count / DOCS_PER_TASK))
        return table.rdd.repartition(slices) if count else table.rdd
    files = [str(p) for p in find_documents(paths)]
    slices = max(1, min(len(files), max(sc.defaultParallelism * 2, math.ceil(len(files) / DOCS_PER_TASK))))
    from pyspark.sql import Row

    return sc.parallelize([Row(path=f) for f in files], slices)


def extract_to_facts(spark: Any, paths: list[Path], out: Path, progress: StageProgress | None = None,
                     published: date | None = None) -> JobStats:
    """Run the extraction; write the facts dataset to `out` (replaced); return counts.

    Counts come from accumulators (a retried task may add twice: they are for reporting only); the
    failures themselves are records in the dataset, which the load reports by name.
    """
    from policygraph.spark.partition import counted_partition

    sc = spark.sparkContext
    stats = JobStats()
    counters = (sc.accumulator(0), sc.accumulator(0), sc.accumulator(0))  # documents, facts, failures
    progress = progress or StageProgress(sc, lambda _line: None)
    with progress:
        progress.describe("read inputs")
        rows = _input(spark, paths)
        stats.input_partitions = rows.getNumPartitions()
        extract = partial(counted_partition, published=published, counters=counters)
        # rows are built to the schema by `extract_partition`: no per-row verification in Python
        facts = spark.createDataFrame(rows.mapPartitions(extract), spark_schema(), verifySchema=False)
        progress.describe("extract and write facts")
        facts.write.mode("overwrite").partitionBy(PARTITION_COLUMN).parquet(str(out))
    stats.documents, stats.facts, stats.failed = (int(c.value) for c in counters)
    return stats
