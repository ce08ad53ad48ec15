"""Every hostile query is stopped by at least two independent layers, each shown on the real Neo4j.

Layers: `guard` (the static lexer, graph.readonly), `explain` (EXPLAIN reports a query type other than
read, or refuses to plan it), `read_tx` (Neo4j refuses to write inside a READ transaction) and `server`
(the server's configuration: file URLs off, network blocked, procedures not loaded). Each layer is tested
alone, with the others bypassed; then the whole path (POST /cypher) must answer 4xx with nothing changed.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient
from neo4j import READ_ACCESS, Driver
from neo4j.exceptions import ClientError, Neo4jError

from api.main import create_app
from graph.errors import ReadOnlyViolation
from graph.readonly import check_read_only
from graph.settings import Settings

pytestmark = pytest.mark.integration

G, E, R, S = "guard", "explain", "read_tx", "server"
HTTP = "http://127.0.0.1:{port}/hit.csv"

# name: (query, layers that must each refuse it on their own)
CASES: dict[str, tuple[str, set[str]]] = {
    "create": ("CREATE (n:Hacked) RETURN n", {G, E, R}),
    "merge": ("MERGE (n:Actor {key: 'hacked'}) RETURN n", {G, E, R}),
    "match_create": ("MATCH (a:Actor) CREATE (a)-[:HACKED]->(:Hacked)", {E, R}),
    "merge_relationship": ("MATCH (a:Actor), (b:Actor) MERGE (a)-[:FUNDS]->(b)", {E, R}),
    "set_property": ("MATCH (a:Actor) SET a.name = 'hacked' RETURN a", {E, R}),
    "set_label": ("MATCH (a:Actor) SET a:Hacked", {E, R}),
    "set_all_properties": ("MATCH (a:Actor) SET a = {}", {E, R}),
    "set_from_params": ("MATCH (a:Actor) WHERE a.key = $k SET a.x = $v", {E, R}),
    "remove": ("MATCH (a:Actor) REMOVE a.name RETURN a", {E, R}),
    "delete": ("MATCH (q:Quote) DELETE q", {E, R}),
    "detach_delete": ("MATCH (n) DETACH DELETE n", {E, R}),
    "foreach_write": ("MATCH (a:Actor) WITH collect(a) AS xs FOREACH (x IN xs | SET x.hacked = 1)", {E, R}),
    "call_subquery_write": ("CALL () { CREATE (n:Hacked) RETURN n } RETURN n", {E, R}),
    "call_subquery_old_write": ("MATCH (a:Actor) CALL { WITH a DETACH DELETE a } RETURN 1", {E, R}),
    "call_in_transactions": ("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS RETURN 1", {E, R}),
    "unwind_merge": ("UNWIND range(1, 3) AS i MERGE (:Hacked {i: i})", {E, R}),
    "with_create": ("WITH 1 AS x CREATE (:Hacked {x: x})", {E, R}),
    "optional_match_set": ("OPTIONAL MATCH (a:Actor) SET a.x = 1", {E, R}),
    "comment_hidden_write": ("MATCH (n) /* RETURN n */ DETACH DELETE n", {E, R}),
    "mixed_case": ("mAtCh (n) DeTaCh DeLeTe n", {E, R}),
    "unicode_escape_keyword": ("\\u0043REATE (n:Hacked)", {G, E, S}),
    "profile_wrapper": ("PROFILE MATCH (n) DETACH DELETE n", {G, E, R}),
    "explain_wrapper": ("EXPLAIN MATCH (n) DETACH DELETE n", {G, E}),
    "create_index": ("CREATE INDEX hacked FOR (n:Actor) ON (n.hacked)", {G, E, R}),
    "create_constraint": ("CREATE CONSTRAINT hacked FOR (n:Hacked) REQUIRE n.id IS UNIQUE", {G, E, R}),
    "drop_index": ("DROP INDEX actor_names", {G, E, R}),
    "drop_constraint": ("DROP CONSTRAINT actor_key", {G, E, R}),
    "db_create_label": ("CALL db.createLabel('Hacked')", {G, E, R}),
    "db_create_property": ("CALL db.createProperty('hacked')", {G, E, R}),
    "several_statements": ("MATCH (n) RETURN count(n); MATCH (n) DETACH DELETE n", {G, S}),
    # files and network
    "load_csv_file": ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", {G, S}),
    "load_csv_file_lowercase": ("load csv from 'file:///etc/hostname' as l return l", {G, S}),
    "load_csv_dynamic_url": ("WITH 'file:///etc/' + 'passwd' AS u LOAD CSV FROM u AS l RETURN l", {G, S}),
    "load_csv_http_loopback": (f"LOAD CSV FROM '{HTTP}' AS l RETURN l", {G, S}),
    "load_csv_http_headers": (f"LOAD CSV WITH HEADERS FROM '{HTTP}' AS row RETURN row", {G, S}),
    "apoc_load_json": ("CALL apoc.load.json('file:///etc/passwd')", {G, S}),
    "apoc_function": ("RETURN apoc.version()", {G, S}),
    # the DBMS and its users
    "dbms_list_config": ("CALL dbms.listConfig() YIELD name RETURN name", {G, E}),
    "dbms_components": ("CALL dbms.components()", {G, E}),
    "backtick_procedure": ("CALL `dbms`.`listConfig`() YIELD name RETURN name", {G, E}),
    "show_users": ("SHOW USERS", {G, E}),
    "use_system": ("USE system SHOW USERS", {G, S}),
    "clear_query_caches": ("CALL db.clearQueryCaches()", {G, E}),
    "tx_metadata": ("CALL tx.setMetaData({hacked: true})", {G, E}),
}
# Reads Neo4j itself does not object to; only the guard stops them. They disclose no secret.
GUARD_ONLY = {"show_settings": "SHOW SETTINGS", "show_procedures": "SHOW PROCEDURES",
              "show_functions": "SHOW FUNCTIONS"}
REFUSED_BY_SERVER = ("ExternalResourceFailed", "ProcedureNotFound", "UnknownFunction", "SyntaxError",
                     "Statement.", "Procedure.", "Security.")


class Hits(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Hits.seen.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"a,b\n1,2\n")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def http_port() -> Iterator[int]:
    """A loopback HTTP server that counts requests: any hit means Cypher reached the network."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hits)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


