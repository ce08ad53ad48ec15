"""Query latency: the HTTP API (uvicorn, own process) vs the same Cypher through the bare driver.

The graph comes from the generator's ground-truth extractions through `bench.bulk` (no spaCy: the fast
path), and is kept between runs on the dedicated server (marker file in its home). The statements the
driver side replays are recorded from `GraphRepository` itself, so both sides run exactly the same
`queries/read/*.cypher` with the same parameters. Both load generators are separate processes
(`bench.loadgen`), closed-loop, loopback only, bounded by request count and time.
"""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from neo4j import ManagedTransaction

from bench.bulk import LoadStats, bench_query, bulk_load
from bench.corpus import extractions
from bench.graphdb import BenchGraph
from bench.report import Ratio, Result, Table
from graph.errors import PolicygraphError
from graph.repository import GraphRepository

GOAL_P99_MS = 20.0
ROOT = Path(__file__).resolve().parents[1]
Statements = list[list[Any]]


class _RecordingTx:
    def __init__(self, tx: ManagedTransaction, log: Statements) -> None:
        self._tx, self._log = tx, log

    def run(self, query: str, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        self._log.append([query, {**(parameters or {}), **kwargs}])
        return self._tx.run(query, parameters, **kwargs)


class RecordingRepository(GraphRepository):
    """The API's repository, noting every statement and its parameters as it runs them."""

    log: Statements

    def _in_read_tx(self, work: Callable[[ManagedTransaction], Any], timeout: float) -> Any:
        return super()._in_read_tx(lambda tx: work(_RecordingTx(tx, self.log)), timeout)  # type: ignore[arg-type]

    def record(self, call: Callable[[], object]) -> Statements | None:
        """The statements `call` ran, or None when it failed (timeout on a loaded box, say)."""
        self.log = []
        try:
            call()
        except PolicygraphError:
            return None
        return self.log


def ensure_graph(g: BenchGraph, docs: int, seed: int, say: Callable[[str], None]) -> tuple[LoadStats, bool]:
    """The generator's graph of `docs` documents: reused if the dedicated server already holds it."""
    marker = g.settings.neo4j_home.resolve() / "bench-graph.json"
    if g.dedicated and marker.is_file():
        saved = json.loads(marker.read_text())
        if saved.get("seed") == seed and saved.get("docs") == docs and \
                g.counts()[1] == saved.get("relationships"):
            say(f"  reusing the graph of {docs:,} documents already loaded ({saved['facts']:,} facts)")
            return LoadStats(docs, saved["facts"], saved["relationships"], saved["seconds"]), True
    marker.unlink(missing_ok=True)
    g.reset()
    step = max(1, docs // 10)

    def progress(s: LoadStats) -> None:
        if s.docs % step < 250:
            say(f"  loaded {s.docs:,} documents, {s.facts:,} facts, {s.relationships:,} relationships "
                f"in {s.seconds:.0f} s")

    stats = bulk_load(g, extractions(docs, seed), progress=progress)
    if g.dedicated:  # the count in the graph: MERGE folds rows that repeat a fact
        marker.write_text(json.dumps({"seed": seed, "docs": docs, "facts": stats.facts,
                                      "relationships": g.counts()[1], "seconds": stats.seconds}))
    return stats, False


def _keys(g: BenchGraph, name: str) -> list[str]:
    with g.driver.session(database=g.database) as session:
        return [r["key"] for r in session.run(bench_query(name))]


def plan_requests(g: BenchGraph, per_workload: int,
                  seed: int) -> tuple[dict[str, list[str]], dict[str, list[Statements]]]:
    """(HTTP paths, driver statements) per workload, for the same actors, recorded from the repository."""
    rng = random.Random(seed)
    speakers, orgs = _keys(g, "speakers"), _keys(g, "organisations")
    if len(speakers) < 2 or not orgs:
        raise RuntimeError("the bench graph has too few speakers to query")

    def pick(pool: list[str], n: int) -> list[str]:
        return [rng.choice(pool) for _ in range(n)]

    n = per_workload
    pairs = [tuple(rng.sample(speakers, 2)) for _ in range(n)]
    profiles = pick(speakers, n - n // 4) + pick(orgs, n // 4)
    repo = RecordingRepository(g.driver, g.settings)
    http: dict[str, list[str]] = {}
    bolt: dict[str, list[Statements]] = {}

    def add(workload: str, path: str, call: Callable[[], object]) -> None:
        stmts = repo.record(call)
        if stmts is not None:  # a request that failed while recording is left out of both sides
            http.setdefault(workload, []).append(path)
            bolt.setdefault(workload, []).append(stmts)

    for key in pick(speakers, n):
        add("who-said-what", f"/quotes?speaker={quote(key)}", partial(repo.quotes, speaker=key, limit=51))
    for key in profiles:
        add("actor profile", f"/actors/{quote(key)}", partial(repo.actor_profile, key))
    for key in pick(speakers, n):
        add("network depth 2", f"/actors/{quote(key)}/network?depth=2", partial(repo.network, key, 2, 100))
    for a, b in pairs:
        add("path between two actors", f"/paths?from={quote(a)}&to={quote(b)}",
            partial(repo.paths, a, b, 4, 10))
    return http, bolt


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _loadgen(plan: dict[str, Any], timeout: float) -> list[dict[str, Any]]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(plan, f)
    try:
        out = subprocess.run([sys.executable, "-m", "bench.loadgen", f.name], cwd=ROOT, capture_output=True,
                             text=True, timeout=timeout, check=True)
    finally:
        os.unlink(f.name)
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def start_api(port: int) -> subprocess.Popen[bytes]:
    """`uvicorn --factory api.main:create_app` on loopback, one worker, no access log."""
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "api.main:create_app", "--host", "127.0.0.1",
           "--port", str(port), "--log-level", "warning", "--no-access-log"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode()[-2000:] if proc.stderr else ""
            raise RuntimeError(f"the API exited: {err}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1.0).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    stop_api(proc)
    raise RuntimeError("the API did not answer /health within 90 s")


def stop_api(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


def run(g: BenchGraph, *, docs: int, concurrency: tuple[int, ...] = (1, 8, 32), requests: int = 1500,
        max_seconds: float = 12.0, per_workload: int = 100, seed: int = 7,
        say: Callable[[str], None] = print) -> Result:
    result = Result("query", "Query latency: HTTP API vs the same Cypher through the bare driver")
    began = time.perf_counter()
    stats, reused = ensure_graph(g, docs, seed, say)
    nodes, rels = g.counts()
    say(f"  graph: {nodes:,} nodes, {rels:,} relationships; recording {per_workload} requests per workload")
    http_paths, statements = plan_requests(g, per_workload, seed)
    common = {"concurrency": list(concurrency), "requests": requests, "max_seconds": max_seconds,
              "warmup": min(10, per_workload)}
    timeout = len(http_paths) * len(concurrency) * (max_seconds + 60) + 60
    port = _free_port()
    say(f"  starting the API on 127.0.0.1:{port}")
    api = start_api(port)
    try:
        say("  HTTP load generator (httpx, asyncio) ...")
        via_http = _loadgen({**common, "mode": "http", "base_url": f"http://127.0.0.1:{port}",
                             "workloads": http_paths}, timeout)
    finally:
        stop_api(api)
    say("  bare-driver load generator (neo4j sync driver, one thread per client) ...")
    s = g.settings
    via_bolt = _loadgen({**common, "mode": "bolt", "uri": s.neo4j_uri, "user": s.neo4j_user,
                         "password": s.neo4j_password.get_secret_value(), "database": s.neo4j_database,
                         "workloads": statements}, timeout)
    bolt_by = {(r["workload"], r["concurrency"]): r for r in via_bolt}
    title = f"graph of {stats.facts:,} facts ({rels:,} relationships, {nodes:,} nodes); ms; closed loop"
    table = Table(title,
                  ["workload", "clients", "API p50", "API p95", "API p99", "API req/s", "driver p50",
                   "driver p95", "driver p99", "driver req/s", "overhead p50", "overhead p99", "errors"])
    for r in via_http:
        b = bolt_by[(r["workload"], r["concurrency"])]
        table.add(r["workload"], r["concurrency"], r["p50_ms"], r["p95_ms"], r["p99_ms"], r["rps"],
                  b["p50_ms"], b["p95_ms"], b["p99_ms"], b["rps"], r["p50_ms"] / max(b["p50_ms"], 1e-9),
                  r["p99_ms"] / max(b["p99_ms"], 1e-9), r["errors"] + b["errors"])
    result.tables.append(table)
    top = max(concurrency)
    quotes_top = next(r for r in via_http if r["workload"] == "who-said-what" and r["concurrency"] == top)
    result.ratios.append(Ratio(f"query.who_said_what_p99_ms_at_{top}", quotes_top["p99_ms"], GOAL_P99_MS,
                               "<=", f"who-said-what p99 (ms) through the API at {top} clients"))
    load_note = "reused from an earlier run" if reused else f"loaded in {stats.seconds:.0f} s"
    bare_top = bolt_by[("who-said-what", top)]
    needed = top / (GOAL_P99_MS / 1000)
    result.notes += [
        f"graph: {stats.docs:,} generated documents, {stats.facts:,} facts (ground-truth extractions, "
        f"no spaCy) through bench.bulk ({load_note})",
        f"closed loop: at {top} clients, latency ≈ clients / throughput (Little's law); who-said-what served "
        f"{quotes_top['rps']:.0f} req/s, so p50 ≈ {top / max(quotes_top['rps'], 1e-9) * 1000:.0f} ms; "
        f"p99 ≤ {GOAL_P99_MS:.0f} ms at {top} clients needs ≥ {needed:,.0f} req/s, and the bare driver alone "
        f"got {bare_top['rps']:.0f} req/s from this database on this machine",
        "API: uvicorn --factory api.main:create_app, 1 worker, no access log; driver: neo4j sync driver, "
        "one thread per client, the statements and parameters recorded from GraphRepository, one READ "
        "transaction each",
        f"bounded: at most {requests} requests or {max_seconds:.0f} s per cell, after {common['warmup']} "
        "warm-up requests",
    ]
    result.seconds = time.perf_counter() - began
    return result
