"""In-document resolution and canonical keys; the gazetteer as validated data."""

from __future__ import annotations

from collections.abc import Callable

from graph.model import ActorType
from ingest.names.gazetteer import load_gazetteer


def test_full_name_surname_and_pronoun_are_one_actor(run: Callable) -> None:
    ex = run("Teodor Lisk spoke first. Lisk said little. “Enough,” he said.")
    people = [a for a in ex.actors if a.type is ActorType.PERSON]
    assert [(a.name, a.key) for a in people] == [("Teodor Lisk", "person:teodor-lisk")]
    assert "Lisk" in people[0].aliases


def test_acronym_and_expansion_are_one_actor(run: Callable) -> None:
    ex = run("The Joint Committee on Technology Trade (JCTT) met. The JCTT then adjourned.")
    orgs = [a for a in ex.actors if a.type is ActorType.ORGANISATION]
    assert len(orgs) == 1 and "JCTT" in orgs[0].aliases


def test_us_and_united_states_share_the_gazetteer_key(run: Callable) -> None:
    ex = run("The US and the United States of America are the same. So is the U.S.")
    countries = [a for a in ex.actors if a.type is ActorType.COUNTRY]
    assert [c.key for c in countries] == ["country:us"]
    assert {"US", "U.S."} <= set(countries[0].aliases)


def test_gazetteer_acronym_and_expansion(run: Callable) -> None:
    ex = run("The Bureau of Industry and Security (BIS) acted. BIS said more.")
    (bis,) = [a for a in ex.actors if a.key == "us:bis"]
    assert bis.name == "Bureau of Industry and Security" and "BIS" in bis.aliases


def test_gazetteer_entries_are_valid_and_cover_the_issue() -> None:
    g = load_gazetteer()
    assert len(g) >= 100
    for form, key in [
        ("Bureau of Industry and Security", "us:bis"),
        ("Commerce Department", "us:doc"),
        ("Central Policy Research Office", "cn:cpro"),
        ("Made in China 2025", "policy:mic2025"),
        ("CHIPS and Science Act", "policy:chips-act"),
        ("Entity List", "policy:entity-list"),
        ("FIRRMA", "policy:firrma"),
        ("CFIUS", "us:cfius"),
        ("NSF", "us:nsf"),
        ("Brookings Institution", "tt:brookings"),
        ("European Union", "bloc:eu"),
        ("quantum computing", "sector:quantum-computing"),
        ("quantum technologies", "sector:quantum"),
        ("5G", "sector:5g"),
    ]:
        entry = g.lookup(form)
        assert entry is not None and entry.id == key, form
    assert g.lookup("us") is None  # the pronoun is not the country


def test_a_mislabelled_entity_written_as_a_named_org_is_that_org(nlp) -> None:
    from spacy.tokens import Span

    from ingest.names.resolve import Resolver

    doc = nlp.make_doc("The Harbour Data Trust opened. The Harbour Data Trust hired staff.")
    doc.ents = [Span(doc, 0, 4, label="ORG"), Span(doc, 6, 10, label="WORK_OF_ART")]
    res = Resolver(doc, load_gazetteer())
    assert [r.key for r in res.refs] == [res.refs[0].key] * 2


def test_a_shared_law_name_follows_the_jurisdiction_of_the_text(run: Callable) -> None:
    eu = run(
        "The European Commission and the EU member states agreed on Tuesday. "
        "The EU will fund pilot lines under the Chips Act."
    )
    us = run("The U.S. Commerce Department said the Chips Act grants were final.")
    assert any(a.key == "policy:eu-chips-act" for a in eu.actors)
    assert not any(a.key == "policy:chips-act" for a in eu.actors)
    assert any(a.key == "policy:chips-act" for a in us.actors)
