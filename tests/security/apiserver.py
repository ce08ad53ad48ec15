"""The API as a real server: `uvicorn --factory api.main:create_app` in its own process, on a free port.

Its own process, so timing a request measures the API and Neo4j, not the test's threads competing with
the app for one interpreter; settings come from the environment plus `POLICYGRAPH_*` overrides.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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
            _wait_ready(proc, url, log)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def _wait_ready(proc: subprocess.Popen[bytes], url: str, log: object, budget_s: float = 90.0) -> None:
    deadline = time.monotonic() + budget_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)  # type: ignore[attr-defined]
            raise RuntimeError(f"the API exited: {log.read().decode()[-2000:]}")  # type: ignore[attr-defined]
        try:
            if httpx.get(f"{url}/ready", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the API at {url} was not ready within {budget_s:g} s")