def query_of(name: str, port: int) -> str:
    return CASES[name][0].replace("{port}", str(port))


def counts(driver: Driver) -> dict[str, int]:
    with driver.session() as session:
        row = session.run("CALL () { MATCH (n) RETURN count(n) AS nodes } "
                          "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels").single()
        assert row is not None
        indexes = len(session.run("SHOW INDEXES").data())
        constraints = len(session.run("SHOW CONSTRAINTS").data())
    return {**row.data(), "indexes": indexes, "constraints": constraints}


@pytest.fixture(scope="module")
def graph(clean_graph: Driver) -> Driver:
    with clean_graph.session() as session:
        session.run("UNWIND range(1, 3) AS i MERGE (a:Actor:Person {key: 'person:p' + i}) "
                    "SET a.name = 'P' + i, a.type = 'Person' MERGE (q:Quote {id: 'q' + i}) "
                    "SET q.text = 'x' MERGE (a)-[:SAID {doc_id: 'd'}]->(q)").consume()
    return clean_graph


def in_read_tx(driver: Driver, query: str) -> None:
    with driver.session(default_access_mode=READ_ACCESS) as session:
        session.execute_read(lambda tx: tx.run(query, k="person:p1", v="hacked").consume())


def test_the_battery_is_large_and_twice_over() -> None:
    assert len(CASES) >= 30
    thin = [name for name, (_, layers) in CASES.items() if len(layers) < 2]
    assert not thin, f"blocked by fewer than two layers: {thin}"
    writes = [n for n, (_, layers) in CASES.items() if R in layers]
    assert all(E in CASES[n][1] for n in writes), "every write is refused by EXPLAIN and the READ tx"


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_layer_refuses_alone(graph: Driver, http_port: int, name: str) -> None:
    query, layers = query_of(name, http_port), CASES[name][1]
    before, hits = counts(graph), len(Hits.seen)
    if G in layers:
        with pytest.raises(ReadOnlyViolation):
            check_read_only(query)
    if E in layers:  # as UserCypher.run does it, inside a READ session
        with graph.session(default_access_mode=READ_ACCESS) as session:
            query_type: str | None
            try:
                query_type = session.run("EXPLAIN " + query, k="x", v="y").consume().query_type
            except Neo4jError:
                query_type = "refused"
        assert query_type != "r", f"EXPLAIN calls {name} a read"
    if R in layers:
        with pytest.raises(ClientError) as refused:
            in_read_tx(graph, query)
        assert "AccessMode" in (refused.value.code or "") or "Forbidden" in (refused.value.code or ""), \
            refused.value.code
    if S in layers:
        with pytest.raises(Neo4jError) as refused_by_server:
            in_read_tx(graph, query)
        code = refused_by_server.value.code or ""
        assert any(part in code for part in REFUSED_BY_SERVER), code
    assert counts(graph) == before
    assert len(Hits.seen) == hits, "Cypher reached the network"


@pytest.fixture(scope="module")
def client(graph: Driver) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(api_token=None, cypher_timeout_s=5.0)),
                    raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("name", sorted(CASES))
def test_post_cypher_refuses(client: TestClient, graph: Driver, http_port: int, name: str) -> None:
    before, hits = counts(graph), len(Hits.seen)
    r = client.post("/cypher", json={"query": query_of(name, http_port), "params": {"k": "x", "v": "y"}})
    assert 400 <= r.status_code < 500, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert counts(graph) == before and len(Hits.seen) == hits


@pytest.mark.parametrize("name", sorted(GUARD_ONLY))
def test_disclosures_only_the_guard_stops(client: TestClient, graph: Driver, name: str) -> None:
    """Known single layer: Neo4j runs these as reads. The guard's allow-list is what refuses them."""
    with pytest.raises(ReadOnlyViolation):
        check_read_only(GUARD_ONLY[name])
    with graph.session(default_access_mode=READ_ACCESS) as session:
        assert session.run("EXPLAIN " + GUARD_ONLY[name]).consume().query_type == "r"
    assert client.post("/cypher", json={"query": GUARD_ONLY[name]}).status_code == 400


def test_server_configuration_forbids_files_and_unlisted_procedures(graph: Driver) -> None:
    with graph.session() as session:
        settings = {r["name"]: r["value"] for r in session.run(
            "SHOW SETTINGS YIELD name, value WHERE name STARTS WITH 'dbms.security.' RETURN name, value")}
        procedures = {r["name"] for r in session.run("SHOW PROCEDURES YIELD name RETURN name")}
    assert settings["dbms.security.allow_csv_import_from_file_urls"] == "false"
    assert settings["dbms.security.procedures.unrestricted"] == ""
    allow = settings["dbms.security.procedures.allowlist"].split(",")
    assert not [p for p in allow if p.startswith(("apoc", "gds", "*"))], allow
    assert not [p for p in procedures if p.startswith(("apoc.", "gds."))]
