"""The Neo4j a benchmark runs against: a dedicated one started by the bench, or the configured one.

Dedicated (default): its own home and ports (bolt 48687, http 48474), started with the same code as
`policygraph neo4j start` and wiped freely: it only ever holds benchmark data. Configured (`--external`):
the `POLICYGRAPH_*` settings as they are; a non-empty database is refused unless `--wipe` is given.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver

import localserver
from graph import cypher
from graph.db import check_connection, create_driver
from graph.schema import apply_schema, clear_graph
from graph.settings import Settings, get_settings

BENCH_ENV = {
    "POLICYGRAPH_NEO4J_URI": "bolt://127.0.0.1:48687",
    "POLICYGRAPH_NEO4J_HTTP_PORT": "48474",
    "POLICYGRAPH_NEO4J_HOME": str(Path.home() / ".cache" / "policygraph" / "neo4j-bench"),
    "POLICYGRAPH_NEO4J_USER": "neo4j",
    "POLICYGRAPH_NEO4J_PASSWORD": "policygraph-bench",
    "POLICYGRAPH_NEO4J_DATABASE": "neo4j",
    "POLICYGRAPH_NEO4J_HEAP": "2g",
    "POLICYGRAPH_NEO4J_PAGECACHE": "2g",
}


class RefusedToWipe(RuntimeError):
    """The configured database holds data and `--wipe` was not given."""


@dataclass
class BenchGraph:
    """A connected driver plus what subprocesses need to reach the same database."""

    driver: Driver
    settings: Settings
    dedicated: bool
    wipe_allowed: bool

    @property
    def env(self) -> dict[str, str]:
        """Environment for child processes (API server, load generator, `policygraph ingest`)."""
        return dict(os.environ)

    @property
    def database(self) -> str:
        return self.settings.neo4j_database

    def counts(self) -> tuple[int, int]:
        """(nodes, relationships) in the database."""
        with self.driver.session(database=self.database) as session:
            rec = session.run(cypher.load("admin/count_graph")).single(strict=True)
        return int(rec["nodes"]), int(rec["relationships"])

    def reset(self) -> None:
        """Empty the database (allowed: dedicated, or --wipe) and apply the schema."""
        if not self.wipe_allowed and self.counts()[0]:
            raise RefusedToWipe(
                f"{self.settings.neo4j_uri} is not empty; benchmarks wipe the database they use. "
                "Pass --wipe to allow it, or drop --external to use the bench's own Neo4j."
            )
        clear_graph(self.driver, self.database)
        apply_schema(self.driver, self.database)
        self.wipe_allowed = True  # we emptied it: everything in it is ours from now on


def use_dedicated_env() -> None:
    """Point this process and its children at the bench's own Neo4j (POLICYGRAPH_BENCH_* override)."""
    for key, value in BENCH_ENV.items():
        override = os.environ.get(key.replace("POLICYGRAPH_", "POLICYGRAPH_BENCH_"))
        os.environ[key] = override or value
    get_settings.cache_clear()


@contextmanager
def bench_graph(*, external: bool, wipe: bool, keep_server: bool, say: bool = True) -> Iterator[BenchGraph]:
    """The database for a run. Dedicated: started here and stopped on exit unless `keep_server`."""
    started = False
    if not external:
        use_dedicated_env()
    settings = get_settings()
    if not external:
        result = localserver.start(settings, progress=(lambda m: print(f"  [neo4j] {m}")) if say else None)
        started = not result.already_running
        if say:
            state = "already running" if result.already_running else f"started in {result.seconds:.0f} s"
            print(f"  [neo4j] bench server {settings.neo4j_uri} ({state}, home {settings.neo4j_home})")
        if not result.status.managed:  # something else answers on the bench ports: treat it as foreign
            external = True
    driver = create_driver(settings)
    try:
        check_connection(driver)
        yield BenchGraph(driver, settings, dedicated=not external, wipe_allowed=wipe or not external)
    finally:
        driver.close()
        if started and not keep_server:
            localserver.stop(settings)
            if say:
                print("  [neo4j] bench server stopped")


def stop_dedicated() -> bool:
    """Stop the bench's own server if it runs (after `--keep-server`). True if it was running."""
    use_dedicated_env()
    return localserver.stop(get_settings()) is not None
