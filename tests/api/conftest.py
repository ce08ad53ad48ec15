"""API fixtures: the seeded graph (shared `clean_graph` + tests/data/seed.cypher) and test clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.main import create_app
from graph import cypher
from graph.settings import Settings

SEED = Path(__file__).parents[1] / "data" / "seed.cypher"


def seed_statements() -> list[str]:
    """The seed file's statements: `//` lines dropped, split on the `;` ending each line."""
    lines = [ln for ln in SEED.read_text(encoding="utf-8").splitlines() if not ln.startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";\n") if s.strip().rstrip(";")]


@pytest.fixture(scope="module")
def seeded(clean_graph: Driver) -> Driver:
    """The run's Neo4j, emptied, schema applied, loaded with the test seed (once per module)."""
    with clean_graph.session() as session:
        for statement in seed_statements():
            session.run(statement.rstrip(";")).consume()
    return clean_graph


def api_settings(**overrides: Any) -> Settings:
    base: dict[str, Any] = {"cypher_timeout_s": 2.0, "cypher_row_cap": 50, "api_max_body_bytes": 20_000,
                            "api_token": None}
    return Settings(**{**base, **overrides})


@pytest.fixture
def make_settings() -> Callable[..., Settings]:
    """Test settings (small timeout, row cap and body limit) with overrides."""
    return api_settings


@pytest.fixture(scope="module")
def client(seeded: Driver) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings()), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def counts(seeded: Driver) -> Callable[[], dict[str, int]]:
    """Node, relationship, index and constraint counts, to prove a refused query changed nothing."""

    def _counts() -> dict[str, int]:
        with seeded.session() as session:
            row = session.run(cypher.load("admin/count_graph")).single(strict=True)
            indexes = session.run(cypher.load("read/schema_status")).data()
            constraints = session.run(cypher.load("read/constraints")).data()
        return {"nodes": row["nodes"], "relationships": row["relationships"],
                "indexes": len(indexes), "constraints": len(constraints)}

    return _counts


@pytest.fixture
def document_text(seeded: Driver) -> Callable[[str], str]:
    """A document's full text by id, to check evidence offsets against."""

    def _text(doc_id: str) -> str:
        with seeded.session() as session:
            record = session.run(cypher.load("read/document_text"), id=doc_id).single(strict=True)
        return str(record["text"])

    return _text
