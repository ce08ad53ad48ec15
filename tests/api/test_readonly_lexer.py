"""The static guard without Neo4j: what it must refuse and what it must let through."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import ReadOnlyViolation
from graph.readonly import check_read_only, lex

ALLOWED = [
    "MATCH (a:Actor) RETURN a.name LIMIT 5",
    "match (a:Actor {key: $key}) return a",
    "MATCH (n) WHERE n.name = 'LOAD CSV FROM x' RETURN n",
    "MATCH (n) // CALL dbms.listConfig()\nRETURN n",
    "MATCH (n) /* LOAD CSV */ RETURN n;",
    "MATCH (`profile`:Actor) RETURN `profile`.name",
    "MATCH (n) RETURN n.profile, n.use, {explain: 1} AS m",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.index.fulltext.queryNodes('actor_names', $q) YIELD node RETURN node",
    "CALL () { MATCH (n) RETURN n } RETURN n",
    "UNWIND range(1, 3) AS x CALL (x) { RETURN x * 2 AS y } RETURN y",
    "RETURN date.truncate('month', date()) AS d, point.distance(point({x:1,y:1}), point({x:0,y:0}))",
    "SHOW INDEXES",
    "SHOW FULLTEXT INDEXES",
    "SHOW CONSTRAINTS",
    "SHOW INDEXES YIELD * WHERE name STARTS WITH 'actor' RETURN name, state",
    "RETURN 'it\\'s' AS s, \"dq \\\" \" AS t",
    "RETURN '\\u00e9' AS e",
]

REFUSED = [
    "",
    "   // only a comment",
    "CREATE (n:X)",
    "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "MATCH (n) WITH n LOAD CSV FROM 'http://example.com/x.csv' AS l RETURN l",
    "match (n) with n lOaD /* hi */ cSv from 'file:///x' as l return l",
    "CALL dbms.listConfig()",
    "CALL dbms.showCurrentUser()",
    "CALL apoc.load.json('file:///x')",
    "CALL `apoc`.`load`.`json`('x')",
    "CALL db.createLabel('X')",
    "CALL db.createProperty('x')",
    "MATCH (n) CALL apoc.create.node(['X'], {}) YIELD node RETURN node",
    "RETURN apoc.version()",
    "RETURN gds.version()",
    "EXPLAIN MATCH (n) RETURN n",
    "PROFILE MATCH (n) RETURN n",
    "explain create (n)",
    "CYPHER runtime=slotted MATCH (n) RETURN n",
    "USE system SHOW USERS",
    "SHOW USERS",
    "SHOW SETTINGS",
    "SHOW TRANSACTIONS",
    "SHOW PROCEDURES",
    "SHOW FUNCTIONS YIELD *",
    "SHOW INDEXES YIELD name CALL dbms.listConfig() YIELD value RETURN value",
    "SHOW 'x' INDEXES",
    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
    "MATCH (n) RETURN n; CREATE (m)",
    "\\u0043REATE (n)",
    "MATCH (n) RETURN n \\u003b CREATE (m)",
    "RETURN '\\u0027; CREATE (m) //' AS x",
    "MATCH (n) \\u004cOAD CSV FROM 'file:///x' AS l RETURN l",
    "RETURN 'unterminated",
    "MATCH (n) /* unterminated",
    "DROP INDEX actor_names",
    "CREATE CONSTRAINT x FOR (n:X) REQUIRE n.id IS UNIQUE",
    "ALTER USER neo4j SET PASSWORD 'x'",
    "RETURN 1 AS \\u0061",
    "MATCH (n) RETURN n\x00",
]


@pytest.mark.parametrize("query", ALLOWED)
def test_allowed(query: str) -> None:
    check_read_only(query)


@pytest.mark.parametrize("query", REFUSED)
def test_refused(query: str) -> None:
    with pytest.raises(ReadOnlyViolation):
        check_read_only(query)


def test_lexer_keeps_strings_and_backticks_whole() -> None:
    kinds = [(t.kind, t.text) for t in lex("MATCH (`a b`) WHERE a.x = 'CALL x' RETURN $p")]
    assert ("quoted", "a b") in kinds
    assert ("string", "CALL x") in kinds
    assert ("param", "p") in kinds
    assert not any(t == ("word", "CALL") for t in kinds)


def test_long_query_refused() -> None:
    with pytest.raises(ReadOnlyViolation):
        check_read_only("RETURN 1 " + " " * 30_000)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_accepted_or_refused_never_crashes(text: str) -> None:
    with contextlib.suppress(ReadOnlyViolation):
        check_read_only(text)


FORBIDDEN = ["LOAD CSV FROM 'file:///x' AS l", "CALL dbms.listConfig()", "CALL apoc.load.json('x')",
             "CALL db.createLabel('X')", "RETURN apoc.version() AS v WITH 1 AS x"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["MATCH (n) ", "RETURN 1 ", "WITH 1 AS x "]), st.sampled_from(FORBIDDEN),
       st.sampled_from(["", "/* c */", "// c\n", "  ", "\n"]))
def test_procedures_and_csv_refused_whatever_the_padding(start: str, word: str, pad: str) -> None:
    query = f"{start}{pad}{word.lower() if len(pad) % 2 else word}{pad} RETURN 1"
    with pytest.raises(ReadOnlyViolation):
        check_read_only(query)
