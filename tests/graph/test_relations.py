"""graph/relations.yaml: the shipped declarations load, cover every fact field, and bad ones are refused."""

from __future__ import annotations

import typing

import pytest
import yaml

from graph import relations
from graph.model import (
    Actor,
    ActorType,
    Document,
    Evidence,
    Extraction,
    Funding,
    Mention,
    Quote,
    Role,
    stable_id,
)
from graph.relations import FACT_CLASSES, RELATIONS, load_relations
from graph.rows import RELATIONSHIP_QUERIES, plan_extraction

SHIPPED = relations.DECLARATIONS.read_text(encoding="utf-8")


def declarations(**changes: dict[str, object]) -> str:
    """The shipped declarations as YAML, with some entries' fields replaced (None drops a field)."""
    data = yaml.safe_load(SHIPPED)
    for name, fields in changes.items():
        for key, value in fields.items():
            if value is None:
                data[name].pop(key)
            else:
                data[name][key] = value
    return yaml.safe_dump(data, sort_keys=False)


def test_the_shipped_types_in_write_order() -> None:
    assert [r.type for r in RELATIONS] == ["SAID", "QUOTED_IN", "ABOUT", "HOLDS_ROLE", "AFFILIATED_WITH",
                                           "FUNDS", "MENTIONS"]
    assert tuple(f"load/merge_{r.type.lower()}" for r in RELATIONS) == RELATIONSHIP_QUERIES
    assert relations.followable() == {"SAID", "ABOUT", "HOLDS_ROLE", "AFFILIATED_WITH", "FUNDS"}


def test_every_actor_field_of_a_fact_is_the_end_of_a_relationship() -> None:
    """Otherwise its actor would be extracted, written to facts files, and never reach the graph."""
    for cls in FACT_CLASSES.values():
        hints = typing.get_type_hints(cls)
        actor_fields = {name for name, hint in hints.items()
                        if hint is Actor or typing.get_args(hint)[:1] == (Actor,)}
        assert set(relations.actor_fields(relations.kind_of(cls))) == actor_fields, cls.__name__


@pytest.mark.parametrize(("changes", "message"), [
    ({"SAID": {"source": {"label": "Actor", "key": "id", "from": "speaker"}}}, "identified by 'key'"),
    ({"SAID": {"source": {"label": "Actor", "key": "key", "from": "text"}}}, "no actor field"),
    ({"SAID": {"target": {"label": "Document", "key": "id", "from": "fact"}}}, "makes a Quote node"),
    ({"MENTIONS": {"source": {"label": "Actor", "key": "key", "from": "document"}}}, "is a Document"),
    ({"ABOUT": {"source": {"label": "Actor", "key": "key", "from": "about"}}}, "at most one end"),
    ({"HOLDS_ROLE": {"when": "rank"}}, "no field 'rank'"),
    ({"FUNDS": {"properties": {"amount_value": {"type": "string"}}}}, "holds double"),
    ({"FUNDS": {"properties": {"day": {"type": "date", "from": "document.title"}}}}, "document.published"),
    ({"MENTIONS": {"evidence": False}}, "carries its evidence"),
    ({"MENTIONS": {"followable": None}}, "followable"),
    ({"SAID": {"id": {"tag": "said", "of": ["speaker"]}}}, "of.0"),
])
def test_a_bad_declaration_is_refused(changes: dict[str, dict[str, object]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_relations(declarations(**changes))


def test_a_type_declared_twice_is_refused() -> None:
    twice = SHIPPED + "\nSAID:\n  description: again\n"
    with pytest.raises(ValueError, match=r"declared twice: \['SAID'\]"):
        load_relations(twice)


def test_a_type_name_is_upper_snake_case() -> None:
    with pytest.raises(ValueError, match="upper case"):
        load_relations(SHIPPED.replace("\nFUNDS:", "\nFunds:"))


def _extraction() -> Extraction:
    text = 'Ann Lee, director of Acme, said: "Acme backs Beta." Acme gives Beta $5 million. Bo joined Acme.'
    doc = Document(source="t.txt", text=text)
    ann, acme, beta, bo = (Actor(key=f"x:{n}", name=n, type=ActorType.PERSON)
                           for n in ("ann", "acme", "beta", "bo"))

    def ev(phrase: str) -> Evidence:
        start = text.index(phrase)
        return Evidence(doc_id=doc.id, sentence_index=0, sentence=phrase, start=start,
                        end=start + len(phrase), extractor="t", confidence=0.9)

    quote = Quote(speaker=ann, text="Acme backs Beta.", start=text.index("Acme backs"),
                  end=text.index("Acme backs") + 16, about=(acme, beta), evidence=ev('"Acme backs Beta."'))
    facts = (quote, Role(person=ann, title="director", org=acme, evidence=ev("Ann Lee, director of Acme")),
             Role(person=bo, org=acme, evidence=ev("Bo joined Acme.")),
             Funding(source=acme, target=beta, amount="$5 million",
                     evidence=ev("Acme gives Beta $5 million.")),
             Mention(actor=acme, evidence=ev("Acme")))
    return Extraction(document=doc, actors=(ann, acme, beta, bo), facts=facts)


def test_rows_follow_the_declarations() -> None:
    """One extraction with a fact of every kind: each declared type gets the rows its declaration says."""
    ex = _extraction()
    quote, titled, bare, funding, mention = ex.facts
    plan = plan_extraction(ex)
    ends = {name: [(r["source"], r["target"], r["fact_id"]) for r in rows]
            for name, rows in plan.relationships.items()}
    doc_id = ex.document.id
    assert ends == {
        "load/merge_said": [("x:ann", quote.id, stable_id("said", quote.id))],
        "load/merge_quoted_in": [(quote.id, doc_id, stable_id("quoted_in", quote.id))],
        "load/merge_about": [(quote.id, k, stable_id("about", quote.id, k)) for k in ("x:acme", "x:beta")],
        "load/merge_holds_role": [("x:ann", "x:acme", titled.id)],
        "load/merge_affiliated_with": [("x:bo", "x:acme", bare.id)],
        "load/merge_funds": [("x:acme", "x:beta", funding.id)],
        "load/merge_mentions": [(doc_id, "x:acme", mention.id)],
    }
    funds = plan.relationships["load/merge_funds"][0]["props"]
    assert funds == funding.evidence.model_dump() | {"amount": "$5 million", "amount_value": None,
                                                      "currency": None, "period": None}
    role = plan.relationships["load/merge_affiliated_with"][0]["props"]
    assert (role["title"], role["markers"], role["as_of"]) == ("", [], None)
