"""Load generator, run as its own process: closed-loop clients against the API or the bare driver.

    python -m bench.loadgen PLAN.json          # prints one JSON line of results per (workload, concurrency)

PLAN.json: {"mode": "http" | "bolt", "base_url", "concurrency": [1, 8, 32], "requests", "max_seconds",
"warmup", "workloads": {name: [request, ...]}}. An http request is a path ("/quotes?speaker=..."); a
bolt request is the list of [cypher, params] statements the repository runs for that call, each in its
own READ transaction, through the sync driver from one thread per client, as the repository does.
Latency is measured per request, in milliseconds; http results also count `X-Cache` hits and misses.
`bench.wrk` replaces the http mode when wrk is installed.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

Request = Any
CACHE: Counter[str] = Counter()  # X-Cache answers (hit / miss) of the current cell


def percentile(sorted_ms: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_ms:
        return 0.0
    k = max(0, min(len(sorted_ms) - 1, round(p / 100 * len(sorted_ms) + 0.5) - 1))
    return sorted_ms[k]


async def _drive(call: Callable[[Request], Awaitable[bool]], requests: list[Request], concurrency: int,
                 total: int, max_seconds: float, warmup: int) -> dict[str, float]:
    for r in requests[:warmup]:
        await call(r)
    CACHE.clear()
    latencies: list[float] = []
    errors = 0
    counter = 0
    deadline = time.perf_counter() + max_seconds

    async def client() -> None:
        nonlocal counter, errors
        while counter < total and time.perf_counter() < deadline:
            r = requests[counter % len(requests)]
            counter += 1
            started = time.perf_counter()
            ok = await call(r)
            latencies.append((time.perf_counter() - started) * 1000)
            errors += 0 if ok else 1

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    seconds = time.perf_counter() - began
    ms = sorted(latencies)
    rps = len(ms) / seconds if seconds else 0.0
    return {"requests": len(ms), "errors": errors, "seconds": seconds, "rps": rps,
            "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95), "p99_ms": percentile(ms, 99),
            "max_ms": ms[-1] if ms else 0.0, "hits": CACHE["hit"], "misses": CACHE["miss"]}


async def _http(plan: dict[str, Any]) -> None:
    import httpx

    most = max(plan["concurrency"])
    limits = httpx.Limits(max_connections=most, max_keepalive_connections=most)
    async with httpx.AsyncClient(base_url=plan["base_url"], limits=limits, timeout=60.0) as client:

        async def call(path: str) -> bool:
            resp = await client.get(path)
            await resp.aread()
            CACHE[resp.headers.get("x-cache", "")] += 1
            return resp.status_code == 200

        await _all(plan, call)


def _bolt(plan: dict[str, Any]) -> None:
    """The sync driver from `concurrency` threads, as the API's repository uses it (async is slower)."""
    from neo4j import READ_ACCESS, GraphDatabase, ManagedTransaction

    def statement(tx: ManagedTransaction, query: str, params: dict[str, Any]) -> int:
        return len([r.data() for r in tx.run(query, params)])

    most = max(plan["concurrency"])
    with GraphDatabase.driver(plan["uri"], auth=(plan["user"], plan["password"]),
                              max_connection_pool_size=max(64, most)) as driver:

        def call(stmts: list[list[Any]]) -> bool:
            for query, params in stmts:  # one READ transaction per statement, as GraphRepository._read does
                with driver.session(database=plan["database"], default_access_mode=READ_ACCESS,
                                    notifications_min_severity="OFF") as s:
                    s.execute_read(statement, query, params)
            return True

        with ThreadPoolExecutor(max_workers=most) as pool:
            loop = asyncio.new_event_loop()
            loop.set_default_executor(pool)

            async def acall(stmts: list[list[Any]]) -> bool:
                return await loop.run_in_executor(pool, call, stmts)

            try:
                loop.run_until_complete(_all(plan, acall))
            finally:
                loop.close()


async def _all(plan: dict[str, Any], call: Callable[[Request], Awaitable[bool]]) -> None:
    for name, requests in plan["workloads"].items():
        for c in plan["concurrency"]:
            total = max(plan["requests"], 4 * c)
            stats = await _drive(call, requests, c, total, plan["max_seconds"], plan["warmup"])
            print(json.dumps({"workload": name, "concurrency": c, **stats}), flush=True)


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        plan = json.load(f)
    if plan["mode"] == "http":
        asyncio.run(_http(plan))
    else:
        _bolt(plan)


if __name__ == "__main__":
    main()
