"""With Neo4j unreachable the API answers 503 problem JSON quickly; /health stays up."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from api.main import create_app
from graph.settings import Settings


def test_unreachable_neo4j_gives_fast_503() -> None:
    settings = Settings(neo4j_uri="bolt://127.0.0.1:9", neo4j_password="wrong-but-long-enough",
                        neo4j_connect_timeout_s=1.0)
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        assert c.get("/health").status_code == 200
        for method, url, body in [("GET", "/quotes?speaker=Vestager", None), ("GET", "/actors?q=x", None),
                                  ("POST", "/cypher", {"query": "MATCH (n) RETURN n"})]:
            started = time.monotonic()
            r = c.request(method, url, json=body)
            assert r.status_code == 503, r.text
            assert r.headers["content-type"].startswith("application/problem+json")
            assert time.monotonic() - started < 5.0
            assert "wrong-but-long-enough" not in r.text and "Traceback" not in r.text
        ready = c.get("/ready")
        assert ready.status_code == 503 and ready.json()["ready"] is False
