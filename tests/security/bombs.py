"""The bomb battery: user Cypher that burns CPU or memory, and how to see whether Neo4j is idle again.

Used by `test_bombs.py`, and runnable on its own to measure any API and its local Neo4j:

    .venv/bin/python tests/security/bombs.py --url http://127.0.0.1:8000 [--only NAME ...]

which prints, for each bomb, the status, the time to answer and the time until the server's process
is idle again (its CPU time read from /proc, so only for a server started by `policygraph neo4j`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# name: (query, params). Each class of runaway query the issue names, several ways each.
BOMBS: dict[str, tuple[str, dict[str, Any]]] = {
    # string and list growth inside one expression (Neo4j never checks for termination there)
    "string_growth_reduce": ("RETURN reduce(s = '', x IN range(1, 50000000) | s + 'aaaaaaaaaa') AS s", {}),
    "string_doubling": ("RETURN size(reduce(s = 'ab', x IN range(1, 40) | s + s)) AS n", {}),
    "list_growth_reduce": ("RETURN size(reduce(acc = [], x IN range(1, 50000000) | acc + [x])) AS n", {}),
    "list_doubling": ("RETURN size(reduce(l = [1], x IN range(1, 40) | l + l)) AS n", {}),
    "list_comprehension_huge": ("RETURN size([x IN range(1, 1000000000) | x * 2]) AS n", {}),
    "nested_comprehension": (
        "RETURN size([x IN range(1, 100000) | [y IN range(1, 100000) | x + y]]) AS n", {}),
    "quantifier_huge_range": ("RETURN any(x IN range(1, 2000000000) WHERE x < 0) AS found", {}),
    "range_from_parameter": ("UNWIND range(1, $n) AS x RETURN count(x) AS n", {"n": 10_000_000_000}),
    "huge_single_value": ("RETURN [x IN range(1, 30000000) | toString(x)] AS xs", {}),
    # row explosions
    "unwind_huge": ("UNWIND range(1, 1000000000) AS x RETURN count(x) AS n", {}),
    "nested_unwind": (
        "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b UNWIND range(1, 100000) AS c "
        "RETURN count(*) AS n", {}),
    "nested_unwind_max_ranges": (
        "UNWIND range(1, 1000000) AS a UNWIND range(1, 1000000) AS b RETURN count(*) AS n", {}),
    "cartesian_product": ("MATCH (a), (b), (c) WHERE elementId(a) < elementId(b) RETURN count(*) AS n", {}),
    "var_length_unbounded": ("MATCH p = (a)-[*]-(b) RETURN count(p) AS n", {}),
    "shortest_path_everything": (
        "MATCH (a), (b) WHERE a <> b MATCH p = shortestPath((a)-[*]-(b)) RETURN count(p) AS n", {}),
    "all_shortest_paths": (
        "MATCH (a:Actor), (b:Actor) WHERE a <> b MATCH p = allShortestPaths((a)-[*]-(b)) "
        "RETURN count(p) AS n", {}),
    "pattern_comprehension_paths": ("MATCH (a) RETURN a.key, size([(a)-[*]-(b) | b]) AS n", {}),
    # memory: sorts and collects
    "huge_order_by": (
        "UNWIND range(1, 300000000) AS x WITH x ORDER BY x DESC RETURN collect(x)[0] AS top", {}),
    "order_by_many_rows": (
        "UNWIND range(1, 1000000) AS a UNWIND range(1, 1000) AS b WITH a * b AS x ORDER BY x DESC "
        "RETURN collect(x)[0] AS top", {}),
    "collect_many_rows": (
        "UNWIND range(1, 1000000) AS a UNWIND range(1, 1000000) AS b RETURN size(collect(a + b)) AS n", {}),
    "order_by_cartesian": ("MATCH (a), (b) WITH a, b ORDER BY id(a) * rand() RETURN count(*) AS n", {}),
    "collect_all_pairs": ("MATCH (a), (b) RETURN size(collect([a, b])) AS n", {}),
    "collect_all_properties": (
        "MATCH (a), (b) RETURN size(collect({a: properties(a), b: properties(b)})) AS n", {}),
    "distinct_cartesian": ("MATCH (a), (b) RETURN count(DISTINCT [id(a), id(b)]) AS n", {}),
    # catastrophic regular expressions
    "regex_nested_quantifier": ("RETURN '" + "a" * 44 + "!' =~ '(a+)+$' AS m", {}),
    "regex_polynomial": ("RETURN '" + "a" * 100 + "' =~ '.*.*.*.*.*.*.*.*X' AS m", {}),
    "regex_on_graph": ("MATCH (q:Quote) WHERE q.text =~ '(?s).*.*.*.*.*.*Z' RETURN count(q) AS n", {}),
    "regex_quadratic_rows": ("MATCH (d:Document) WHERE d.text =~ '(?s).*.*QQ' RETURN count(d) AS n", {}),
    "regex_from_parameter": (
        "MATCH (q:Quote) WHERE q.text =~ $p RETURN count(q) AS n", {"p": ".*.*.*.*.*.*.*Z"}),
}


# -- the server's CPU --------------------------------------------------------------------------------------

def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of `pid` so far (from /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def cpu_rate(pid: int, window_s: float = 1.0) -> float:
    """Cores used by `pid` over the next `window_s` seconds."""
    before, started = cpu_seconds(pid), time.monotonic()
    time.sleep(window_s)
    return (cpu_seconds(pid) - before) / (time.monotonic() - started)


IDLE_CORES = 0.25  # a quiet Neo4j uses a few percent of a core; a runaway query uses a whole one


def wait_until_idle(pid: int, budget_s: float, window_s: float = 1.0, idle_cores: float = IDLE_CORES) -> bool:
    """True once `pid` uses less than `idle_cores` over a window; False if still busy after `budget_s`."""
    deadline = time.monotonic() + budget_s
    while time.monotonic() < deadline:
        if cpu_rate(pid, window_s) < idle_cores:
            return True
    return False


def local_server_pid() -> int | None:
    """The pid of the Neo4j that `policygraph neo4j start` runs for the configured home, if any."""
    from graph.settings import get_settings
    from localserver import process

    return process.running_pid(get_settings().neo4j_home.resolve())


# -- one run of the battery against a live API ------------------------------------------------------------

@dataclass
class Outcome:
    name: str
    status: int | str
    answer_s: float
    idle_s: float | None  # seconds from the request until Neo4j was idle; None: not idle within the budget
    detail: str

    def row(self) -> str:
        idle = f"{self.idle_s:6.1f}" if self.idle_s is not None else " never"
        return f"{self.name:28} {self.status!s:>6} {self.answer_s:8.1f} {idle}  {self.detail[:90]}"


RESULTS: list[Outcome] = []  # filled by test_bombs.py, printed at the end of the run by conftest.py


def fire(url: str, name: str, pid: int | None, *, answer_budget_s: float, idle_budget_s: float) -> Outcome:
    """POST one bomb, then watch the server's CPU until it is idle (or the budget runs out)."""
    import httpx

    query, params = BOMBS[name]
    started = time.monotonic()
    try:
        r = httpx.post(f"{url}/cypher", json={"query": query, "params": params}, timeout=answer_budget_s)
        status: int | str = r.status_code
        try:
            detail = str(r.json().get("detail", ""))[:200] if r.status_code != 200 else "200 OK"
        except ValueError:
            detail = r.text[:200]
    except httpx.TimeoutException:
        status, detail = "none", f"no answer within {answer_budget_s:g} s"
    except httpx.HTTPError as exc:
        status, detail = "error", type(exc).__name__
    answered = time.monotonic() - started
    idle_s = None
    if pid is not None and wait_until_idle(pid, max(0.0, idle_budget_s - answered)):
        idle_s = time.monotonic() - started
    return Outcome(name, status, answered, idle_s, detail)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--only", nargs="*", default=None, help="bomb names (default: all)")
    parser.add_argument("--answer-budget", type=float, default=150.0)
    parser.add_argument("--idle-budget", type=float, default=300.0)
    parser.add_argument("--restart-if-busy", action="store_true",
                        help="restart the local Neo4j when it is still busy after the idle budget")
    parser.add_argument("--json", type=Path, help="also write the outcomes here")
    args = parser.parse_args(argv)
    pid = local_server_pid()
    print(f"Neo4j pid: {pid if pid is not None else 'not local: CPU not measured'}", flush=True)
    print(f"{'bomb':28} {'status':>6} {'answer s':>8} {'idle s':>6}  detail", flush=True)
    outcomes = []
    for name in args.only or list(BOMBS):
        if pid is not None and not wait_until_idle(pid, 60.0):
            print(f"(Neo4j busy before {name})", flush=True)
        outcome = fire(args.url, name, pid, answer_budget_s=args.answer_budget,
                       idle_budget_s=args.idle_budget)
        outcomes.append(outcome)
        print(outcome.row(), flush=True)
        if outcome.idle_s is None and pid is not None and args.restart_if_busy:
            import localserver
            from graph.settings import get_settings

            localserver.stop(get_settings())
            localserver.start(get_settings())
            pid = local_server_pid()
            print(f"(restarted Neo4j: pid {pid})", flush=True)
    if args.json:
        args.json.write_text(json.dumps([o.__dict__ for o in outcomes], indent=1))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.exit(main())
