"""The committed notebooks: generated from notebooks/build.py, outputs cleared, queries that exist."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from graph.cypher import names
from notebooks.build import build

NB_DIR = Path(__file__).resolve().parents[2] / "notebooks"
NOTEBOOKS = sorted(NB_DIR.glob("*.ipynb"))


def test_the_three_notebooks_exist() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01_who_said_what.ipynb",
        "02_actor_network.ipynb",
        "03_funding_flows.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_outputs_are_cleared(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: run build.py"


def test_committed_notebooks_match_the_generator(tmp_path: Path) -> None:
    build(tmp_path)
    for path in NOTEBOOKS:
        assert (tmp_path / path.name).read_text() == path.read_text(), f"{path.name} edited by hand?"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_named_queries_exist_and_magic_is_used(path: Path) -> None:
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    used = re.findall(r'run\("([\w/]+)"', source)
    assert used and set(used) <= set(names())
    assert "%load_ext notebooks.magic" in source and "%%cypher" in source
