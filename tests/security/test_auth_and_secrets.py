"""Bearer token on every write endpoint, and secrets (Neo4j password, API token) in no log, body or output."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from neo4j.exceptions import Neo4jError

from api.main import create_app
from graph.db import check_connection, create_driver
from graph.errors import GraphUnavailable
from graph.settings import Settings, get_settings

pytestmark = pytest.mark.integration

TOKEN = "tok-3f9a1c77e2b84d0fa5c1"
WRONG_PASSWORD = "pw-7d1e55b0c3a94f28"
DOC = {"text": 'Margrethe Vestager said: "The rules are ready."', "title": "auth test"}


@pytest.fixture(scope="module")
def client(populated: Driver) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(api_token=TOKEN)), raise_server_exceptions=False) as c:
        yield c


def write_operations(client: TestClient) -> list[tuple[str, str]]:
    """Every operation that can change the graph, from the OpenAPI schema (POST /cypher is read-only)."""
    spec = client.get("/openapi.json").json()
    return [(method.upper(), path.replace("{doc_id}", "no-such-doc"))
            for path, ops in spec["paths"].items() for method in ops
            if method in ("post", "put", "patch", "delete") and path != "/cypher"]


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Bearer {TOKEN}x", "Bearer ",
                                    f"Basic {TOKEN}", TOKEN, f"bearer {TOKEN[:-1]}"])
def test_writes_refuse_missing_or_wrong_token(client: TestClient, header: str | None) -> None:
    ops = write_operations(client)
    assert {m for m, _ in ops} >= {"POST", "DELETE"}
    for method, path in ops:
        headers = {"Authorization": header} if header is not None else {}
        r = client.request(method, path, json=DOC if method == "POST" else None, headers=headers)
        assert r.status_code == 401, (method, path, header, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.headers.get("www-authenticate", "").lower().startswith("bearer")
        assert TOKEN not in r.text


def test_writes_accept_the_token(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    posted = client.post("/documents", json=DOC, headers=auth)
    assert posted.status_code == 200, posted.text
    assert client.delete(f"/documents/{posted.json()['id']}", headers=auth).status_code == 200
    assert client.delete("/documents/no-such-doc", headers=auth).status_code == 404


def test_reads_need_no_token(client: TestClient) -> None:
    assert client.get("/actors", params={"q": "vestager"}).status_code == 200


def wait_until_auth_works(settings: Settings) -> None:
    """Neo4j locks a user for a few seconds after failed logins; let the rest of the run log in again."""
    deadline = time.monotonic() + 30
    with create_driver(settings) as driver:
        while True:
            try:
                check_connection(driver)
                return
            except (GraphUnavailable, Neo4jError):  # including AuthenticationRateLimit
                assert time.monotonic() < deadline, "Neo4j kept refusing the right password"
                time.sleep(1)


def test_wrong_password_gives_503_and_no_secret_anywhere(
    populated: Driver, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(neo4j_password=WRONG_PASSWORD, api_token=TOKEN)
    bodies = []
    caplog.set_level(logging.DEBUG)  # the driver's debug log included
    try:
        with TestClient(create_app(settings), raise_server_exceptions=False) as c:
            for method, url, body in [("GET", "/quotes?speaker=Vestager", None),
                                      ("POST", "/cypher", {"query": "MATCH (n) RETURN n"}),
                                      ("GET", "/ready", None)]:
                r = c.request(method, url, json=body)
                assert r.status_code == 503, r.text
                bodies.append(r.text)
            guess = {"Authorization": "Bearer guess-" + TOKEN}
            unauthorised = c.post("/documents", json=DOC, headers=guess)
            assert unauthorised.status_code == 401
            bodies.append(unauthorised.text)
    finally:
        wait_until_auth_works(get_settings())
    out, err = capsys.readouterr()
    everything = "\n".join([*bodies, caplog.text, out, err, *(repr(r.__dict__) for r in caplog.records)])
    assert caplog.records, "nothing was logged: the check would prove nothing"
    for secret in (WRONG_PASSWORD, TOKEN, get_settings().neo4j_password.get_secret_value()):
        assert secret not in everything
    assert "Traceback" not in "\n".join(bodies)
    assert WRONG_PASSWORD not in repr(settings) and TOKEN not in str(settings.model_dump())


def test_cli_with_wrong_password_names_the_problem_not_the_password(populated: Driver) -> None:
    env = {**os.environ, "POLICYGRAPH_NEO4J_PASSWORD": WRONG_PASSWORD, "COLUMNS": "200"}
    try:
        proc = subprocess.run([sys.executable, "-m", "policygraph.cli", "ingest", "tests/data/graph"],
                              env=env, capture_output=True, text=True, timeout=120, check=False)
    finally:
        wait_until_auth_works(get_settings())
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "password" in output.lower(), output
    assert WRONG_PASSWORD not in output and "Traceback" not in output
