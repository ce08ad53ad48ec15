"""The Browser guide and style sheet as served by the API, and the guide's queries on the sample."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.browser import read as browser_file
from api.main import create_app
from graph.cypher import load, names
from graph.settings import Settings

ACTOR_LABELS = ["Person", "Organisation", "Country", "Policy", "Sector", "Publication"]
SLOTS = re.findall(r"\{\{query:([\w/]+)\}\}", browser_file("guide.html"))


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(neo4j_uri="bolt://127.0.0.1:7687", neo4j_http_port=7474)


@pytest.fixture(scope="module")
def client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings))


def parse_grass(grass: str) -> dict[str, dict[str, str]]:
    """Rules as Neo4j Browser reads them: quotes guard braces, `;` splits properties, `:` splits pairs."""
    sheet: dict[str, dict[str, str]] = {}
    selector, body, in_body, in_quote = "", "", False, False
    for c in grass:
        if c == "'":
            in_quote = not in_quote
        elif c == "{" and not in_quote:
            in_body = True
        elif c == "}" and not in_quote:
            pairs = (p.split(":", 1) for p in body.split(";") if ":" in p)
            sheet[selector] = {k.strip(): v.strip() for k, v in pairs}
            selector, body, in_body = "", "", False
        elif in_body:
            body += c
        elif not c.isspace():
            selector += c
    return sheet


def test_style_gives_every_label_its_own_colour_and_a_caption() -> None:
    sheet = parse_grass(browser_file("style.grass"))
    labels = [*ACTOR_LABELS, "Quote", "Document"]
    colours = {label: sheet[f"node.{label}"]["color"] for label in labels}
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colours.values())
    assert len(set(colours.values())) == len(labels)
    assert {label: sheet[f"node.{label}"]["caption"] for label in labels} == {
        **dict.fromkeys(ACTOR_LABELS, "{name}"),
        "Quote": "{text}",
        "Document": "{title}",
    }


def test_guide_fills_every_query_slot_from_queries(client: TestClient) -> None:
    r = client.get("/browser/guide.html")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "{{" not in r.text
    assert r.text.count('class="pre-scrollable code runnable"') == len(SLOTS) + 1
    assert ":style http://testserver/browser/style.grass" in r.text
    assert set(SLOTS) <= set(names("browser"))
    assert "-[:SAID]-&gt;" in r.text  # escaped, yet Browser puts the plain text in the editor


def test_browser_origin_may_read_guide_and_style(client: TestClient) -> None:
    for path in ("/browser/guide.html", "/browser/style.grass"):
        for origin in ("http://127.0.0.1:7474", "http://localhost:7474"):
            r = client.get(path, headers={"Origin": origin})
            assert r.status_code == 200 and r.headers["access-control-allow-origin"] == origin
        preflight = client.options(
            path,
            headers={
                "Origin": "http://127.0.0.1:7474",
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "pragma,cache-control",
            },
        )
        assert preflight.status_code in (200, 204)
        allowed = preflight.headers["access-control-allow-headers"].lower()
        assert "pragma" in allowed and "cache-control" in allowed


def test_other_origins_get_no_cors_grant(client: TestClient) -> None:
    r = client.get("/browser/style.grass", headers={"Origin": "http://evil.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers


@pytest.mark.integration
@pytest.mark.parametrize("name", SLOTS)
def test_guide_query_finds_the_sample(sample_graph: Driver, name: str) -> None:
    records, _, _ = sample_graph.execute_query(load(name))
    assert records, f"{name}: the names in this starter query are not in the sample corpus"
