"""Per-client rate limits (the `limits` library) on POST /cypher and the writes: 429 with `Retry-After`."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.main import create_app
from graph.settings import Settings

pytestmark = pytest.mark.integration
QUERY = {"query": "RETURN 1 AS one"}


def test_cypher_rate_per_client(seeded: Driver, make_settings: Callable[..., Settings]) -> None:
    app = create_app(make_settings(cypher_rate="3/minute"))
    with TestClient(app, client=("10.0.0.1", 4000)) as first, \
            TestClient(app, client=("10.0.0.2", 4000)) as second:
        assert [first.post("/cypher", json=QUERY).status_code for _ in range(3)] == [200, 200, 200]
        refused = first.post("/cypher", json=QUERY)
        assert refused.status_code == 429
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert "3 per 1 minute" in refused.json()["detail"]
        assert second.post("/cypher", json=QUERY).status_code == 200, "another address has its own window"
        assert first.get("/quotes", params={"limit": 1}).status_code == 200, "reads are not limited"


def test_write_rate_counts_posts_and_deletes(seeded: Driver, make_settings: Callable[..., Settings]) -> None:
    app = create_app(make_settings(write_rate="2/minute"))
    with TestClient(app) as client:
        assert client.delete("/documents/no-such-document").status_code == 404
        assert client.post("/documents", json={"text": ""}).status_code == 422
        refused = client.delete("/documents/no-such-document")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert client.get("/documents/no-such-document").status_code == 404, "GET is a read"


def test_empty_rate_turns_the_limit_off(seeded: Driver, make_settings: Callable[..., Settings]) -> None:
    with TestClient(create_app(make_settings(cypher_rate=""))) as client:
        assert {client.post("/cypher", json=QUERY).status_code for _ in range(40)} == {200}


@pytest.mark.parametrize("rate", ["often", "3/fortnight", "-1/minute"])
def test_a_bad_rate_is_a_settings_error(rate: str) -> None:
    with pytest.raises(ValueError, match="not a rate"):
        Settings(cypher_rate=rate)


def test_the_pool_keeps_room_for_reads() -> None:
    with pytest.raises(ValueError, match="half of the pool"):
        Settings(cypher_concurrency=20, neo4j_pool_size=64)
    assert Settings(cypher_concurrency=16, neo4j_pool_size=64).cypher_concurrency == 16
