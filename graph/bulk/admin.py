"""Run `neo4j-admin database import full` from the local server's jars (`org.neo4j.cli.AdminTool`)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from graph.settings import Settings
from localserver.config import prepare_home
from localserver.errors import LocalServerError
from localserver.install import ensure_installed
from localserver.process import ADMIN_CLASS
from localserver.toolchain import find_java

IMPORT_TIMEOUT_S = 6 * 3600


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
    java = find_java()
    classpath = ensure_installed(settings).classpath
    home = prepare_home(settings)
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    command = [str(java), "-Xmx1g", "-cp", classpath, ADMIN_CLASS,
               *import_command(settings, nodes, relationships, report, memory)]
    try:
        proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=IMPORT_TIMEOUT_S,
                              check=False)
    except subprocess.TimeoutExpired as exc:
        raise LocalServerError(f"neo4j-admin import did not finish within {IMPORT_TIMEOUT_S} s") from exc
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
