"""Static checks without Neo4j: every named query exists and loads; every endpoint documents an example."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from api.main import create_app
from graph import cypher
from graph.settings import Settings

ROOT = Path(__file__).parents[2]
_NAME_USE = re.compile(r"""(?:\bload|\b_read)\(\s*["']([\w/]+)["']""")


def names_used_in_code() -> set[str]:
    used: set[str] = set()
    for folder in ("graph", "api"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(_NAME_USE.findall(path.read_text(encoding="utf-8")))
    return used


def test_every_query_file_loads_as_one_statement() -> None:
    names = cypher.names()
    assert "read/quotes" in names
    for name in names:
        text = cypher.load(name)
        body = text.rstrip().rstrip(";")
        assert ";" not in re.sub(r"'[^']*'|\"[^\"]*\"", "", body), f"{name} holds more than one statement"


def test_every_name_used_in_code_exists() -> None:
    used = names_used_in_code()
    assert {"read/quotes", "read/actor_search", "read/paths"} <= used
    missing = sorted(used - set(cypher.names()))
    assert not missing, f"queries named in code but missing from queries/: {missing}"


def test_read_queries_stay_small() -> None:
    for name in cypher.names("read"):
        lines = cypher.load(name).splitlines()
        assert 1 <= len(lines) <= 30, name


def _has_example(op: dict[str, Any], spec: dict[str, Any]) -> bool:
    def schema_example(content: dict[str, Any]) -> bool:
        for media in content.values():
            if "example" in media or "examples" in media:
                return True
            ref = media.get("schema", {}).get("$ref", "")
            if ref:
                schema = spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]
                if "examples" in schema or "example" in schema:
                    return True
        return False

    ok = op.get("responses", {}).get("200", {}).get("content", {})
    return schema_example(ok) or schema_example(op.get("requestBody", {}).get("content", {}))


@pytest.mark.parametrize("prefix", ["/quotes", "/actors", "/paths", "/funding", "/cypher", "/documents",
                                    "/health", "/ready"])
def test_every_endpoint_has_an_example(prefix: str) -> None:
    spec = create_app(Settings()).openapi()
    ops = [(path, method, op) for path, item in spec["paths"].items() if path.startswith(prefix)
           for method, op in item.items()]
    assert ops
    for path, method, op in ops:
        assert _has_example(op, spec), f"{method.upper()} {path} has no example"
        assert op.get("summary") and op.get("description"), f"{method.upper()} {path} has no docstring"
