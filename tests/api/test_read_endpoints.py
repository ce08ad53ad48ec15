"""Read endpoints against the real Neo4j loaded with tests/data/api_seed.json through the writer."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration

EXPECTED = {
    "person:margrethe-vestager": {
        "Europe must lead on trustworthy AI,",
        "The AI Act will protect citizens while OpenAI and others keep innovating,",
    },
    "person:sam-altman": {"We support sensible rules for frontier models.", "Regulation of AI is essential,"},
    "person:thierry-breton": {"The AI Act gives us the rules and Horizon Europe the money."},
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_quotes_by_speaker_are_exact_with_matching_evidence(
    client: TestClient, document_text: Callable[[str], str], key: str
) -> None:
    r = client.get("/quotes", params={"speaker": key})
    assert r.status_code == 200
    items = r.json()["items"]
    assert {q["text"] for q in items} == EXPECTED[key]
    assert len(items) == len(EXPECTED[key])
    for q in items:
        text = document_text(q["document"]["id"])
        assert text[q["start"]:q["end"]] == q["text"]
        ev = q["evidence"]
        assert ev["doc_id"] == q["document"]["id"] and ev["title"] == q["document"]["title"]
        assert ev["sentence"] in text and text[ev["start"]:ev["end"]] in ev["sentence"]
        assert 0 <= ev["confidence"] <= 1
        assert q["speaker"]["key"] == key


@pytest.mark.parametrize("speaker", ["Margrethe Vestager", "margrethe vestager", "Vestager"])
def test_speaker_by_name_or_alias(client: TestClient, speaker: str) -> None:
    texts = {q["text"] for q in client.get("/quotes", params={"speaker": speaker}).json()["items"]}
    assert texts == EXPECTED["person:margrethe-vestager"]


def test_quotes_newest_first_and_pagination(client: TestClient) -> None:
    full = client.get("/quotes").json()["items"]
    assert len(full) == 5
    dates = [q["document"]["published"] for q in full]
    assert dates == sorted(dates, reverse=True)
    pages, offset = [], 0
    while offset is not None:
        page = client.get("/quotes", params={"limit": 2, "offset": offset}).json()
        pages += page["items"]
        offset = page["next_offset"]
    assert [q["id"] for q in pages] == [q["id"] for q in full]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"org": "European Commission"}, 3),
        ({"org": "OpenAI", "speaker": "Altman"}, 2),
        ({"q": "AI Act"}, 2),
        ({"q": "frontier"}, 1),
        ({"mentions": "OpenAI"}, 1),
        ({"mentions": "policy:ai-act"}, 2),
        ({"from": "2024-01-01"}, 4),
        ({"to": "2023-12-31"}, 1),
        ({"from": "2024-03-01", "to": "2024-12-31", "speaker": "Vestager"}, 1),
        ({"speaker": "nobody at all"}, 0),
        ({"q": "AI", "speaker": "Vestager"}, 2),
        ({"q": "trust", "speaker": "Vestager"}, 0),
        ({"q": "AI Act", "org": "European Commission"}, 2),
        ({"q": "rules", "doc": "4b423f15b10c1524"}, 1),
    ],
)
def test_quote_filters(client: TestClient, params: dict[str, str], expected: int) -> None:
    r = client.get("/quotes", params=params)
    assert r.status_code == 200, r.text
    assert len(r.json()["items"]) == expected


def test_quotes_by_doc(client: TestClient) -> None:
    doc_id = client.get("/quotes", params={"speaker": "Thierry Breton"}).json()["items"][0]["document"]["id"]
    items = client.get("/quotes", params={"doc": doc_id}).json()["items"]
    assert {q["document"]["id"] for q in items} == {doc_id} and len(items) == 2


@pytest.mark.parametrize(
    "url",
    ["/quotes?limit=0", "/quotes?limit=201", "/quotes?offset=-1", "/quotes?from=yesterday",
     "/quotes?speaker=", "/actors", "/actors?q=", "/actors?q=x&type=Alien",
     "/actors/person:sam-altman/network?depth=4", "/actors/person:sam-altman/network?format=xml",
     "/paths?from=person:sam-altman", "/paths?from=a&to=b&max_hops=9", "/funding?min_amount=-1"],
)
def test_bad_parameters_are_422_problems(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == 422 and body["errors"] and body["instance"] == url.split("?")[0]


@pytest.mark.parametrize(
    "url", ["/actors/person:nobody", "/actors/person:nobody/network",
            "/paths?from=person:nobody&to=person:sam-altman", "/documents/no-such-doc"])
def test_unknown_ids_are_404(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404 and r.json()["title"] == "Not found"


@pytest.mark.parametrize("url", ["/quotes?from=2024-05-01&to=2024-01-01", "/quotes?q=%01%02", "/quotes?q=.",
                                 "/actors?q=%01", "/actors?q=--"])
def test_parameters_that_match_nothing_give_an_empty_page(client: TestClient, url: str) -> None:
    """Schema-valid questions with no possible answer are answered (empty), not refused (issue 13)."""
    r = client.get(url)
    assert r.status_code == 200 and r.json()["items"] == [], r.text


def test_path_from_an_actor_to_itself_has_zero_hops(client: TestClient) -> None:
    r = client.get("/paths", params={"from": "person:sam-altman", "to": "person:sam-altman"})
    assert r.status_code == 200, r.text
    (path,) = r.json()["items"]
    assert path["hops"] == 0 and path["edges"] == []
    assert [n["key"] for n in path["nodes"]] == ["person:sam-altman"]
    assert client.get("/paths", params={"from": "0", "to": "0"}).status_code == 404


@pytest.mark.parametrize("value", ["0", "20240101", "2024-01-01T00:00:00", "2024-02-30", "1e3"])
def test_dates_are_full_dates_only(client: TestClient, value: str) -> None:
    """`format: date` in the schema means YYYY-MM-DD; timestamps and other spellings are 422."""
    assert client.get("/quotes", params={"to": value}).status_code == 422
    assert client.get("/quotes", params={"to": "2024-01-01"}).status_code == 200


def test_405_allows_every_method_of_the_path(client: TestClient) -> None:
    r = client.request("OPTIONS", "/documents/some-id")
    assert r.status_code == 405 and r.headers["allow"] == "DELETE, GET, HEAD"
    assert client.put("/cypher", json={}).headers["allow"] == "POST"


def test_actor_search_tolerates_typos(client: TestClient) -> None:
    for q in ("Vestager", "Vestagr", "margrete vestager"):
        items = client.get("/actors", params={"q": q}).json()["items"]
        assert items and items[0]["key"] == "person:margrethe-vestager", q
        assert items[0]["quotes"] == 2
    only_orgs = client.get("/actors", params={"q": "OpenAI", "type": "Organisation"}).json()["items"]
    assert [a["key"] for a in only_orgs] == ["organisation:openai"]


def test_actor_profile(client: TestClient) -> None:
    p = client.get("/actors/person:sam-altman").json()
    assert p["name"] == "Sam Altman" and p["aliases"] == ["Altman"] and p["quote_count"] == 2
    assert {r["other"]["key"] for r in p["roles"]} == {"organisation:openai"}
    assert all(r["evidence"]["sentence"] for r in p["roles"])
    assert {q["text"] for q in p["latest_quotes"]} == EXPECTED["person:sam-altman"]
    assert any(n["target"] == "organisation:openai" for n in p["neighbours"])


def test_network_json_and_graphml(client: TestClient) -> None:
    one = client.get("/actors/person:margrethe-vestager/network").json()
    two = client.get("/actors/person:margrethe-vestager/network?depth=2").json()
    keys1, keys2 = {n["key"] for n in one["nodes"]}, {n["key"] for n in two["nodes"]}
    assert "organisation:european-commission" in keys1 and "person:thierry-breton" not in keys1
    assert keys1 < keys2 and "person:thierry-breton" in keys2
    for e in two["edges"]:
        assert e["source"] in keys2 and e["target"] in keys2
    capped = client.get("/actors/person:margrethe-vestager/network?depth=3&limit=2").json()
    assert len(capped["nodes"]) == 2 and capped["truncated"]
    r = client.get("/actors/person:margrethe-vestager/network?depth=2&format=graphml")
    assert r.headers["content-type"].startswith("application/graphml+xml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(r.text)
    assert len(root.findall(".//g:node", ns)) == len(two["nodes"])
    assert len(root.findall(".//g:edge", ns)) == len(two["edges"])


def test_paths_with_evidence(client: TestClient) -> None:
    pair = {"from": "person:sam-altman", "to": "person:thierry-breton"}
    r = client.get("/paths", params={**pair, "max_hops": 8})
    paths = r.json()["items"]
    assert paths and all(p["hops"] == len(p["edges"]) == len(p["nodes"]) - 1 for p in paths)
    assert all(e["evidence"]["doc_id"] and e["evidence"]["sentence"] for p in paths for e in p["edges"])
    near = client.get("/paths", params={"from": "person:sam-altman", "to": "person:thierry-breton",
                                        "max_hops": 2}).json()
    assert near["items"] == []


def test_funding_min_amount(client: TestClient) -> None:
    items = client.get("/funding", params={"min_amount": 1e6}).json()["items"]
    assert [(f["source"]["key"], f["amount_value"], f["currency"]) for f in items] == [
        ("policy:horizon-europe", 1e9, "EUR")]
    assert items[0]["evidence"]["sentence"].startswith("Horizon Europe will provide")
    assert client.get("/funding", params={"min_amount": 2e9}).json()["items"] == []
    assert len(client.get("/funding", params={"source": "Horizon Europe"}).json()["items"]) == 1


HOSTILE = ["'", '"', "`", "\\", "') RETURN 1 //", "x` DETACH DELETE n //", "$speaker", "*:*", "~",
           "AND OR NOT", "{{}}", "\u0000", "🙂", "a" * 200]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameter_values_are_data(
    client: TestClient, counts: Callable[[], dict[str, int]], value: str
) -> None:
    before = counts()
    for url, name in [("/quotes", "speaker"), ("/quotes", "org"), ("/quotes", "q"), ("/quotes", "mentions"),
                      ("/quotes", "doc"), ("/actors", "q"), ("/funding", "source"), ("/funding", "target")]:
        r = client.get(url, params={name: value})
        assert r.status_code in (200, 400, 422), (url, name, r.text)
    key = quote(value, safe="")
    for url, params in [(f"/actors/{key}", {}), (f"/actors/{key}/network", {"depth": 3}),
                        ("/paths", {"from": value, "to": "person:sam-altman"}),
                        ("/paths", {"from": "person:sam-altman", "to": value}),
                        ("/actors", {"q": "x", "type": value}), ("/funding", {"min_amount": value})]:
        r = client.get(url, params=params)
        assert r.status_code in (400, 404, 422), (url, r.text)
    query = "MATCH (a:Actor) WHERE a.name = $v RETURN a.key"
    r = client.post("/cypher", json={"query": query, "params": {"v": value}})
    assert r.status_code == 200 and r.json()["rows"] == []
    assert counts() == before


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    r = client.get("/ready")
    assert r.status_code == 200 and r.json()["ready"] is True
