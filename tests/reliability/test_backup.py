"""`policygraph neo4j dump` and `load` round trip on the throwaway Neo4j: the graph comes back identical.

Ingest (the real extractor's output for the sample documents plus 60 synthetic articles, through the
product writer), dump, wipe, load: node counts per label set, relationship counts per type, the indexes and
a checksum over every fact id and node key are the same before and after.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from faultserver import FaultServer
from neo4j import Driver

from bench.corpus import extractions
from graph import cypher
from graph.db import create_driver
from graph.model import Extraction
from graph.schema import apply_schema, clear_graph
from graph.writer import GraphWriter

pytestmark = [pytest.mark.integration, pytest.mark.slow]

FINGERPRINT = {
    "labels": "MATCH (n) WITH labels(n) AS l RETURN l, count(*) AS n ORDER BY n, l",
    "types": "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n ORDER BY t",
    "fact_ids": "MATCH ()-[r]->() WHERE r.fact_id IS NOT NULL RETURN r.fact_id AS id ORDER BY id",
    "keys": "MATCH (n) RETURN coalesce(n.key, n.id) AS id ORDER BY id",
    "indexes": "SHOW INDEXES YIELD name, state RETURN name, state ORDER BY name",
}


def fingerprint(driver: Driver) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with driver.session() as session:
        session.run(cypher.load("admin/await_indexes"), timeout_s=120).consume()
        for name, query in FINGERPRINT.items():
            rows = [tuple(r.values()) for r in session.run(query)]
            out[name] = hashlib.sha256(repr(rows).encode()).hexdigest() if name in ("fact_ids", "keys") \
                else rows
            out[f"{name}_count"] = len(rows)
    return out


def cli(server: FaultServer, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "policygraph.cli", "neo4j", *args], env=server.env(),
                          capture_output=True, text=True, timeout=600, check=False)


def test_dump_wipe_load_gives_the_same_graph(fault_server: FaultServer, sample_extractions: list[Extraction],
                                             tmp_path: Path) -> None:
    fault_server.start()
    with create_driver(fault_server.settings) as driver:
        clear_graph(driver)
        apply_schema(driver)
        list(GraphWriter(driver).write_many([*sample_extractions, *extractions(60)]))
        before = fingerprint(driver)
    assert before["fact_ids_count"] > 500 and before["types_count"] >= 6, before

    archive = tmp_path / "backup" / "graph.dump"
    done = cli(fault_server, "dump", str(archive))
    assert done.returncode == 0, done.stdout + done.stderr
    assert archive.is_file() and archive.stat().st_size > 0
    assert fault_server.pid() is not None, "dump must start Neo4j again"

    with create_driver(fault_server.settings) as driver:
        clear_graph(driver)
        assert fingerprint(driver)["fact_ids_count"] == 0

    done = cli(fault_server, "load", str(archive), "--yes")
    assert done.returncode == 0, done.stdout + done.stderr
    assert fault_server.pid() is not None, "load must start Neo4j again"
    with create_driver(fault_server.settings) as driver:
        assert fingerprint(driver) == before


def test_load_refuses_a_missing_file(fault_server: FaultServer, tmp_path: Path) -> None:
    done = cli(fault_server, "load", str(tmp_path / "nothing.dump"), "--yes")
    assert done.returncode == 1 and "no dump file" in done.stdout + done.stderr
