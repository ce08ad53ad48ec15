"""The API as a real server: `uvicorn --factory api.main:create_app` in its own process, on a free port.

Its own process, so timing a request measures the API and Neo4j, not the test's threads competing with
the app for one interpreter; settings come from the environment plus `POLICYGRAPH_*` overrides.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from serving import free_port, wait_until_answers

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def api_server(**settings: object) -> Iterator[str]:
    """Serve the API with `settings` (e.g. cypher_timeout_s=4) until the block ends; yields its base URL."""
    port = free_port()
    env = {**os.environ, **{f"POLICYGRAPH_{k.upper()}": str(v) for k, v in settings.items()}}
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "api.main:create_app", "--host", "127.0.0.1",
           "--port", str(port), "--log-level", "warning", "--no-access-log"]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_answers(f"{url}/ready", proc, 90.0, lambda: _read(log))
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def _read(log: IO[bytes]) -> str:
    log.seek(0)
    return log.read().decode(errors="replace")
