"""Neo4j SIGKILLed in the middle of `policygraph ingest`: nothing half-written, failures named, re-run exact.

One scenario on the throwaway server: a clean run gives the reference counts per document; the graph is
emptied; a second run is cut by SIGKILL once a few documents are in; after a restart every document in
the graph has exactly its reference facts, the CLI named each document it could not write and exited
non-zero, and a third run brings the totals back to the clean run's.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from faultserver import FaultServer
from neo4j import Driver

from graph.db import create_driver
from graph.schema import apply_schema, clear_graph

pytestmark = [pytest.mark.integration, pytest.mark.slow]

DATA = Path(__file__).parents[1] / "data" / "graph"
DOCUMENTS = 60
KILL_AFTER = 8  # documents committed before the kill
CLI_TIMEOUT_S = 240

PER_DOCUMENT = """
MATCH (d:Document)
OPTIONAL MATCH ()-[r {doc_id: d.id}]->()
RETURN d.source AS source, count(r) AS facts
"""
TOTALS = """
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (q:Quote) RETURN count(q) AS quotes }
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
RETURN nodes, relationships, quotes, documents
"""
# Evidence whose document is missing: a half-written document would leave some behind.
STRAYS = """
CALL () { MATCH ()-[r]->() WHERE r.doc_id IS NOT NULL AND NOT EXISTS { MATCH (:Document {id: r.doc_id}) }
          RETURN count(r) AS rels }
CALL () { MATCH (q:Quote) WHERE NOT EXISTS { MATCH (q)-[:QUOTED_IN]->(:Document) } RETURN count(q) AS quotes }
RETURN rels, quotes
"""


def make_corpus(folder: Path) -> list[Path]:
    """`DOCUMENTS` distinct small texts built from the sample documents."""
    samples = sorted(DATA.glob("*.txt"))
    paths = []
    for i in range(DOCUMENTS):
        text = samples[i % len(samples)].read_text(encoding="utf-8").rstrip()
        path = folder / f"doc-{i:03d}.txt"
        path.write_text(f"{text}\n\nThis is report number {i} of the series.\n", encoding="utf-8")
        paths.append(path)
    return paths


def ingest_cmd(folder: Path) -> list[str]:
    """Small groups, so the kill lands between committed groups and inside an open one."""
    return [sys.executable, "-m", "policygraph.cli", "ingest", str(folder), "--docs-per-tx", "3"]


def query(driver: Driver, text: str) -> list[dict[str, Any]]:
    with driver.session(database="neo4j") as session:
        return session.run(text).data()


def per_document(driver: Driver) -> dict[str, int]:
    return {r["source"]: r["facts"] for r in query(driver, PER_DOCUMENT)}


def documents_in(driver: Driver) -> int:
    try:
        return int(query(driver, "MATCH (d:Document) RETURN count(d) AS n")[0]["n"])
    except Exception:
        return -1


def test_sigkill_during_ingest(fault_server: FaultServer, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paths = make_corpus(corpus)
    env = fault_server.env()
    fault_server.start()
    with create_driver(fault_server.settings) as driver:
        clear_graph(driver)
        apply_schema(driver)

        clean = subprocess.run(ingest_cmd(corpus), env=env, capture_output=True, text=True,
                               timeout=CLI_TIMEOUT_S, check=False)
        assert clean.returncode == 0, clean.stdout + clean.stderr
        reference = per_document(driver)
        reference_totals = query(driver, TOTALS)[0]
        assert len(reference) == DOCUMENTS and reference_totals["documents"] == DOCUMENTS
        clear_graph(driver)

    # The run to cut: poll from another driver until a few documents are committed, then SIGKILL.
    run = subprocess.Popen(ingest_cmd(corpus), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    with create_driver(fault_server.settings) as watcher:
        deadline = time.monotonic() + CLI_TIMEOUT_S
        while documents_in(watcher) < KILL_AFTER:
            assert run.poll() is None, "ingest finished before the kill: make the corpus larger"
            assert time.monotonic() < deadline, "ingest never got going"
            time.sleep(0.05)
    fault_server.kill()
    try:
        out, err = run.communicate(timeout=CLI_TIMEOUT_S)
    finally:
        run.kill()
    output = out + err

    assert run.returncode != 0, output
    assert "Traceback" not in output, output

    fault_server.start()  # recovery replays the log; committed documents survive, the open one vanishes
    with create_driver(fault_server.settings) as driver:
        survived = per_document(driver)
        assert KILL_AFTER <= len(survived) < DOCUMENTS
        for source, facts in survived.items():
            assert facts == reference[source], f"{source} is half-written: {facts} of {reference[source]}"
        assert query(driver, STRAYS)[0] == {"rels": 0, "quotes": 0}

        # Every document that is not in the graph is named as failed by the CLI.
        missing = {p for p in map(str, paths) if p not in survived}
        unnamed = sorted(p for p in missing if Path(p).name not in output)
        assert not unnamed, f"the CLI did not name {len(unnamed)} failed documents, e.g. {unnamed[:3]}"

        again = subprocess.run(ingest_cmd(corpus), env=env, capture_output=True, text=True,
                               timeout=CLI_TIMEOUT_S, check=False)
        assert again.returncode == 0, again.stdout + again.stderr
        assert per_document(driver) == reference
        assert query(driver, TOTALS)[0] == reference_totals
