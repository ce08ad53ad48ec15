"""Run `neo4j-admin` from the local server's jars against its home: the offline jobs (dump, load, bulk
import) that Neo4j Community only does on a stopped database, so they belong to the launcher."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence

from graph.settings import Settings
from localserver.config import prepare_home
from localserver.errors import LocalServerError
from localserver.install import ensure_installed
from localserver.process import ADMIN_CLASS
from localserver.toolchain import find_java


def run_admin(settings: Settings, args: Sequence[str], *, heap: str, timeout_s: float
              ) -> subprocess.CompletedProcess[str]:
    """`neo4j-admin <args>` with this home's NEO4J_HOME and configuration; callers judge the outcome.

    Raises `LocalServerError` only when the tool outlives `timeout_s`.
    """
    java = find_java()
    classpath = ensure_installed(settings).classpath
    home = prepare_home(settings)
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    command = [str(java), f"-Xmx{heap}", "-cp", classpath, ADMIN_CLASS, *args]
    try:
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout_s,
                              check=False)
    except subprocess.TimeoutExpired as exc:
        raise LocalServerError(
            f"neo4j-admin {' '.join(args[:3])} did not finish within {timeout_s:.0f} s") from exc
