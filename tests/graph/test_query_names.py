"""Every query name the graph code uses exists as a file, and every graph query file loads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph import cypher
from graph.relations import RELATIONS

ROOT = Path(__file__).parents[2]
_NAME = re.compile(r"\"((?:load|schema|admin|analytics|bulk)/[a-z0-9_]+)\"")
MINE = ("load", "schema", "admin", "analytics", "bulk")


def used_names() -> set[str]:
    """Names written in the code, and the load statement of every declared relationship type."""
    found = {rel.statement for rel in RELATIONS}
    for folder in ("graph", "localserver", "policygraph", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            found |= set(_NAME.findall(path.read_text(encoding="utf-8")))
    return found


def test_code_uses_graph_queries() -> None:
    assert {"load/lock_document", "load/merge_said", "analytics/actor_edges"} <= used_names()


@pytest.mark.parametrize("name", sorted(used_names()))
def test_every_used_name_exists(name: str) -> None:
    assert cypher.load(name)


@pytest.mark.parametrize("name", [n for prefix in MINE for n in cypher.names(prefix)])
def test_every_query_file_loads(name: str) -> None:
    text = cypher.load(name)
    assert ";" not in text.rstrip(";"), "one statement per file"
