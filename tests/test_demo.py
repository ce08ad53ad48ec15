"""The README's main command, end to end: `scripts/demo.sh` starts Neo4j (here: the run's test server,
already up), ingests corpus/, computes the network metrics and serves the API."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import httpx
import pytest
from neo4j import Driver
from serving import free_port, wait_until_answers

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[1]


def test_demo_ingests_analyzes_and_serves(clean_graph: Driver, tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "POLICYGRAPH_API_PORT": str(port), "POLICYGRAPH_SKIP_BOOTSTRAP": "1"}
    log_path = tmp_path / "demo.log"
    with log_path.open("w") as log:
        demo = subprocess.Popen(["bash", "scripts/demo.sh"], cwd=REPO, env=env, stdout=log,
                                stderr=subprocess.STDOUT, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answers(f"{base}/ready", demo, 240, log_path.read_text, interval_s=1.0)
        hits = httpx.get(f"{base}/actors", params={"q": "Marisol Quenby"}, timeout=10).json()["items"]
        profile = httpx.get(f"{base}/actors/{hits[0]['key']}", timeout=10).json()
        assert profile["name"] == "Marisol Quenby" and profile["latest_quotes"]
        assert profile["pagerank"] is not None and profile["community"] is not None  # `analyze` ran
    finally:
        os.killpg(demo.pid, signal.SIGTERM)
        demo.wait(timeout=60)
    output = log_path.read_text()
    for step in ("==> ingesting corpus/", "==> network metrics", "==> serving the API"):
        assert step in output, output
    assert "Notification" not in output and "UnknownPropertyKey" not in output, output  # no raw notices
