"""`python -m bench all [--smoke] [--out FILE]`: every benchmark, its tables, ratios, and a markdown summary.

Subcommands: all | extract | load | query | memory | spark | bulk | corpus DIR | stop-server. By default
the database benchmarks start their own Neo4j (bolt 48687, http 48474, home ~/.cache/policygraph/neo4j-bench)
and stop it at the end (`--keep-server` keeps it, and the query graph, for the next run). `--external` uses
the POLICYGRAPH_* settings instead and refuses a non-empty database unless `--wipe` is given.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.report import Result, markdown, print_result

DEFAULT_OUT = Path(__file__).parent / "RESULTS.md"


@dataclass(frozen=True)
class Sizes:
    extract_docs: int
    extract_repeats: int
    load_docs: int
    naive_docs: int
    per_doc_docs: int
    dense_docs: int
    query_docs: int
    query_requests: int
    query_seconds: float
    per_workload: int
    memory_base: int
    spark_docs: int
    bulk_docs: int


FULL = Sizes(extract_docs=120, extract_repeats=2, load_docs=3500, naive_docs=30, per_doc_docs=300,
             dense_docs=20,
             query_docs=36000, query_requests=1500, query_seconds=6, per_workload=60, memory_base=24,
             spark_docs=400, bulk_docs=34000)
SMOKE = Sizes(extract_docs=6, extract_repeats=1, load_docs=20, naive_docs=2, per_doc_docs=2,
              dense_docs=0,
              query_docs=60, query_requests=20, query_seconds=1, per_workload=8, memory_base=1,
              spark_docs=6, bulk_docs=20)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        kib = next(int(ln.split()[1]) for ln in Path("/proc/meminfo").read_text().splitlines()
                   if ln.startswith("MemTotal"))
        ram = f"{kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration):
        ram = "RAM unknown"
    return f"{os.cpu_count()} cores ({model}), {ram}, Python {platform.python_version()}, {platform.system()}"


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", choices=["all", "extract", "load", "query", "memory", "spark", "bulk", "corpus",
                                    "stop-server"])
    p.add_argument("folder", nargs="?", type=Path, help="corpus: where to write the .txt files")
    p.add_argument("--smoke", action="store_true", help="tiny sizes (CI): proves the benchmarks still run")
    p.add_argument("--out", type=Path, help=f"markdown summary (default for `all`: {DEFAULT_OUT})")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--count", type=int, default=100, help="corpus: number of articles")
    p.add_argument("--external", action="store_true", help="use the POLICYGRAPH_* Neo4j, not the bench's own")
    p.add_argument("--wipe", action="store_true", help="with --external: allow emptying a non-empty database")
    p.add_argument("--keep-server", action="store_true", help="leave the bench's own Neo4j running")
    p.add_argument("--query-docs", type=int, help="documents in the query graph (default: by size)")
    p.add_argument("--bulk-docs", type=int, help="documents for bulk vs transactional (default: by size)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    sizes = SMOKE if args.smoke else FULL
    if args.query_docs:
        sizes = Sizes(**{**sizes.__dict__, "query_docs": args.query_docs})
    if args.bulk_docs:
        sizes = Sizes(**{**sizes.__dict__, "bulk_docs": args.bulk_docs})
    if args.what == "corpus":
        from bench.corpus import write_corpus

        if args.folder is None:
            print("corpus needs a folder", file=sys.stderr)
            return 2
        paths = write_corpus(args.folder, args.count, args.seed)
        print(f"wrote {len(paths)} articles to {args.folder}")
        return 0
    if args.what == "stop-server":
        from bench.graphdb import stop_dedicated

        print("bench Neo4j stopped" if stop_dedicated() else "bench Neo4j was not running")
        return 0

    began = time.perf_counter()
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    results: list[Result] = []
    # query first: it can reuse a graph kept by --keep-server, which load and memory then wipe; bulk last:
    # it stops and restarts the server
    todo = ["extract", "spark", "query", "load", "memory", "bulk"] if args.what == "all" else [args.what]
    print(f"bench {args.what} ({'smoke' if args.smoke else 'full'} sizes) on {machine()}")
    out = args.out or (DEFAULT_OUT if args.what == "all" else None)
    command = f"python -m bench {args.what}" + (" --smoke" if args.smoke else "")
    if args.what == "all" and not args.smoke:
        command = "make bench"

    def write_summary(results: list[Result]) -> None:
        if out is not None:
            out.write_text(markdown(results, machine(), command, when), encoding="utf-8")

    if "extract" in todo:
        from bench import extract

        results.append(extract.run(docs=sizes.extract_docs, repeats=sizes.extract_repeats, seed=args.seed))
        print_result(results[-1])
        write_summary(results)
    if "spark" in todo:
        from bench import spark

        results.append(spark.run(docs=sizes.spark_docs, repeats=sizes.extract_repeats, seed=args.seed))
        print_result(results[-1])
        write_summary(results)
    db_benches = [t for t in todo if t not in ("extract", "spark")]
    if db_benches:
        from bench import bulk_import, load, memory, query
        from bench.graphdb import RefusedToWipe, bench_graph

        try:
            with bench_graph(external=args.external, wipe=args.wipe, keep_server=args.keep_server) as g:
                for name in db_benches:
                    if name == "bulk":
                        results.append(bulk_import.run(g, docs=sizes.bulk_docs, seed=args.seed))
                    elif name == "memory":
                        results.append(memory.run(g, base=sizes.memory_base, seed=args.seed))
                    elif name == "load":
                        results.append(load.run(g, docs=sizes.load_docs, naive_docs=sizes.naive_docs,
                                                per_doc_docs=sizes.per_doc_docs,
                                                dense_docs=sizes.dense_docs, seed=args.seed))
                    else:
                        results.append(query.run(g, docs=sizes.query_docs, requests=sizes.query_requests,
                                                 max_seconds=sizes.query_seconds,
                                                 per_workload=sizes.per_workload, seed=args.seed))
                    print_result(results[-1])
                    write_summary(results)  # after each benchmark: a late failure keeps the others
        except RefusedToWipe as exc:
            print(f"refused: {exc}", file=sys.stderr)
            return 3
    if out is not None:
        print(f"\nsummary written to {out}")
    print(f"bench {args.what} done in {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
