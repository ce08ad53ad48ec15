"""Memory: peak RSS of `policygraph ingest` on corpora of 1×, 4× and 16× a base size. Goal: flat.

Each ingest runs under a fresh wrapper process whose `RUSAGE_CHILDREN` then holds exactly that ingest's
peak resident set (ru_maxrss, KiB on Linux), into a wiped database each time.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import write_corpus
from bench.graphdb import BenchGraph
from bench.report import Ratio, Result, Table

GOAL = 1.25  # peak at 16x over peak at 1x: "flat" allows 25 % for allocator noise
ROOT = Path(__file__).resolve().parents[1]
_WRAPPER = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
    "print('PEAK_KIB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, flush=True); "
    "sys.exit(r.returncode)"
)


def peak_rss(cmd: list[str], timeout: float) -> tuple[int, float, str]:
    """(peak KiB, seconds, output) of `cmd` run to completion in a fresh wrapper process."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], cwd=ROOT, capture_output=True, text=True,
                         timeout=timeout, check=False)
    seconds = time.perf_counter() - started
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({out.returncode}):\n{(out.stdout + out.stderr)[-3000:]}")
    m = re.search(r"PEAK_KIB (\d+)", out.stdout)
    if m is None:
        raise RuntimeError("the wrapper printed no peak")
    return int(m.group(1)), seconds, out.stdout


def run(g: BenchGraph, *, base: int, factors: tuple[int, ...] = (1, 4, 16), seed: int = 7,
        say: Callable[[str], None] = print) -> Result:
    result = Result("memory", "Memory: peak RSS of `policygraph ingest`")
    began = time.perf_counter()
    table = Table(f"base {base} documents; each run into an emptied database",
                  ["corpus", "documents", "MB of text", "peak RSS MB", "vs 1×", "seconds", "docs/s"])
    cli = str(Path(sys.executable).with_name("policygraph"))
    peaks: list[int] = []
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        for f in factors:
            n = base * f
            folder = Path(tmp) / f"x{f}"
            paths = write_corpus(folder, n, seed)
            mb = sum(p.stat().st_size for p in paths) / 1e6
            g.reset()
            say(f"  policygraph ingest on {n} documents ({mb:.1f} MB)")
            kib, seconds, out = peak_rss([cli, "ingest", str(folder)], timeout=600 + 5 * n)
            if not re.search(rf"documents new\D+{n}\b", out):
                say(f"  warning: ingest output did not report {n} new documents")
            peaks.append(kib)
            table.add(f"{f}×", n, mb, kib / 1024, kib / peaks[0], seconds, n / seconds)
    result.tables.append(table)
    result.ratios.append(Ratio("memory.peak_16x_over_1x", peaks[-1] / peaks[0], GOAL, "<=",
                               f"peak RSS at {factors[-1]}× over 1× the corpus"))
    result.notes.append("ru_maxrss of the ingest process tree as waited for by a fresh wrapper (1 worker)")
    result.seconds = time.perf_counter() - began
    return result
