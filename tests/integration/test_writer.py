"""GraphWriter on the real Neo4j: idempotency, replacement, deletion and evidence (issue 4)."""

from __future__ import annotations

import pytest
from graph_facts import (
    COMMISSION,
    DIGITAL_EUROPE,
    DONELAN,
    DSIT,
    FRANCE,
    GERMANY,
    ai_act,
    ai_act_edited,
    evidence_problems,
    sample,
    snapshot,
    uk_safety,
)
from graph_facts import rows as q
from neo4j import Driver

from graph.errors import NotFound
from graph.model import ActorType, Mention
from graph.repository import GraphRepository
from graph.schema import clear_graph, expected_names, missing_schema, schema_applied
from graph.settings import get_settings
from graph.writer import GraphWriter

pytestmark = pytest.mark.integration


@pytest.fixture
def writer(clean_graph: Driver) -> GraphWriter:
    """A writer on an empty graph (small batches, so multi-batch paths run)."""
    clear_graph(clean_graph)
    return GraphWriter(clean_graph, batch_size=2)


def keys(driver: Driver) -> set[str]:
    return {r["key"] for r in q(driver, "actor_keys")}


def test_schema_is_applied(clean_graph: Driver) -> None:
    """Scripts and /ready ask the same question and get the same answer."""
    assert schema_applied(clean_graph)
    assert GraphRepository(clean_graph, get_settings()).schema_applied()
    assert missing_schema(set()) == expected_names() and len(expected_names()) >= 5
    assert missing_schema(expected_names() - {"quote_id"}) == {"quote_id"}


def test_ingesting_twice_is_a_no_op(writer: GraphWriter) -> None:
    first = [r.status for r in writer.write_many(sample())]
    before = snapshot(writer.driver)
    again = list(writer.write_many(sample()))
    assert first == ["new"] * 3
    assert [r.status for r in again] == ["unchanged"] * 3
    assert all(r.facts_written == 0 for r in again)
    assert snapshot(writer.driver) == before
    assert before["nodes"] > 0 and before["relationships"] > 0


def test_actors_carry_type_label_and_aliases(writer: GraphWriter) -> None:
    writer.write(ai_act())
    actors = {r["key"]: r for r in q(writer.driver, "actor_keys")}
    commission = actors[COMMISSION.key]
    assert set(commission["labels"]) == {"Actor", "Organisation"}
    assert commission["aliases"] == ["the Commission"]
    assert commission["alias_text"] == "the Commission"


def test_a_fact_in_three_documents_has_three_sources(writer: GraphWriter) -> None:
    list(writer.write_many(sample()))
    assert q(writer.driver, "sources", key=COMMISSION.key) == [{"n": 3}]


def test_editing_a_document_replaces_only_its_facts(writer: GraphWriter) -> None:
    old = ai_act()
    list(writer.write_many(sample()))
    others = [r for r in snapshot(writer.driver)["by_doc"] if r["doc_id"] != old.document.id]
    result = writer.write(ai_act_edited())
    assert result.status == "replaced"
    assert result.previous_id == old.document.id
    after = snapshot(writer.driver)
    assert [r for r in after["by_doc"] if r["doc_id"] == old.document.id] == []
    assert [r for r in after["by_doc"] if r["doc_id"] not in (old.document.id, result.doc_id)] == others
    types = {r["type"] for r in after["by_doc"] if r["doc_id"] == result.doc_id}
    assert "FUNDS" not in types and "HOLDS_ROLE" in types
    # Only the funding sentence named these; Germany is still mentioned by chips.txt.
    assert DIGITAL_EUROPE.key not in keys(writer.driver)
    assert GERMANY.key in keys(writer.driver)
    docs = q(writer.driver, "documents")
    assert len(docs) == 3 and result.doc_id in {d["id"] for d in docs}


def test_delete_removes_orphans_only(writer: GraphWriter) -> None:
    list(writer.write_many(sample()))
    uk = uk_safety()
    result = writer.delete(uk.document.source)
    assert result.doc_id == uk.document.id and result.actors_deleted == 2
    remaining = keys(writer.driver)
    assert DONELAN.key not in remaining and DSIT.key not in remaining
    assert COMMISSION.key in remaining and FRANCE.key in remaining
    assert uk.document.id not in {r["doc_id"] for r in snapshot(writer.driver)["by_doc"]}
    assert writer.delete(ai_act().document.id).source == ai_act().document.source
    with pytest.raises(NotFound):
        writer.delete(uk.document.id)


def test_deleting_everything_leaves_an_empty_graph(writer: GraphWriter) -> None:
    docs = sample()
    list(writer.write_many(docs))
    for ex in docs:
        writer.delete(ex.document.id)
    assert snapshot(writer.driver) == {"nodes": 0, "relationships": 0, "by_doc": []}


def test_every_evidence_span_contains_the_facts_words(writer: GraphWriter) -> None:
    list(writer.write_many(sample()))
    evidence = q(writer.driver, "evidence")
    assert len(evidence) == snapshot(writer.driver)["relationships"]
    assert evidence_problems(writer.driver) == []
    required = {"doc_id", "sentence_index", "sentence", "extractor", "extractor_version", "confidence"}
    for row in evidence:
        rel = row["rel"]
        assert required | {"fact_id"} <= set(rel)
        assert row["text"][rel["start"] : rel["end"]] == rel["sentence"]  # the factory cites sentences


def test_existing_lists_loaded_ids_only(writer: GraphWriter) -> None:
    writer.write(ai_act())
    ids = [ai_act().document.id, ai_act_edited().document.id, uk_safety().document.id]
    assert writer.existing(ids) == {ai_act().document.id}
    assert writer.existing([]) == set()


def test_an_actor_keeps_one_type_label(writer: GraphWriter) -> None:
    writer.write(ai_act())
    as_country = COMMISSION.model_copy(update={"type": ActorType.COUNTRY})
    base = uk_safety()
    facts = tuple(
        f.model_copy(update={"actor": as_country}) if isinstance(f, Mention) and f.actor == COMMISSION else f
        for f in base.facts
    )
    actors = tuple(as_country if a.key == COMMISSION.key else a for a in base.actors)
    writer.write(base.model_copy(update={"facts": facts, "actors": actors}))
    commission = next(r for r in q(writer.driver, "actor_keys") if r["key"] == COMMISSION.key)
    assert set(commission["labels"]) == {"Actor", "Organisation"}
