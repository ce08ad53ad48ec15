"""The README's main command, end to end: `scripts/demo.sh` starts Neo4j (here: the run's test server,
already up), ingests corpus/, computes the network metrics and serves the API."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from neo4j import Driver

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_demo_ingests_analyzes_and_serves(clean_graph: Driver) -> None:
    port = _free_port()
    env = {**os.environ, "POLICYGRAPH_API_PORT": str(port), "POLICYGRAPH_SKIP_BOOTSTRAP": "1"}
    demo = subprocess.Popen(["bash", "scripts/demo.sh"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            assert demo.poll() is None, demo.communicate()[0]
            try:
                if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(1)
        else:
            pytest.fail("the demo's API never became ready")
        hits = httpx.get(f"{base}/actors", params={"q": "Marisol Quenby"}, timeout=10).json()["items"]
        profile = httpx.get(f"{base}/actors/{hits[0]['key']}", timeout=10).json()
        assert profile["name"] == "Marisol Quenby" and profile["latest_quotes"]
        assert profile["pagerank"] is not None and profile["community"] is not None  # `analyze` ran
    finally:
        os.killpg(demo.pid, signal.SIGTERM)
        output = demo.communicate(timeout=60)[0]
    for step in ("==> ingesting corpus/", "==> network metrics", "==> serving the API"):
        assert step in output, output
    assert "Notification" not in output and "UnknownPropertyKey" not in output, output  # no raw notices
