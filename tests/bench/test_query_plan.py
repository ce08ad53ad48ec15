"""The query bench's pure parts: the Zipf speaker stream, and wrk's JSON line (when wrk is installed)."""

from __future__ import annotations

import random
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# `bench` is not installed, and tests/bench would shadow it as a namespace package: import the real one.
ROOT = str(Path(__file__).resolve().parents[2])
if sys.path[0] != ROOT:
    sys.path.insert(0, ROOT)
for name in [m for m in sys.modules if m == "bench" or m.startswith("bench.")]:
    del sys.modules[name]
from bench import wrk  # noqa: E402
from bench.query import _answered, zipf_stream  # noqa: E402


def test_zipf_stream_is_seeded_and_skewed() -> None:
    ranked = [f"s{i}" for i in range(1, 501)]
    a = zipf_stream(ranked, 20_000, random.Random(7))
    assert a == zipf_stream(ranked, 20_000, random.Random(7))
    counts = Counter(a)
    assert counts["s1"] > 5 * counts["s10"] > 0  # P(1) / P(10) = 10 for s = 1
    assert counts["s1"] / len(a) == pytest.approx(1 / sum(1 / k for k in range(1, 501)), rel=0.1)
    assert len(counts) > 300  # the long tail is asked about too


def test_a_cell_without_answers_shows_no_latency() -> None:
    cell = _answered({"requests": 0, "p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0})
    assert cell["p99_ms"] is None and cell["requests"] == 0


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        body = b"{}"
        self.send_response(200 if self.path != "/missing" else 404)
        self.send_header("content-length", str(len(body)))
        self.send_header("x-cache", "hit" if self.path == "/a" else "miss")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.skipif(not wrk.available(), reason="wrk is not installed (CI has none)")
def test_wrk_reports_percentiles_hits_and_errors(server: str) -> None:
    out = wrk.run(server, ["/a", "/b", "/missing"], 2, 1)
    assert out["requests"] > 10 and out["rps"] > 0
    assert 0 < out["p50_ms"] <= out["p95_ms"] <= out["p99_ms"] <= out["max_ms"]
    assert out["hits"] > 0 and out["misses"] > 0
    assert out["errors"] > 0  # the 404s
