"""One shape per concept: one Evidence, one actor reference, and read queries that return all of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from graph import cypher
from graph.model import Evidence
from graph.views import ActorRef, CitedEvidence, NetworkNode, PathView

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("graph", "ingest", "api", "policygraph", "bench")
_PROJECTION = re.compile(r"(?:\w+ \{([^}]*)\} AS evidence|evidence: \w+ \{([^}]*)\})")


def classes_named(pattern: str) -> list[str]:
    found = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            lines = path.read_text(encoding="utf-8").splitlines()
            found += [f"{path.relative_to(ROOT)}: {line}" for line in lines if re.match(pattern, line)]
    return found


def test_one_evidence_and_one_actor_reference() -> None:
    assert classes_named(r"class Evidence") == ["graph/model.py: class Evidence(_Frozen):"]
    assert len(classes_named(r"class (ActorRef|PathNode)\b")) == 1
    assert classes_named(r"class (DocumentDeleted|DeleteResult)\b") == [
        "graph/writer.py: class DeleteResult(BaseModel):"]


@pytest.mark.parametrize("name", [n for n in cypher.names("read") if "evidence" in cypher.load(n)])
def test_read_queries_return_every_evidence_field(name: str) -> None:
    projections = [a or b for a, b in _PROJECTION.findall(cypher.load(name))]
    assert projections, f"{name}: no evidence projection found"
    for fields in projections:
        assert {f.strip().lstrip(".") for f in fields.split(",")} == set(Evidence.model_fields)


def test_evidence_without_its_sentence_is_refused() -> None:
    """The API's evidence is the writer's: a read query that forgets a field fails, not answers null."""
    full = {"doc_id": "d", "sentence_index": 0, "sentence": "S.", "start": 0, "end": 2, "extractor": "quotes",
            "extractor_version": "2", "confidence": 0.9}
    assert CitedEvidence(**full, title="T").model_dump() == full | {"title": "T", "url": None}
    with pytest.raises(ValidationError, match="sentence"):
        CitedEvidence(**{k: v for k, v in full.items() if k != "sentence"})


def test_views_of_actors_extend_the_one_reference() -> None:
    node = NetworkNode(key="person:a", name="A", type="Person", pagerank=0.1)
    assert isinstance(node, ActorRef)
    assert PathView.model_fields["nodes"].annotation == list[ActorRef]
