"""A throwaway Neo4j (bolt 18687, http 18474), so tests may kill it without touching the run's server.

Started once per session through the launcher (`localserver`), reusing the downloaded jars; its home
lives under the cache folder, so later runs skip the initial-password step. Stopped at the end.
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import localserver
from graph.settings import Settings, get_settings
from localserver import process

# Below Linux's ephemeral range (32768-60999), so no client socket of the run can hold them.
FAULT_BOLT_PORT = int(os.environ.get("POLICYGRAPH_FAULT_BOLT_PORT", "18687"))
FAULT_HTTP_PORT = int(os.environ.get("POLICYGRAPH_FAULT_HTTP_PORT", "18474"))
FAULT_PASSWORD = "policygraph-fault"


@dataclass
class FaultServer:
    """The throwaway server: its settings, env for subprocesses, and the faults we inflict on it."""

    settings: Settings

    @property
    def home(self) -> Path:
        return self.settings.neo4j_home.resolve()

    def env(self) -> dict[str, str]:
        """Environment for a `policygraph` subprocess that should talk to this server."""
        return {
            **os.environ,
            "POLICYGRAPH_NEO4J_URI": self.settings.neo4j_uri,
            "POLICYGRAPH_NEO4J_HTTP_PORT": str(self.settings.neo4j_http_port),
            "POLICYGRAPH_NEO4J_HOME": str(self.home),
            "POLICYGRAPH_NEO4J_PASSWORD": FAULT_PASSWORD,
            "POLICYGRAPH_NEO4J_USER": "neo4j",
            "POLICYGRAPH_NEO4J_DATABASE": "neo4j",
        }

    def pid(self) -> int | None:
        return process.running_pid(self.home)

    def start(self) -> float:
        """Start (idempotent); seconds it took."""
        return localserver.start(self.settings).seconds

    def kill(self) -> None:
        """SIGKILL the JVM: no shutdown, no checkpoint, open transactions cut mid-flight."""
        pid = self.pid()
        assert pid is not None, "the fault server is not running"
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while process.alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        process.pid_file(self.home).unlink(missing_ok=True)

    def stop(self) -> None:
        localserver.stop(self.settings)


def fault_settings(**overrides: object) -> Settings:
    base = get_settings()
    values: dict[str, object] = {
        "neo4j_uri": f"bolt://127.0.0.1:{FAULT_BOLT_PORT}",
        "neo4j_http_port": FAULT_HTTP_PORT,
        "neo4j_home": base.neo4j_cache_dir / "neo4j-fault",
        "neo4j_cache_dir": base.neo4j_cache_dir,
        "neo4j_password": FAULT_PASSWORD,
        "neo4j_user": "neo4j",
        "neo4j_database": "neo4j",
        "neo4j_heap": "512m",
        "neo4j_pagecache": "64m",
        "api_token": None,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]
