"""A first load through `neo4j-admin database import full`, for graphs the transactional writer is too
slow to build: check the database is empty, write the import files, stop the local server, import,
start it again, put back empty strings, apply the schema and check the counts.

Only the local server (`policygraph neo4j start`, `POLICYGRAPH_NEO4J_HOME`) can be bulk loaded from
here: the tool writes store files, so it runs where they are. docs/scale-out.md covers other servers.
The import files and the Cypher before and after are the graph layer's (`graph.bulk`).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from graph.bulk.files import ImportFiles, write_import_files
from graph.bulk.imported import fill_empty_strings, graph_counts, verify_import
from graph.db import check_connection, driver_scope
from graph.errors import PolicygraphError
from graph.schema import apply_schema
from graph.settings import Settings
from localserver import server
from localserver.admin import run_admin
from localserver.errors import LocalServerError
from localserver.install import ensure_installed
from localserver.toolchain import find_java

IMPORT_TIMEOUT_S = 6 * 3600
FILES_AND_STOP = "write import files, server stopping meanwhile"
Say = Callable[[str], None]


class BulkRefused(PolicygraphError):
    """`--bulk` cannot run here (the database holds data, or is not a local server policygraph runs)."""

    status = 409
    title = "Bulk import refused"


@dataclass
class BulkReport:
    files: ImportFiles
    seconds: dict[str, float] = field(default_factory=dict)
    filled: int = 0
    """Empty strings put back after import (see `graph.bulk.files.EmptyStrings`)."""


def check_target(settings: Settings) -> None:
    """Refuse a server whose store files policygraph does not manage on this machine."""
    if not settings.api_host_is_loopback(settings.neo4j_host):
        raise BulkRefused(
            f"{settings.neo4j_uri} is not a local server: neo4j-admin import writes the store files, so it "
            "runs on the database's own machine (docs/scale-out.md). Use `policygraph load FACTS` "
            "(transactional) for a remote database."
        )
    state = server.status(settings)
    if state.running and not state.managed:
        raise BulkRefused(
            f"the Neo4j on {settings.neo4j_uri} was not started by `policygraph neo4j start` for "
            f"{state.home}, so its store files are not here. Use `policygraph load FACTS` (transactional)."
        )


def ensure_empty(settings: Settings, say: Say) -> None:
    """Start the local server if needed and refuse unless its database has no node and no relationship."""
    if not server.status(settings).running:
        say(f"starting the local Neo4j ({settings.neo4j_home})")
        server.start(settings)
    with driver_scope(settings) as driver:
        check_connection(driver)
        nodes, rels = graph_counts(driver, settings.neo4j_database)
    if nodes or rels:
        raise BulkRefused(
            f"database {settings.neo4j_database!r} on {settings.neo4j_uri} is not empty ({nodes:,} nodes, "
            f"{rels:,} relationships): --bulk only loads an empty database, since the import replaces its "
            "store. Load these facts with `policygraph load FACTS` (transactional: it adds to the graph, "
            "skips unchanged documents and replaces changed ones)."
        )


def _timed(report: BulkReport, phase: str, began: float) -> float:
    now = time.perf_counter()
    report.seconds[phase] = report.seconds.get(phase, 0.0) + now - began
    return now


def bulk_load(facts: Path, settings: Settings, say: Say = lambda _m: None, memory: str = "2g") -> BulkReport:
    """Import the facts file or folder `facts` into the empty local database; the server runs again after.

    `BulkReport.seconds` times each phase: check, files (the server stops meanwhile), import, start,
    strings and schema, verify.
    """
    check_target(settings)
    began = time.perf_counter()
    find_java()
    ensure_installed(settings)  # before anything stops: the import needs the jars of this install
    ensure_empty(settings, say)
    seconds = {"check the database is empty": time.perf_counter() - began}
    stage = settings.neo4j_home.resolve() / "import" / f"policygraph-bulk-{os.getpid()}-{int(time.time())}"
    try:
        say(f"stopping Neo4j (the database is empty) while writing import files to {stage}")
        began = time.perf_counter()
        report = BulkReport(_files_while_stopping(facts, stage, settings), seconds)
        began = _timed(report, FILES_AND_STOP, began)
        files = report.files
        if not files.documents:
            say("no document to import; starting Neo4j again")
            server.start(settings)
            return report
        say(f"importing {files.documents:,} documents, {files.facts:,} facts")
        try:
            run_import(settings, files.nodes, files.relationships, stage / "import.report", memory)
        except PolicygraphError:
            drop_store(settings)  # whatever the tool left: the database starts empty, as it was
            server.start(settings)
            raise
        began = _timed(report, "neo4j-admin import", began)
        say("starting Neo4j")
        server.start(settings)
        began = _timed(report, "start the server", began)
        with driver_scope(settings) as driver:
            report.filled = fill_empty_strings(driver, settings.neo4j_database, files)
            apply_schema(driver, settings.neo4j_database)
            began = _timed(report, "empty strings and schema", began)
            verify_import(driver, settings.neo4j_database, files)
            _timed(report, "verify counts", began)
        return report
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _files_while_stopping(facts: Path, stage: Path, settings: Settings) -> ImportFiles:
    """Write the import files while the server shuts down (its ~10 s do not depend on the facts).

    The database was checked empty just before; if the files cannot be written, the server is started
    again, so a failed `--bulk` leaves things as they were.
    """
    with ThreadPoolExecutor(1, thread_name_prefix="neo4j-stop") as pool:
        stopping = pool.submit(server.stop, settings)
        try:
            files = write_import_files(facts, stage)
        except BaseException:
            stopping.result()
            server.start(settings)
            raise
        stopping.result()
    return files


def import_command(settings: Settings, nodes: list[Path], relationships: list[Path], report: Path,
                   memory: str) -> list[str]:
    """The admin tool's arguments for a full Parquet import into the configured database."""
    args = ["database", "import", "full", settings.neo4j_database, "--input-type=parquet",
            "--overwrite-destination=true", f"--report-file={report}", f"--max-off-heap-memory={memory}"]
    args += [f"--nodes={p}" for p in nodes]
    args += [f"--relationships={p}" for p in relationships]
    return args


def run_import(settings: Settings, nodes: list[Path], relationships: list[Path], report: Path,
               memory: str = "2g") -> str:
    """Import into the (stopped) local server's database; returns the tool's output.

    `--overwrite-destination` replaces the database's store: callers verify it is empty first.
    Raises `LocalServerError` with the tail of the output when the tool fails.
    """
    proc = run_admin(settings, import_command(settings, nodes, relationships, report, memory), heap="1g",
                     timeout_s=IMPORT_TIMEOUT_S)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0 or "IMPORT DONE" not in output:
        tail = "\n".join(line for line in output.strip().splitlines() if not line.lstrip().startswith("at "))
        raise LocalServerError(f"neo4j-admin database import failed (exit {proc.returncode}):\n"
                               + "\n".join(tail.splitlines()[-25:]))
    return output


def drop_store(settings: Settings) -> None:
    """Delete the database's store files, so the next start creates it empty (after a failed import)."""
    data = settings.neo4j_home.resolve() / "data"
    for folder in ("databases", "transactions"):
        shutil.rmtree(data / folder / settings.neo4j_database, ignore_errors=True)
