"""Query latency: the HTTP API (uvicorn, own process) vs the same Cypher through the bare driver.

The graph comes from the generator's ground-truth extractions through `bench.bulk` (no spaCy: the fast
path), and is kept between runs on the dedicated server (marker file in its home). The statements the
driver side replays are recorded from `GraphRepository` itself, so both sides run exactly the same
`queries/read/*.cypher` with the same parameters. Both load generators are separate processes, closed
loop, loopback only: `wrk` (bench.wrk) for HTTP when installed, else `bench.loadgen`; the driver side is
always `bench.loadgen`.

Who-said-what asks for speakers drawn from a seeded Zipf distribution over the speakers ranked by quote
count (the most quoted are the most asked about), as a stream longer than a cell can use. It runs twice
through the API: with the response cache (the default config; a fresh API process per cell, so every cell
starts cold) and with `POLICYGRAPH_CACHE_ENTRIES=0`. The other workloads run with the cache off, so their
rows still measure the queries.
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
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from neo4j import ManagedTransaction

from bench import wrk
from bench.bulk import LoadStats, bench_query, bulk_load
from bench.corpus import extractions
from bench.graphdb import BenchGraph
from bench.report import Ratio, Result, Table
from graph.errors import PolicygraphError
from graph.repository import GraphRepository

GOAL_P99_MS = 20.0
WHO = "who-said-what"
ZIPF_S = 1.0
STREAM_PER_SECOND = 4000  # who-said-what paths per second of a cell: more than the API serves, so few repeat
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


def zipf_stream(ranked: list[str], n: int, rng: random.Random, s: float = ZIPF_S) -> list[str]:
    """`n` draws from `ranked` with P(rank k) ∝ 1 / k^s (k = 1 is the first)."""
    cum, total = [], 0.0
    for k in range(1, len(ranked) + 1):
        total += 1 / k**s
        cum.append(total)
    return rng.choices(ranked, cum_weights=cum, k=n)


def plan_requests(g: BenchGraph, per_workload: int, seed: int, *, stream: int = 0,
                  recorded: int = 0) -> tuple[dict[str, list[str]], dict[str, list[Statements]]]:
    """(HTTP paths, driver statements) per workload, for the same actors, recorded from the repository.

    Who-said-what gets a Zipf stream of max(`stream`, `per_workload`) paths; the driver side replays its
    first max(`recorded`, `per_workload`) (all a driver cell can reach), recorded once per speaker.
    """
    rng = random.Random(seed)
    speakers, orgs = _keys(g, "speakers"), _keys(g, "organisations")
    if len(speakers) < 2 or not orgs:
        raise RuntimeError("the bench graph has too few speakers to query")

    def pick(pool: list[str], n: int) -> list[str]:
        return [rng.choice(pool) for _ in range(n)]

    asked = zipf_stream(_keys(g, "speakers_by_quotes"), max(stream, per_workload), rng)

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

    seen: dict[str, Statements | None] = {}
    for i, key in enumerate(asked):
        path = f"/quotes?speaker={quote(key)}"
        if i >= max(recorded, per_workload):
            http.setdefault(WHO, []).append(path)  # beyond what the driver side replays: HTTP only
            continue
        if key not in seen:
            seen[key] = repo.record(partial(repo.quotes, speaker=key, limit=51))
        if seen[key] is not None:
            http.setdefault(WHO, []).append(path)
            bolt.setdefault(WHO, []).append(seen[key])  # type: ignore[arg-type]
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


def start_api(port: int, *, cache_entries: int | None = None, workers: int = 1) -> subprocess.Popen[bytes]:
    """`uvicorn --factory api.main:create_app` on loopback, no access log; `cache_entries` overrides the
    setting (0: cache off)."""
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "api.main:create_app", "--host", "127.0.0.1",
           "--port", str(port), "--log-level", "warning", "--no-access-log", "--workers", str(workers)]
    env = dict(os.environ)
    if cache_entries is not None:
        env["POLICYGRAPH_CACHE_ENTRIES"] = str(cache_entries)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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


class HttpCells:
    """One (workload, clients) cell at a time through wrk when installed, else through bench.loadgen."""

    def __init__(self, common: dict[str, Any]) -> None:
        self.common = common
        self.generator = f"wrk ({wrk.version()})" if wrk.available() else "bench.loadgen (httpx, asyncio)"

    def run(self, base_url: str, workload: str, paths: list[str], clients: int) -> dict[str, Any]:
        if not wrk.available():
            plan = {**self.common, "concurrency": [clients], "mode": "http", "base_url": base_url,
                    "workloads": {workload: paths}}
            return _loadgen(plan, self.common["max_seconds"] + 180)[0]
        with httpx.Client(base_url=base_url, timeout=60.0) as client:  # warm-up, as bench.loadgen does
            for path in paths[:self.common["warmup"]]:
                client.get(path)
        return wrk.run(base_url, paths, clients, self.common["max_seconds"])

    def rest(self, paths: list[str], done: dict[str, Any], clients: int) -> list[str]:
        """`paths` rotated past the requests a cell made (wrk: each thread walked its own share)."""
        made = done["requests"] + self.common["warmup"]
        if wrk.available():
            made = done["requests"] // wrk.threads(clients)
        made %= max(1, len(paths))
        return paths[made:] + paths[:made]


def prefill(base_url: str, paths: list[str], clients: int = 4) -> None:
    """Ask each distinct path once, so the API's cache holds them all (no commit since: steady state)."""
    distinct = list(dict.fromkeys(paths))
    with httpx.Client(base_url=base_url, timeout=60.0) as client, ThreadPoolExecutor(clients) as pool:
        list(pool.map(client.get, distinct))


