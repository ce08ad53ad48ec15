"""`%%cypher`: argument parsing, rendering and registration without a kernel; one run on real Neo4j."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import networkx as nx
import pytest
from IPython.core.interactiveshell import InteractiveShell
from neo4j import Driver

import notebooks.magic
from api.browser import read as browser_file
from graph.db import close_driver
from notebooks.magic import LABEL_COLOURS, CypherResult, load_ipython_extension, parse_params

EMPTY = CypherResult(records=[], graph=nx.MultiDiGraph())


@pytest.fixture
def shell() -> InteractiveShell:
    ip = InteractiveShell.instance()
    load_ipython_extension(ip)
    return ip


def test_params_decode_json_and_keep_text() -> None:
    assert parse_params(["n=3", 'names=["a", "b"]', "who=Mara Velasquez", "flag=true"]) == {
        "n": 3,
        "names": ["a", "b"],
        "who": "Mara Velasquez",
        "flag": True,
    }


def test_quoted_params_with_spaces_come_through(
    shell: InteractiveShell, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(notebooks.magic, "query", lambda text, params=None: seen.update(params) or EMPTY)
    shell.run_cell_magic("cypher", "--param \"who=Mara Velasquez\" -p 'n=2'", "RETURN $who, $n")
    assert seen == {"who": "Mara Velasquez", "n": 2}


@pytest.mark.parametrize("bad", ["novalue", "=3"])
def test_params_refuse_pairs_without_a_name(bad: str) -> None:
    with pytest.raises(ValueError, match="name=value"):
        parse_params([bad])


def test_colours_match_the_browser_style() -> None:
    grass = browser_file("style.grass")
    for label, colour in LABEL_COLOURS.items():
        rule = re.search(rf"node\.{label}\s*\{{([^}}]*)\}}", grass)
        assert rule and f"color: {colour};" in rule.group(1), label


def test_empty_result_renders_a_note() -> None:
    assert "no rows" in CypherResult(records=[], graph=nx.MultiDiGraph())._repr_html_()


def test_extension_registers_the_cell_magic(shell: InteractiveShell) -> None:
    assert "cypher" in shell.magics_manager.magics["cell"]


def test_magic_passes_params_from_flags_and_notebook_variables(
    shell: InteractiveShell, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_query(
        text: str, params: dict[str, Any] | None = None, driver: Driver | None = None
    ) -> CypherResult:
        seen.update(text=text, params=params)
        return CypherResult(records=[], graph=nx.MultiDiGraph())

    monkeypatch.setattr(notebooks.magic, "query", fake_query)
    shell.user_ns["who"] = "Mara"
    result = shell.run_cell_magic("cypher", "--param limit=5", "MATCH (a {name: $who}) RETURN a LIMIT $limit")
    assert isinstance(result, CypherResult)
    assert seen["params"] == {"limit": 5, "who": "Mara"}


@pytest.fixture
def process_driver() -> Iterator[None]:
    """The magic uses the process-wide driver (as in a notebook); close it after the test."""
    yield
    close_driver()


@pytest.mark.integration
@pytest.mark.usefixtures("process_driver")
def test_magic_on_the_sample_draws_roles(sample_graph: Driver, shell: InteractiveShell) -> None:
    result = shell.run_cell_magic(
        "cypher", "--graph", "MATCH role = (:Person)-[:HOLDS_ROLE]->(:Actor) RETURN role LIMIT 5"
    )
    assert result.rows, "the sample has roles"
    assert "<table>" in result._repr_html_() and "[:HOLDS_ROLE]" in result._repr_html_()
    labels = {lb for _, data in result.graph.nodes(data=True) for lb in data["labels"]}
    assert {"Person", "Actor"} <= labels
    assert {d["type"] for _, _, d in result.graph.edges(data=True)} == {"HOLDS_ROLE"}
    assert result.png().startswith(b"\x89PNG")
