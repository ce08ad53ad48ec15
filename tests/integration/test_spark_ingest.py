"""`ingest --engine spark --master local[2]` builds the graph the plain `ingest` builds, property by property.

Runs the real CLI in subprocesses (as a user would), with Spark in local mode on this machine's 2 cores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from graph_dump import Dump, differences, dump
from graph_facts import rows as rows_of
from neo4j import Driver

from graph.schema import clear_graph

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SPARK = ["--engine", "spark", "--master", "local[2]"]


def policygraph(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI from the repo root, so sources are the paths as typed (`corpus/...`)."""
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "policygraph.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


def flat(output: str) -> str:
    return " ".join(output.replace("│", " ").replace("┃", " ").split())


@pytest.fixture(scope="module")
def plain(clean_graph: Driver) -> Dump:
    """The graph of the plain, single-process `ingest corpus/`."""
    done = policygraph("ingest", "corpus/")
    assert done.returncode == 0, done.stdout + done.stderr
    return dump(clean_graph)


@pytest.fixture(scope="module")
def on_spark(plain: Dump, clean_graph: Driver, tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[subprocess.CompletedProcess[str], Path]:
    clear_graph(clean_graph)
    facts = tmp_path_factory.mktemp("spark") / "facts"
    return policygraph("ingest", "corpus/", *SPARK, "--facts-out", str(facts)), facts


Run = tuple[subprocess.CompletedProcess[str], Path]


def test_spark_ingest_builds_the_plain_graph(plain: Dump, on_spark: Run, clean_graph: Driver) -> None:
    done, facts = on_spark
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = flat(done.stdout)
    assert "documents new 8" in out and "documents failed 0" in out
    assert "stage" in out and "tasks done" in out  # a progress line per stage
    graph = dump(clean_graph)
    assert graph["labels"]["Document"] == 8 and sum(graph["types"].values()) > 100
    assert differences(plain, graph) == []
    # the facts dataset: Parquet, partitioned by document
    assert list(facts.glob("doc_part=*/*.parquet"))


def test_rerunning_the_spark_ingest_changes_nothing(on_spark: Run, clean_graph: Driver) -> None:
    before = dump(clean_graph)
    again = policygraph("ingest", "corpus/", *SPARK)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert "documents unchanged 8" in flat(again.stdout)
    assert "documents new 0" in flat(again.stdout)
    assert differences(before, dump(clean_graph)) == []


def test_a_document_that_fails_is_named_and_the_others_land(clean_graph: Driver, tmp_path: Path) -> None:
    """A table input (JSONL with source and text): the unparseable row fails alone, by name."""
    clear_graph(clean_graph)
    table = tmp_path / "articles.jsonl"
    rows = [{"source": f"table/{p.name}", "text": p.read_text(encoding="utf-8"), "published": "2026-03-02"}
            for p in sorted((ROOT / "corpus").glob("0[12]-*.txt"))]
    rows.append({"source": "table/noise.txt", "text": "!" * 5000})
    table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    done = policygraph("ingest", str(table), *SPARK)
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
    assert "failed: table/noise.txt" in flat(done.stderr)
    out = flat(done.stdout)
    assert "documents new 2" in out and "documents failed 1" in out
    assert rows_of(clean_graph, "document_sources") == [{"source": r["source"]} for r in rows[:2]]
