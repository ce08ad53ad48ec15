"""Quotes, backticks and Cypher fragments in every parameter of every endpoint, read from the OpenAPI
schema: never a 5xx, never a change to the graph, and text that is stored comes back byte for byte."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from conftest import graph_counts
from fastapi.testclient import TestClient
from neo4j import Driver

from api.main import create_app
from graph.settings import Settings

pytestmark = pytest.mark.integration

PAYLOADS = [
    "'", '"', "`", "\\", '"}) DETACH DELETE n //', "'}) DETACH DELETE n //",
    "x` DETACH DELETE n //", "`) DETACH DELETE n WITH 1 AS `x", "$key", "\\u0027 OR 1=1 //",
    "') CALL dbms.listConfig() //", "\u0000 AND OR NOT ~*? ../../etc/passwd 🙂",
]
WRITE_METHODS = {"post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def client(populated: Driver) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(api_token=None)), raise_server_exceptions=False) as c:
        yield c


def operations(client: TestClient) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path template, operation) for every operation that reaches the graph."""
    spec = client.get("/openapi.json").json()
    return [(method, path, op) for path, ops in spec["paths"].items() for method, op in ops.items()
            if not path.startswith(("/browser", "/health"))]


def body_fields(client: TestClient, op: dict[str, Any]) -> list[str]:
    spec = client.get("/openapi.json").json()
    schema = op["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return list(schema["properties"])


def requests_for(client: TestClient, value: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """One request per (operation, parameter) with `value` in that parameter and sane values elsewhere."""
    for method, path, op in operations(client):
        params = op.get("parameters", [])
        path_names = [p["name"] for p in params if p["in"] == "path"]
        base = path.replace("{key}", "person:margrethe-vestager").replace("{doc_id}", "unknown-doc")
        for p in params:
            target = base
            query: dict[str, str] = {}
            if p["in"] == "path":
                target = path.replace("{" + p["name"] + "}", quote(value, safe=""))
                for other in path_names:
                    target = target.replace("{" + other + "}", "x")
            else:
                query[p["name"]] = value
                if path == "/paths":
                    query.setdefault("from", "person:margrethe-vestager")
                    query.setdefault("to", "organisation:european-commission")
            yield method, target, {"params": query}
        if "requestBody" in op:
            for field in body_fields(client, op):
                if path == "/cypher":
                    body: dict[str, Any] = {"query": "RETURN $v AS v", "params": {"v": value}}
                    if field == "query":
                        body = {"query": value}
                else:
                    body = {"text": "Margrethe Vestager said: \"The rules are ready.\"", "title": "t"}
                    body[field] = value
                yield method, base, {"json": body}


@pytest.mark.parametrize("value", PAYLOADS, ids=[f"p{i}" for i in range(len(PAYLOADS))])
def test_every_parameter_takes_hostile_values_as_data(
    client: TestClient, populated: Driver, value: str
) -> None:
    before = graph_counts(populated)
    tried = 0
    for method, url, kwargs in requests_for(client, value):
        r = client.request(method.upper(), url, **kwargs)
        tried += 1
        assert r.status_code < 500, (method, url, kwargs, r.status_code, r.text[:300])
        assert "Traceback" not in r.text
        if method in WRITE_METHODS and r.status_code == 200 and url == "/documents":
            stored = r.json()
            # Whatever landed is exactly what was sent, then it goes again: the graph is as before.
            summary = client.get(f"/documents/{stored['id']}")
            assert summary.status_code == 200, summary.text
            doc = summary.json()
            sent = kwargs["json"]
            for field in ("title", "url", "source"):
                if sent.get(field) is not None and field in doc:
                    assert doc[field] == sent[field], (field, doc[field], sent[field])
            assert client.delete(f"/documents/{stored['id']}").status_code == 200
        if url == "/cypher" and r.status_code == 200 and kwargs["json"].get("params"):
            assert r.json()["rows"] == [{"v": value}]
    assert tried >= 30
    assert graph_counts(populated) == before
