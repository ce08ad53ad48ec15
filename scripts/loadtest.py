#!/usr/bin/env python
"""Load test (issue 8): 32 concurrent clients for 60 s against the API, from another process, on loopback.

    .venv/bin/python scripts/loadtest.py                      # starts `policygraph serve` on a free port
    .venv/bin/python scripts/loadtest.py --url http://127.0.0.1:8000   # an API that is already running

The API talks to the Neo4j named by POLICYGRAPH_* (the development server by default) and needs a graph
with actors in it (`make demo`). Every client sends one request at a time from a fixed mix of reads;
anything but 200 (or a transport error) counts as an error. Exit code 1 when there were errors.
Not part of CI: it takes a minute and wants a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.settings import get_settings  # noqa: E402


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    by_route: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, route: str, status: str, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.by_route.setdefault(route, []).append(seconds)
            self.statuses[status] += 1
            if status != "200" and len(self.errors) < 20:
                self.errors.append(f"{route} -> {status}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_api(port: int, workers: int) -> subprocess.Popen[bytes]:
    """`policygraph serve` on loopback in its own process; waits until /health answers."""
    command = [sys.executable, "-m", "policygraph.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers)]
    proc = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "POLICYGRAPH_API_TOKEN": ""},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the API did not start within 60 s")


def discover(base: str) -> tuple[list[str], list[str]]:
    """Actor keys and names to ask about, read through the API itself."""
    r = httpx.post(f"{base}/cypher", json={"query": "MATCH (a:Actor) WHERE COUNT { (a)--() } > 1 "
                                           "RETURN a.key AS key, a.name AS name LIMIT 40"}, timeout=30)
    r.raise_for_status()
    rows = r.json()["rows"]
    if len(rows) < 2:
        raise SystemExit("the graph has fewer than two connected actors: load a corpus first (make demo)")
    return [row["key"] for row in rows], [row["name"] for row in rows]


def requests_mix(keys: list[str], names: list[str], rng: random.Random) -> tuple[str, str, dict[str, object]]:
    key, other, name = rng.choice(keys), rng.choice(keys), rng.choice(names)
    choices: list[tuple[str, str, dict[str, object]]] = [
        ("GET", "/quotes", {"params": {"speaker": key, "limit": 20}}),
        ("GET", "/actors", {"params": {"q": name.split()[0]}}),
        ("GET", f"/actors/{key}", {}),
        ("GET", f"/actors/{key}/network", {"params": {"depth": 2, "limit": 50}}),
        ("GET", "/funding", {"params": {"limit": 20}}),
        ("POST", "/cypher", {"json": {"query": "MATCH (a:Actor {key: $k})--(b) RETURN b.name AS n LIMIT 10",
                                      "params": {"k": key}}}),
        ("GET", "/health", {}),
    ]
    if key != other:
        choices.append(("GET", "/paths", {"params": {"from": key, "to": other, "max_hops": 3}}))
    return rng.choice(choices)


def client(base: str, until: float, keys: list[str], names: list[str], seed: int, tally: Tally) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as http:
        while time.monotonic() < until:
            method, path, kwargs = requests_mix(keys, names, rng)
            route = "/actors/{key}" + ("/network" if path.endswith("/network") else "") \
                if path.startswith("/actors/") else path
            started = time.monotonic()
            try:
                status = str(http.request(method, path, **kwargs).status_code)  # type: ignore[arg-type]
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            tally.add(f"{method} {route}", status, time.monotonic() - started)


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers, when the script starts it")
    parser.add_argument("--url", help="use an API that is already running (loopback only)")
    args = parser.parse_args()
    settings = get_settings()

    proc = None
    if args.url:
        host = httpx.URL(args.url).host
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("loopback only: --url must point at 127.0.0.1 or localhost")
        base = args.url.rstrip("/")
    else:
        port = free_port()
        proc = start_api(port, args.workers)
        base = f"http://127.0.0.1:{port}"
    try:
        keys, names = discover(base)
        tally = Tally()
        until = time.monotonic() + args.duration
        threads = [threading.Thread(target=client, args=(base, until, keys, names, i, tally))
                   for i in range(args.clients)]
        began = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - began
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)

    total = len(tally.latencies)
    errors = total - tally.statuses["200"]
    ms = sorted(x * 1000 for x in tally.latencies)
    print(f"API {base}  clients {args.clients}  duration {elapsed:.1f} s  uvicorn workers {args.workers}")
    print(f"Neo4j {settings.neo4j_uri}  pool size {settings.neo4j_pool_size} per process  "
          f"acquisition timeout {settings.neo4j_acquire_timeout_s:g} s  "
          f"connect timeout {settings.neo4j_connect_timeout_s:g} s")
    print(f"requests {total}  throughput {total / elapsed:.1f}/s  errors {errors}  "
          f"statuses {dict(tally.statuses)}")
    print(f"latency ms  p50 {percentile(ms, 50):.0f}  p95 {percentile(ms, 95):.0f}  "
          f"p99 {percentile(ms, 99):.0f}  max {ms[-1]:.0f}")
    for route, values in sorted(tally.by_route.items()):
        ordered = sorted(v * 1000 for v in values)
        print(f"  {route:<28} n {len(ordered):>6}  p50 {percentile(ordered, 50):>6.0f}  "
              f"p95 {percentile(ordered, 95):>6.0f}  max {ordered[-1]:>6.0f}")
    for line in tally.errors:
        print("  error:", line)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
