"""The HTTP side of the query bench through `wrk` (Debian's package), when it is on PATH.

wrk is C with LuaJIT, so at 32 clients it leaves the CPU to the API and Neo4j, where the Python load
generator (`bench.loadgen`) burns about as much per request as the server. Without wrk (CI) the query
bench falls back to `bench.loadgen`. `bench/wrk/paths.lua` cycles through the paths and prints one JSON line.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("wrk") / "paths.lua"


def available() -> bool:
    return shutil.which("wrk") is not None


def version() -> str:
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    return (out.stdout or out.stderr).split("\n")[0].split(" [")[0].strip() or "wrk"


def threads(concurrency: int) -> int:
    """wrk threads for `concurrency` connections: 2 (the box has 2 cores), 1 for a single client."""
    return 1 if concurrency < 2 else 2


def run(base_url: str, paths: list[str], concurrency: int, seconds: float) -> dict[str, Any]:
    """Closed loop: `concurrency` connections for `seconds`, over 1 thread (1 client) or 2 (the box has 2
    cores). Latency percentiles come from wrk's histogram (µs resolution), in ms like bench.loadgen."""
    threads_ = threads(concurrency)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(paths) + "\n")
    try:
        cmd = ["wrk", "-t", str(threads_), "-c", str(concurrency), "-d", f"{max(1, math.ceil(seconds))}s",
               "--timeout", "60s", "-s", str(SCRIPT), base_url, "--", f.name, str(threads_)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=seconds + 120,
                             env=dict(os.environ))
    finally:
        os.unlink(f.name)
    line = next(ln for ln in reversed(out.stdout.splitlines()) if ln.startswith("{"))
    return dict(json.loads(line))
