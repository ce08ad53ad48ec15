"""`python -m bench all --smoke` still runs end to end and prints real numbers for every benchmark.

Runs against the run's Neo4j (POLICYGRAPH_* settings, `--external --wipe`): it empties that database,
as the `clean_graph` fixture does. Benchmarks are not part of the test run otherwise.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import Driver

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
RATIO = re.compile(r"^ratio (?P<bench>\w+)\.(?P<name>\S+) = (?P<value>[\d,.]+) \(goal (?:>=|<=) [\d,.]+\) "
                   r"(?:met|MISSED)", re.M)


@pytest.fixture(scope="module")
def smoke_output(neo4j_driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp("bench") / "RESULTS.md"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "all", "--smoke", "--external", "--wipe", "--out", str(out)],
        cwd=ROOT, env=dict(os.environ), capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    return proc.stdout, out


@pytest.mark.parametrize("bench", ["extract", "spark", "load", "query", "memory"])
def test_every_benchmark_prints_positive_ratios(smoke_output: tuple[str, Path], bench: str) -> None:
    stdout, _ = smoke_output
    values = [float(m["value"].replace(",", "")) for m in RATIO.finditer(stdout) if m["bench"] == bench]
    assert values, f"no ratio line for {bench}:\n{stdout[-3000:]}"
    assert all(v > 0 for v in values), values


def test_tables_have_numbers(smoke_output: tuple[str, Path]) -> None:
    stdout, _ = smoke_output
    for title in ("Extraction vs the parse floor", "Extraction: Spark local[1] / local[2]",
                  "Load: batched GraphWriter", "Query latency", "Memory: peak RSS"):
        assert f"== {title}" in stdout
    rows = re.findall(r"^who-said-what\s+(\d+)\s+([\d,.]+)", stdout, re.M)
    assert {c for c, _ in rows} == {"1", "8", "32"}
    assert all(float(p50.replace(",", "")) > 0 for _, p50 in rows)
    loaders = (r"GraphWriter\.write_many \(\d+ documents per tx\)",
               r"GraphWriter\.write \(1 tx per document\)")
    for loader in loaders:
        writer = re.search(rf"^{loader}\s+(\d+)\s+([\d,]+)\s+([\d,]+)", stdout, re.M)
        assert writer and int(writer[3].replace(",", "")) > 0, loader


def test_markdown_summary_lists_each_ratio(smoke_output: tuple[str, Path]) -> None:
    _, out = smoke_output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## Performance")
    for bench in ("extract", "spark", "load", "query", "memory"):
        assert re.search(rf"^\| {bench} \| .+ \| [\d,.]+ \| (>=|<=) [\d,.]+ \|", text, re.M), bench
