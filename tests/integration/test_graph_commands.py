"""`ingest`, `delete` and `analyze` commands end to end, with the extractor stubbed by hand-built facts."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import typer
from graph_facts import DATA, sample, snapshot
from neo4j import Driver
from typer.testing import CliRunner

from graph.model import Document, Extraction
from graph.schema import clear_graph
from policygraph.commands.analyze import analyze
from policygraph.commands.delete import delete
from policygraph.commands.ingest import ingest

pytestmark = pytest.mark.integration

app = typer.Typer()
app.command("ingest")(ingest)
app.command("delete")(delete)
app.command("analyze")(analyze)
runner = CliRunner()


def fake_extract_each(docs: Iterable[Document], *_: object, **__: object) -> Iterator[Extraction]:
    """Stands in for ingest.pipeline: the hand-built facts for each sample text, by source."""
    by_source = {ex.document.source: ex for ex in sample()}
    for doc in docs:
        ex = by_source[doc.source]
        assert ex.document.id == doc.id
        yield ex.model_copy(update={"document": doc})


@pytest.fixture
def graph(clean_graph: Driver, monkeypatch: pytest.MonkeyPatch) -> Driver:
    clear_graph(clean_graph)
    stub = types.ModuleType("ingest.pipeline")
    stub.extract_each = fake_extract_each  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ingest.pipeline", stub)
    monkeypatch.chdir(DATA.parents[2])  # sources are the paths as typed: tests/data/graph/...
    return clean_graph


def flat(output: str) -> str:
    """Output with table borders and line wrapping removed, for width-independent asserts."""
    return " ".join(output.replace("│", " ").replace("┃", " ").split())


def texts() -> list[str]:
    return [str(Path("tests/data/graph") / n) for n in ("ai-act.txt", "uk-safety.txt", "chips.txt")]


def test_ingest_reports_new_then_unchanged(graph: Driver) -> None:
    first = runner.invoke(app, ["ingest", *texts(), "--published", "2024-03-13"])
    assert first.exit_code == 0, first.output
    assert "documents new 3" in flat(first.output)
    before = snapshot(graph)
    again = runner.invoke(app, ["ingest", "tests/data/graph"])  # the folder: same three .txt files
    assert again.exit_code == 0, again.output
    assert "documents unchanged 3" in flat(again.output)
    assert snapshot(graph) == before


def test_ingest_fails_on_an_unreadable_file(graph: Driver, tmp_path: Path) -> None:
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(app, ["ingest", texts()[0], str(binary)])
    assert result.exit_code == 1
    assert "binary" in result.output


def test_delete_and_analyze(graph: Driver) -> None:
    assert runner.invoke(app, ["ingest", *texts()]).exit_code == 0
    result = runner.invoke(app, ["analyze", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "European Commission" in result.output
    result = runner.invoke(app, ["delete", texts()[1]])
    assert result.exit_code == 0, result.output
    assert "2 orphaned actors" in flat(result.output)
    assert runner.invoke(app, ["delete", texts()[1]]).exit_code == 1
