"""Every notebook executed in a real kernel against the run's Neo4j with the sample corpus loaded."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from neo4j import Driver

from notebooks.helpers import run

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
NB_DIR = ROOT / "notebooks"


def execute(name: str) -> tuple[str, list[str]]:
    """Run the notebook (any cell error raises); return its text outputs and output mime types.

    The kernel inherits this process's `POLICYGRAPH_*` environment and starts in the repo root,
    so it reads the same settings (and `.env`) as the test run.
    """
    nb = nbformat.read(NB_DIR / name, as_version=4)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    texts, mimes = [], []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                texts.append(out.text)
            for mime, value in out.get("data", {}).items():
                mimes.append(mime)
                if mime in ("text/plain", "text/html"):
                    texts.append(value)
    return "\n".join(texts), mimes


def test_who_said_what_shows_the_top_speakers_quotes(sample_graph: Driver) -> None:
    text, mimes = execute("01_who_said_what.ipynb")
    quotes = run(
        "read/quotes_latest",
        driver_=sample_graph,
        **{"from": None, "to": None},
        min_confidence=None,
        offset=0,
        limit=500,
    )
    speaker = Counter(q["speaker"]["name"] for q in quotes).most_common(1)[0][0]  # as the notebook picks
    theirs = [q["quote"]["text"] for q in quotes if q["speaker"]["name"] == speaker]
    assert f"{speaker}: {len(theirs)} quotes" in text
    assert all(quote in text for quote in theirs)
    assert "<table>" in text and "image/png" in mimes  # the %%cypher --graph cell


def test_actor_network_ranks_and_groups_every_actor(sample_graph: Driver) -> None:
    text, mimes = execute("02_actor_network.ipynb")
    actors = run("notebooks/actors", driver_=sample_graph)
    top = max(actors, key=lambda a: a["pagerank"] or 0.0)
    assert top["name"] in text and "community 0:" in text
    assert mimes.count("image/png") >= 2  # matplotlib drawing and the %%cypher --graph cell


def test_funding_flows_lists_amounts_as_written(sample_graph: Driver) -> None:
    text, mimes = execute("03_funding_flows.ipynb")
    every = {
        "key": None,
        "source_keys": None,
        "target_keys": None,
        "min_amount": None,
        "min_confidence": None,
    }
    flows = run("read/funding", driver_=sample_graph, **every, offset=0, limit=1000)
    assert flows and all(f["amount"] in text for f in flows)
    assert mimes.count("image/png") >= 2