def _answered(cell: dict[str, Any]) -> dict[str, Any]:
    """A cell in which no request finished (each took longer than the cell) shows "-", not 0 ms."""
    if cell["requests"]:
        return cell
    return {**cell, **{k: None for k in ("p50_ms", "p95_ms", "p99_ms", "max_ms")}}


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a / max(b, 1e-9)


def run(g: BenchGraph, *, docs: int, concurrency: tuple[int, ...] = (1, 8, 32), requests: int = 1500,
        max_seconds: float = 12.0, per_workload: int = 100, seed: int = 7, api_workers: int | None = None,
        say: Callable[[str], None] = print) -> Result:
    """`api_workers`: uvicorn workers (default: POLICYGRAPH_BENCH_API_WORKERS, else 1)."""
    api_workers = api_workers or int(os.environ.get("POLICYGRAPH_BENCH_API_WORKERS", "1"))
    result = Result("query", "Query latency: HTTP API vs the same Cypher through the bare driver")
    began = time.perf_counter()
    stats, reused = ensure_graph(g, docs, seed, say)
    nodes, rels = g.counts()
    stream = int(STREAM_PER_SECOND * max_seconds)
    say(f"  graph: {nodes:,} nodes, {rels:,} relationships; recording {per_workload} requests per workload, "
        f"who-said-what: a Zipf stream of {stream:,} paths, the first {requests:,} recorded")
    http_paths, statements = plan_requests(g, per_workload, seed, stream=stream, recorded=requests)
    common = {"concurrency": list(concurrency), "requests": requests, "max_seconds": max_seconds,
              "warmup": min(10, per_workload)}
    cells = HttpCells(common)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    via_http: dict[tuple[str, int], dict[str, Any]] = {}
    say(f"  HTTP load generator: {cells.generator}; API on {base}, {api_workers} worker(s)")
    for c in concurrency:  # cache on (the default), a fresh process per clients count: it starts cold
        api = start_api(port, workers=api_workers)
        try:
            cold = via_http[(WHO, c)] = cells.run(base, WHO, http_paths[WHO], c)
            # the same process goes on where the stream stopped: the cache as a running server has it
            via_http[(f"{WHO} warm", c)] = cells.run(base, WHO, cells.rest(http_paths[WHO], cold, c), c)
        finally:
            stop_api(api)
    api = start_api(port, workers=api_workers)  # steady state: every speaker of the stream asked once
    try:
        prefill(base, http_paths[WHO])
        for c in concurrency:
            via_http[(f"{WHO} hot", c)] = cells.run(base, WHO, http_paths[WHO], c)
    finally:
        stop_api(api)
    api = start_api(port, cache_entries=0, workers=api_workers)
    try:
        for workload, paths in http_paths.items():
            for c in concurrency:
                name = f"{WHO} uncached" if workload == WHO else workload
                via_http[(name, c)] = cells.run(base, workload, paths, c)
    finally:
        stop_api(api)
    say("  bare-driver load generator (neo4j sync driver, one thread per client) ...")
    s = g.settings
    timeout = len(statements) * len(concurrency) * (max_seconds + 60) + 60
    via_bolt = _loadgen({**common, "mode": "bolt", "uri": s.neo4j_uri, "user": s.neo4j_user,
                         "password": s.neo4j_password.get_secret_value(), "database": s.neo4j_database,
                         "workloads": statements}, timeout)
    bolt_by = {(r["workload"], r["concurrency"]): r for r in via_bolt}
    title = f"graph of {stats.facts:,} facts ({rels:,} relationships, {nodes:,} nodes); ms; closed loop"
    table = Table(title,
                  ["workload", "clients", "API p50", "API p95", "API p99", "API req/s", "cache hits",
                   "driver p50", "driver p95", "driver p99", "driver req/s", "overhead p50", "overhead p99",
                   "errors"])
    names = list(dict.fromkeys(name for name, _ in via_http))  # cold, warm, hot, uncached, the others
    for name, c in ((n, c) for n in names for c in concurrency):
        r = _answered(via_http[(name, c)])
        b = _answered(bolt_by[(WHO if name.startswith(WHO) else name, c)])
        answered = r.get("hits", 0) + r.get("misses", 0)
        hit_rate = r["hits"] / answered if answered else None
        table.add(name, c, r["p50_ms"], r["p95_ms"], r["p99_ms"], r["rps"],
                  f"{hit_rate:.0%}" if hit_rate is not None else "off",
                  b["p50_ms"], b["p95_ms"], b["p99_ms"], b["rps"], _ratio(r["p50_ms"], b["p50_ms"]),
                  _ratio(r["p99_ms"], b["p99_ms"]), r["errors"] + b["errors"])
    result.tables.append(table)
    top = max(concurrency)
    quotes_top = via_http[(WHO, top)]
    uncached_top = via_http[(f"{WHO} uncached", top)]
    # no request finished in the cell: each took longer than the cell, a lower bound on the p99
    p99_top = quotes_top["p99_ms"] if quotes_top["requests"] else max_seconds * 1000
    result.ratios.append(Ratio(f"query.who_said_what_p99_ms_at_{top}", p99_top, GOAL_P99_MS,
                               "<=", f"who-said-what p99 (ms) through the API at {top} clients"))
    load_note = "reused from an earlier run" if reused else f"loaded in {stats.seconds:.0f} s"
    bare_top = bolt_by[(WHO, top)]
    needed = top / (GOAL_P99_MS / 1000)
    distinct = len(set(http_paths[WHO]))
    result.notes += [
        f"graph: {stats.docs:,} generated documents, {stats.facts:,} facts (ground-truth extractions, "
        f"no spaCy) through GraphWriter.load_many, as ingest writes ({load_note})",
        f"who-said-what: speakers drawn from a seeded Zipf distribution (s = {ZIPF_S:g}) over the speakers "
        f"ranked by quote count, a stream of {len(http_paths[WHO]):,} requests ({distinct:,} distinct "
        f"speakers), walked in order by the clients (wrk: from one offset per thread); the driver replays "
        f"its first {len(statements[WHO]):,} requests",
        "`who-said-what`: the default config (response cache on, exact invalidation) in a fresh API "
        "process, so the cell starts with an empty cache (as after a commit); `who-said-what warm`: the "
        "same process right after, going on along the stream; `who-said-what hot`: an API process that has "
        "answered every speaker of the stream once (no commit since: the steady state); `cache hits` is the "
        "share of answers served from the cache. `who-said-what uncached` and the other workloads: "
        "POLICYGRAPH_CACHE_ENTRIES=0",
        f"closed loop: at {top} clients, latency ≈ clients / throughput (Little's law); uncached "
        f"who-said-what served {uncached_top['rps']:.0f} req/s, so p50 ≈ "
        f"{top / max(uncached_top['rps'], 1e-9) * 1000:.0f} ms; p99 ≤ {GOAL_P99_MS:.0f} ms at {top} clients "
        f"needs ≥ {needed:,.0f} req/s, and the bare driver alone got {bare_top['rps']:.0f} req/s",
        f"HTTP load generator: {cells.generator}; API: uvicorn --factory api.main:create_app, "
        f"{api_workers} worker(s), no access log; driver: neo4j sync driver, one thread per client, the "
        "statements and parameters recorded from GraphRepository, one READ transaction each",
        f"bounded: {max_seconds:.0f} s per cell (bench.loadgen: also at most {requests} requests), after "
        f"{common['warmup']} warm-up requests; \"-\": no request finished within the cell",
    ]
    result.seconds = time.perf_counter() - began
    return result
