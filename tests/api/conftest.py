"""API fixtures: the seeded graph (shared `clean_graph` + tests/data/api_seed.json through the real
writer) and test clients."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.main import create_app
from graph import cypher
from graph.model import (
    Actor,
    ActorType,
    Document,
    Evidence,
    Extraction,
    Fact,
    Funding,
    Mention,
    Quote,
    Role,
)
from graph.settings import Settings
from graph.writer import GraphWriter

SEED = Path(__file__).parents[1] / "data" / "api_seed.json"
_SENTENCE_START = re.compile(r'(?<=[.!?"]) (?=[A-Z"])')


def _sentence(text: str, start: int) -> tuple[int, str]:
    """Index and text of the sentence holding offset `start` (the seed's texts are simple prose)."""
    bounds = [0] + [m.end() for m in _SENTENCE_START.finditer(text)]
    i = max(n for n, b in enumerate(bounds) if b <= start)
    end = bounds[i + 1] - 1 if i + 1 < len(bounds) else len(text)
    return i, text[bounds[i]:end].strip()


def seed_extractions() -> list[Extraction]:
    """tests/data/api_seed.json as `Extraction`s; every offset is located in the real text."""
    data = json.loads(SEED.read_text(encoding="utf-8"))
    actors = {a["key"]: Actor(key=a["key"], name=a["name"], type=ActorType(a["type"]),
                              aliases=tuple(a["aliases"])) for a in data["actors"]}
    out = []
    for d in data["documents"]:
        doc = Document(source=d["source"], text=d["text"], title=d["title"], url=d["url"],
                       published=date.fromisoformat(d["published"]))

        def ev(span: str, extractor: str, confidence: float, doc: Document = doc) -> Evidence:
            start = doc.text.index(span)
            index, sentence = _sentence(doc.text, start)
            return Evidence(doc_id=doc.id, sentence_index=index, sentence=sentence, start=start,
                            end=start + len(span), extractor=extractor, confidence=confidence)

        facts: list[Fact] = []
        for q in d["quotes"]:
            e = ev(q["text"], "quotes", 0.9)
            facts.append(Quote(speaker=actors[q["speaker"]], text=q["text"], start=e.start,
                               end=e.end, about=tuple(actors[k] for k in q["about"]), evidence=e))
        for r in d["roles"]:
            facts.append(Role(person=actors[r["person"]], org=actors[r["org"]], title=r["title"],
                              evidence=ev(r["span"], "roles", 0.85)))
        for f in d["funding"]:
            facts.append(Funding(source=actors[f["source"]], target=actors[f["target"]], amount=f["amount"],
                                 amount_value=f["amount_value"], currency=f["currency"], period=f["period"],
                                 evidence=ev(f["span"], "funding", 0.8)))
        for key in d["mentions"]:
            a = actors[key]
            name = next(n for n in (a.name, *a.aliases) if n in doc.text)
            facts.append(Mention(actor=a, evidence=ev(name, "mentions", 0.7)))
        used = {k for k in actors if k in {x for f in facts for x in _keys(f)}}
        used_actors = tuple(actors[k] for k in sorted(used))
        out.append(Extraction(document=doc, actors=used_actors, facts=tuple(facts)))
    return out


def _keys(fact: Fact) -> list[str]:
    if isinstance(fact, Quote):
        return [fact.speaker.key, *(a.key for a in fact.about)]
    if isinstance(fact, Role):
        return [fact.person.key, fact.org.key]
    if isinstance(fact, Funding):
        return [fact.source.key, fact.target.key]
    return [fact.actor.key]


@pytest.fixture(scope="module")
def seeded(clean_graph: Driver) -> Driver:
    """The run's Neo4j, emptied, schema applied, and the seed written by the real `GraphWriter`."""
    writer = GraphWriter(clean_graph)
    assert {r.status for r in writer.write_many(seed_extractions())} == {"new"}
    return clean_graph


def api_settings(**overrides: Any) -> Settings:
    base: dict[str, Any] = {"cypher_timeout_s": 2.0, "cypher_row_cap": 50, "api_max_body_bytes": 20_000,
                            "api_token": None}
    return Settings(**{**base, **overrides})


@pytest.fixture
def make_settings() -> Callable[..., Settings]:
    """Test settings (small timeout, row cap and body limit) with overrides."""
    return api_settings


@pytest.fixture(scope="module")
def client(seeded: Driver) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings()), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def counts(seeded: Driver) -> Callable[[], dict[str, int]]:
    """Node, relationship, index and constraint counts, to prove a refused query changed nothing."""

    def _counts() -> dict[str, int]:
        with seeded.session() as session:
            row = session.run(cypher.load("admin/count_graph")).single(strict=True)
            indexes = session.run(cypher.load("read/schema_status")).data()
            constraints = session.run(cypher.load("read/constraints")).data()
        return {"nodes": row["nodes"], "relationships": row["relationships"],
                "indexes": len(indexes), "constraints": len(constraints)}

    return _counts


@pytest.fixture
def document_text(seeded: Driver) -> Callable[[str], str]:
    """A document's full text by id, to check evidence offsets against."""

    def _text(doc_id: str) -> str:
        with seeded.session() as session:
            record = session.run(cypher.load("read/document_text"), id=doc_id).single(strict=True)
        return str(record["text"])

    return _text
