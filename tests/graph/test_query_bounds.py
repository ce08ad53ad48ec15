"""The static bounds without Neo4j: which runaway expressions are refused, and what still runs."""

from __future__ import annotations

import pytest

from graph.errors import QueryRefused, ReadOnlyViolation
from graph.query_bounds import MAX_RANGE, check_bounds, check_pattern

ALLOWED: list[tuple[str, dict[str, object]]] = [
    ("MATCH (a:Actor {key: $key}) RETURN a.name AS name", {"key": "x"}),
    ("UNWIND range(1, 500) AS x RETURN x", {}),
    (f"UNWIND range(1, {MAX_RANGE}) AS x RETURN count(x)", {}),
    ("UNWIND range(0, $n, 2) AS x RETURN x", {"n": 1000}),
    ("RETURN range(10, 0, -1) AS down, range(0x10, 0x20) AS hex", {}),
    ("MATCH p = (a:Actor)-[*..3]-(b) RETURN [n IN nodes(p) | n.name] AS names LIMIT 5", {}),
    ("MATCH p = (a)-[*..3]-(b) RETURN reduce(t = 0, r IN relationships(p) | t + r.amount_value) AS w", {}),
    ("MATCH p = (a)-[*..3]-(b) WHERE all(n IN nodes(p) WHERE n.key IN $keys) RETURN p LIMIT 1",
     {"keys": ["a", "b"]}),
    ("MATCH (q:Quote) WHERE q.text =~ '(?i).*ai act.*' RETURN q.text", {}),
    ("MATCH (q:Quote) WHERE q.text =~ $p RETURN q.text", {"p": "(?i)^the [a-z]+ act"}),
    ("MATCH (q:Quote) WHERE q.text =~ '\\\\d{4}-\\\\d{2}' RETURN q.text", {}),
    ("RETURN [x IN range(1, 1000) | [y IN range(1, 1000) | x * y]] AS grid", {}),
    ("RETURN reduce(s = '', x IN range(1, 10000) | s + 'a') AS s", {}),
    ("RETURN reduce(total = 0, x IN $xs | total + x) AS total", {"xs": [1, 2, 3]}),
    ("RETURN [x IN [1, 2, 3] WHERE x IN [2, 3] | x] AS xs", {}),
    ("MATCH (a:Actor) WHERE any(l IN labels(a) WHERE l IN ['Person', 'Policy']) RETURN a.key", {}),
    ("MATCH (n) RETURN [k IN keys(n) | n[k]] AS values LIMIT 2", {}),
    ("MATCH (q:Quote) WITH collect(q.text) AS texts RETURN [t IN texts WHERE t CONTAINS 'AI'] AS ai", {}),
    ("MATCH (n) RETURN n.range, n.reduce, {any: 1} AS m LIMIT 1", {}),
    ("RETURN 'range(1, 99999999999)' AS text, '=~' AS op", {}),
]

REFUSED: list[tuple[str, dict[str, object], str]] = [
    ("RETURN reduce(s = '', x IN range(1, 50000000) | s + 'aaaaaaaaaa') AS s", {}, "range()"),
    (f"UNWIND range(1, {MAX_RANGE + 1}) AS x RETURN x", {}, "at most"),
    ("UNWIND range(1, $n) AS x RETURN count(x)", {"n": 10**10}, "range()"),
    ("UNWIND range(1, $n) AS x RETURN count(x)", {"n": "10"}, "integer"),
    ("UNWIND range(1, $n) AS x RETURN count(x)", {}, "integer"),
    ("MATCH (a) UNWIND range(1, size(a.name)) AS x RETURN x", {}, "integer"),
    ("UNWIND range(1, 10, 0) AS x RETURN x", {}, "step"),
    ("UNWIND range(1, 1e9) AS x RETURN x", {}, "integer"),
    ("RETURN size(reduce(s = 'ab', x IN range(1, 40) | s + s)) AS n", {}, "accumulator"),
    ("RETURN size(reduce(l = [1], x IN range(1, 40) | l + l)) AS n", {}, "accumulator"),
    ("MATCH (q:Quote) WITH collect(q.text) AS t RETURN reduce(s = '', x IN t | s + x) AS all", {}, "fold"),
    ("RETURN reduce(s = '', x IN range(1, 20000) | s + 'a') AS s", {}, "fold"),
    ("RETURN size([x IN range(1, 100000) | [y IN range(1, 100000) | x + y]]) AS n", {}, "nested loops"),
    ("RETURN [x IN range(1, 1000) | [y IN range(1, 1000) | [z IN range(1, 1000) | 1]]]", {}, "nested"),
    ("RETURN any(x IN range(1, 1000000) WHERE x IN range(1, 1000000)) AS b", {}, "nested"),
    ("MATCH (q:Quote) WITH collect(q) AS qs RETURN [a IN qs | [b IN qs | a.text + b.text]]", {},
     "known size"),
    ("RETURN [x IN range(1, 1000000) WHERE x IN $big] AS xs", {"big": list(range(10_000))}, "nested"),
    ("RETURN 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' =~ '(a+)+$' AS m", {}, "nested quantifiers"),
    ("RETURN 'x' =~ '(a|aa)*b' AS m", {}, "alternation"),
    ("RETURN 'x' =~ '(?:a*)*b' AS m", {}, "nested quantifiers"),
    ("RETURN 'x' =~ '.*.*.*.*X' AS m", {}, "unbounded"),
    ("RETURN 'x' =~ '(a)\\\\1' AS m", {}, "backreference"),
    ("RETURN 'x' =~ 'a{1000}' AS m", {}, "repetition"),
    ("RETURN 'x' =~ '\\u0028a+\\u0029+$' AS m", {}, "nested quantifiers"),
    ("MATCH (q:Quote) WHERE q.text =~ $p RETURN q", {"p": "((\\w|\\s)*)*X"}, "quantifier"),
    ("MATCH (q:Quote) WHERE q.text =~ $p RETURN q", {"p": 3}, "string"),
    ("MATCH (q:Quote), (r:Quote) WHERE q.text =~ r.text RETURN q", {}, "literal or a parameter"),
    ("MATCH (q:Quote) WHERE q.text =~ '.*' + 'a+' RETURN q", {}, "literal or a parameter"),
]


@pytest.mark.parametrize(("query", "params"), ALLOWED, ids=[q[:50] for q, _ in ALLOWED])
def test_allowed(query: str, params: dict[str, object]) -> None:
    check_bounds(query, params)


@pytest.mark.parametrize(("query", "params", "reason"), REFUSED, ids=[q[:50] for q, _, _ in REFUSED])
def test_refused_with_the_reason(query: str, params: dict[str, object], reason: str) -> None:
    with pytest.raises(QueryRefused) as refused:
        check_bounds(query, params)
    assert reason in str(refused.value)
    assert isinstance(refused.value, ReadOnlyViolation) and refused.value.status == 400


@pytest.mark.parametrize("pattern", ["abc", "(?i)^vestager$", "[a-z]+ act", "x{2,5}", "(ab)?c", "a|b|c",
                                     "\\(a+\\)+", "[(]a+[)]+"])
def test_harmless_patterns(pattern: str) -> None:
    check_pattern(pattern)
