"""`min_confidence` on every read of facts: quotes, funding, an actor's profile, its network and paths
keep only what was extracted at least that confidently, the same cut `ingest --min-confidence` makes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.main import create_app
from graph.model import Actor, ActorType, Document, Evidence, Extraction, Fact, Funding, Quote, Role
from graph.writer import GraphWriter
from tests.api.conftest import api_settings

pytestmark = pytest.mark.integration

TEXT = (
    "Ada Brook, director of the Lumen Fund, said: “Chips matter.” "
    "Cal Dorn said the Quill Trust could help: “Maybe chips matter.” "
    "The Lumen Fund gave $5 million to Vela Labs. The Quill Trust may give $2 million to Vela Labs. "
    "Cal Dorn is perhaps a trustee of the Quill Trust."
)
SURE, UNSURE, CUT = 0.95, 0.55, 0.9


def _actor(key: str, name: str, type_: ActorType) -> Actor:
    return Actor(key=key, name=name, type=type_)


ADA = _actor("person:ada-brook", "Ada Brook", ActorType.PERSON)
CAL = _actor("person:cal-dorn", "Cal Dorn", ActorType.PERSON)
LUMEN = _actor("organisation:lumen-fund", "Lumen Fund", ActorType.ORGANISATION)
QUILL = _actor("organisation:quill-trust", "Quill Trust", ActorType.ORGANISATION)
VELA = _actor("organisation:vela-labs", "Vela Labs", ActorType.ORGANISATION)


def extraction() -> Extraction:
    """One document whose facts are each either sure (0.95) or unsure (0.55); offsets are real."""
    doc = Document(source="tests/confidence.txt", text=TEXT, title="Confidence", published=date(2026, 1, 5))

    def ev(span: str, confidence: float, extractor: str) -> Evidence:
        start = TEXT.index(span)
        return Evidence(doc_id=doc.id, sentence_index=0, sentence=span, start=start, end=start + len(span),
                        extractor=extractor, confidence=confidence)

    def quote(speaker: Actor, text: str, confidence: float) -> Quote:
        start = TEXT.index(text)
        return Quote(speaker=speaker, text=text, start=start, end=start + len(text), about=(VELA,),
                     evidence=ev(text, confidence, "quotes.after"))

    facts: list[Fact] = [
        quote(ADA, "Chips matter.", SURE),
        quote(CAL, "Maybe chips matter.", UNSURE),
        Role(person=ADA, org=LUMEN, title="director",
             evidence=ev("Ada Brook, director of the Lumen Fund", SURE, "roles.apposition")),
        Role(person=CAL, org=QUILL, title="trustee",
             evidence=ev("Cal Dorn is perhaps a trustee of the Quill Trust", UNSURE, "roles.copula")),
        Funding(source=LUMEN, target=VELA, amount="$5 million", amount_value=5e6, currency="USD",
                evidence=ev("The Lumen Fund gave $5 million to Vela Labs", SURE, "funding.verb")),
        Funding(source=QUILL, target=VELA, amount="$2 million", amount_value=2e6, currency="USD",
                evidence=ev("The Quill Trust may give $2 million to Vela Labs", UNSURE, "funding.verb")),
    ]
    return Extraction(document=doc, actors=(ADA, CAL, LUMEN, QUILL, VELA), facts=tuple(facts))


@pytest.fixture(scope="module")
def client(clean_graph: Driver) -> Iterator[TestClient]:
    (result,) = GraphWriter(clean_graph).write_many([extraction()])
    assert result.status == "new"
    with TestClient(create_app(api_settings(cache_entries=0)), raise_server_exceptions=False) as c:
        yield c


def _get(client: TestClient, path: str, **params: object) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_quotes(client: TestClient) -> None:
    every = _get(client, "/quotes")["items"]
    sure = _get(client, "/quotes", min_confidence=CUT)["items"]
    assert {q["text"] for q in every} == {"Chips matter.", "Maybe chips matter."}
    assert [(q["text"], q["speaker"]["key"]) for q in sure] == [("Chips matter.", ADA.key)]
    assert all(q["evidence"]["confidence"] >= CUT for q in sure)
    # the other anchors of /quotes filter alike
    assert _get(client, "/quotes", speaker="Cal Dorn", min_confidence=CUT)["items"] == []
    assert _get(client, "/quotes", mentions="Vela Labs", min_confidence=CUT)["items"] == sure
    assert len(_get(client, "/quotes", mentions="Vela Labs")["items"]) == 2


def test_funding(client: TestClient) -> None:
    every = {(f["source"]["key"], f["amount"]) for f in _get(client, "/funding")["items"]}
    sure = [(f["source"]["key"], f["amount"]) for f in _get(client, "/funding", min_confidence=CUT)["items"]]
    assert every == {(LUMEN.key, "$5 million"), (QUILL.key, "$2 million")}
    assert sure == [(LUMEN.key, "$5 million")]
    assert _get(client, "/funding", min_confidence=SURE)["items"] != []  # at least: the bound is inclusive


def test_actor_profile(client: TestClient) -> None:
    profile = _get(client, f"/actors/{CAL.key}")
    assert [r["other"]["key"] for r in profile["roles"]] == [QUILL.key]
    assert len(profile["latest_quotes"]) == 1
    sure = _get(client, f"/actors/{CAL.key}", min_confidence=CUT)
    assert sure["roles"] == [] and sure["latest_quotes"] == [] and sure["neighbours"] == []
    vela = _get(client, f"/actors/{VELA.key}", min_confidence=CUT)
    assert [f["source"]["key"] for f in vela["funding"]] == [LUMEN.key]


def test_network_and_paths(client: TestClient) -> None:
    def linked(**params: object) -> set[str]:
        return {n["key"] for n in _get(client, f"/actors/{VELA.key}/network", **params)["nodes"]}

    assert linked() == {VELA.key, LUMEN.key, QUILL.key, ADA.key, CAL.key}
    assert linked(min_confidence=CUT) == {VELA.key, LUMEN.key, ADA.key}
    path = {"from": CAL.key, "to": QUILL.key}
    assert [p["hops"] for p in _get(client, "/paths", **path)["items"]] == [1]
    through_sure = _get(client, "/paths", **path, min_confidence=CUT, max_hops=8)["items"]
    assert through_sure == []  # Cal Dorn's every link is unsure
    for p in _get(client, "/paths", **{"from": ADA.key, "to": VELA.key}, min_confidence=CUT)["items"]:
        assert all(e["evidence"]["confidence"] >= CUT for e in p["edges"])


@pytest.mark.parametrize("value", ["-0.1", "1.5", "high"])
def test_out_of_range_is_a_422(client: TestClient, value: str) -> None:
    response = client.get("/quotes", params={"min_confidence": value})
    assert response.status_code == 422
    assert "min_confidence" in response.text
