"""Hand-built `Extraction`s over the texts in tests/data/graph, standing in for the extractor.

Every evidence span is the sentence containing the fact's words, located in the real text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from neo4j import Driver

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
    actor_key,
)
from graph.settings import get_settings

DATA = Path(__file__).parents[1] / "data" / "graph"
_SENTENCE = re.compile(r'\S[^\n]*?[.!?]"?(?=\s|$)|\S[^\n]*')


def actor(name: str, type_: ActorType, *aliases: str) -> Actor:
    return Actor(key=actor_key(name, type_), name=name, type=type_, aliases=aliases)


VESTAGER = actor("Margrethe Vestager", ActorType.PERSON, "Vestager")
DONELAN = actor("Michelle Donelan", ActorType.PERSON, "Donelan")
BRETON = actor("Thierry Breton", ActorType.PERSON)
COMMISSION = actor("European Commission", ActorType.ORGANISATION, "the Commission")
DSIT = actor("Department for Science, Innovation and Technology", ActorType.ORGANISATION, "DSIT")
DIGITAL_EUROPE = actor("Digital Europe Programme", ActorType.POLICY)
CHIPS_ACT = actor("European Chips Act", ActorType.POLICY)
AI_SECTOR = actor("artificial intelligence", ActorType.SECTOR)
CHIPS_SECTOR = actor("semiconductor", ActorType.SECTOR)
FRANCE = actor("France", ActorType.COUNTRY)
GERMANY = actor("Germany", ActorType.COUNTRY)
AI_ACT = actor("AI Act", ActorType.POLICY)


class DocBuilder:
    """Collects facts for one text; evidence offsets are computed, never typed by hand."""

    def __init__(self, source: str, text: str) -> None:
        self.doc = Document(source=source, text=text, title=text.splitlines()[0])
        self.facts: list[Fact] = []
        self.actors: dict[str, Actor] = {}
        self.sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]

    def evidence(self, phrase: str, extractor: str) -> Evidence:
        at = self.doc.text.index(phrase)
        for i, (start, end) in enumerate(self.sentences):
            if start <= at < end:
                sentence = self.doc.text[start:end]
                return Evidence(
                    doc_id=self.doc.id, sentence_index=i, sentence=sentence, start=start, end=end,
                    extractor=extractor, confidence=0.9,
                )
        raise ValueError(f"{phrase!r} is in no sentence")

    def _see(self, *actors: Actor) -> None:
        for a in actors:
            self.actors[a.key] = a

    def mention(self, a: Actor, phrase: str | None = None) -> DocBuilder:
        self._see(a)
        self.facts.append(Mention(actor=a, evidence=self.evidence(phrase or a.name, "mentions")))
        return self

    def quote(self, speaker: Actor, words: str, *about: Actor) -> DocBuilder:
        self._see(speaker, *about)
        start = self.doc.text.index(words)
        self.facts.append(
            Quote(speaker=speaker, text=words, start=start, end=start + len(words), about=about,
                  evidence=self.evidence(words, "quotes"))
        )
        return self

    def role(self, person: Actor, title: str, org: Actor) -> DocBuilder:
        self._see(person, org)
        self.facts.append(Role(person=person, title=title, org=org, evidence=self.evidence(title, "roles")))
        return self

    def funding(self, source: Actor, target: Actor, amount: str, value: float) -> DocBuilder:
        self._see(source, target)
        self.facts.append(
            Funding(source=source, target=target, amount=amount, amount_value=value, currency="EUR",
                    evidence=self.evidence(amount, "funding"))
        )
        return self

    def build(self) -> Extraction:
        return Extraction(document=self.doc, actors=tuple(self.actors.values()), facts=tuple(self.facts))


def text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def ai_act(body: str | None = None) -> Extraction:
    b = DocBuilder("tests/data/graph/ai-act.txt", body or text("ai-act.txt"))
    b.role(VESTAGER, "Executive Vice-President", COMMISSION)
    b.quote(VESTAGER, "The AI Act protects citizens and helps innovation", AI_ACT)
    b.funding(DIGITAL_EUROPE, AI_SECTOR, "€7.5 billion", 7.5e9)
    for a in (VESTAGER, COMMISSION, FRANCE, GERMANY):
        b.mention(a)
    return b.build()


def ai_act_edited() -> Extraction:
    """A new version of the same source: Germany and the funding sentence are gone."""
    body = text("ai-act.txt").replace(
        " The Digital Europe Programme funds the artificial intelligence sector with €7.5 billion over"
        " 2021-2027.", ""
    ).replace("France and Germany backed", "France backed")
    b = DocBuilder("tests/data/graph/ai-act.txt", body)
    b.role(VESTAGER, "Executive Vice-President", COMMISSION)
    b.quote(VESTAGER, "The AI Act protects citizens and helps innovation", AI_ACT)
    for a in (VESTAGER, COMMISSION, FRANCE):
        b.mention(a)
    return b.build()


def uk_safety() -> Extraction:
    b = DocBuilder("tests/data/graph/uk-safety.txt", text("uk-safety.txt"))
    b.role(DONELAN, "Secretary of State", DSIT)
    b.quote(DONELAN, "Britain will lead on AI safety with the European Commission", COMMISSION)
    for a in (DONELAN, DSIT, COMMISSION, FRANCE):
        b.mention(a)
    return b.build()


def chips() -> Extraction:
    b = DocBuilder("tests/data/graph/chips.txt", text("chips.txt"))
    b.funding(CHIPS_ACT, CHIPS_SECTOR, "€43 billion", 43e9)
    b.role(BRETON, "Commissioner", COMMISSION)
    b.quote(BRETON, "Europe will double its share of chip production.")
    for a in (BRETON, COMMISSION, GERMANY):
        b.mention(a)
    return b.build()


def sample() -> list[Extraction]:
    return [ai_act(), uk_safety(), chips()]


def query(name: str) -> str:
    """Test-only Cypher from tests/data/graph/queries (product Cypher lives in queries/)."""
    return (DATA / "queries" / f"{name}.cypher").read_text(encoding="utf-8")


def rows(driver: Driver, name: str, **params: object) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(query(name), params, database_=get_settings().neo4j_database)
    return [r.data() for r in records]


def snapshot(driver: Driver) -> dict[str, Any]:
    """Node and relationship counts plus per-document relationship counts."""
    records, _, _ = driver.execute_query(
        cypher.load("admin/count_graph"), database_=get_settings().neo4j_database
    )
    return {**records[0].data(), "by_doc": rows(driver, "rel_counts")}


def write_in_process(extractions: list[Extraction], barrier: Any, out: Any) -> None:
    """Child-process body for concurrency tests: own driver, start together, report statuses.

    Each batch sleeps briefly so the two writers' transactions surely overlap.
    """
    import time

    from graph.db import create_driver
    from graph.writer import GraphWriter

    driver = create_driver()
    try:
        writer = GraphWriter(driver, batch_size=2, on_batch=lambda name, rows: time.sleep(0.05))
        barrier.wait(timeout=60)
        out.put([(r.source, r.status) for r in writer.write_many(extractions)])
    except Exception as exc:  # the parent asserts on what it receives
        out.put(repr(exc))
    finally:
        driver.close()


Props = dict[str, Any]


def _names(node: Props) -> list[str]:
    return [node["name"], *(node.get("aliases") or [])]


def fact_words(rel_type: str, rel: Props, source: Props, target: Props) -> list[list[str]]:
    """Alternatives, each a list of words the evidence span must all contain, for one fact."""
    if rel_type == "SAID":
        return [[target["text"]]]
    if rel_type in ("QUOTED_IN", "ABOUT"):
        return [[source["text"]]]
    if rel_type == "MENTIONS":
        return [[n] for n in _names(target)]
    stated = {"HOLDS_ROLE": [[rel.get("title")]], "FUNDS": [[rel.get("amount")]]}.get(rel_type, [])
    # A role's title may be normalised ("leads" -> "head"): then both parties must be named.
    return stated + [[a, b] for a in _names(source) for b in _names(target)]


def evidence_problems(driver: Driver) -> list[str]:
    """Relationships whose offsets do not slice their document to text containing the fact's words."""
    problems = []
    for row in rows(driver, "evidence"):
        rel, text = row["rel"], row["text"]
        where = f"{row['type']} {rel['fact_id']}"
        if not 0 <= rel["start"] <= rel["end"] <= len(text):
            problems.append(f"{where}: offsets {rel['start']}..{rel['end']} outside the text")
            continue
        span = text[rel["start"] : rel["end"]].casefold()
        alternatives = fact_words(row["type"], rel, row["source"], row["target"])
        if not any(all(w and w.casefold() in span for w in words) for words in alternatives):
            problems.append(f"{where}: {span!r} lacks any of {alternatives!r}")
    return problems
