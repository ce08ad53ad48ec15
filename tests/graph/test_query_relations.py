"""Every Cypher statement in queries/ agrees with graph/relations.yaml.

Statements stay files (Neo4j 5.26 cannot use an index for a relationship type given as a parameter, so
types are written out); these checks make each file follow the declarations: the merge and schema
statements per type, retraction, every type a read names, the labels at its ends, and which types a
path or network step may follow.
"""

from __future__ import annotations

import re

import pytest

from graph import cypher
from graph.model import ActorType
from graph.relations import RELATIONS, Relation, by_type, followable

NODE_STATEMENTS = {"load/merge_actors", "load/merge_quotes", "load/merge_document", "load/merge_documents"}
ACTOR_LABELS = {t.value for t in ActorType} | {"Actor", "RankHigh", "RankMid"}
_RELATIONSHIP = re.compile(r"(<?)-\[([^\]]*)\]-(>?)")
_TYPES = re.compile(r"^\s*\w*\s*:\s*([A-Z][A-Z0-9_|]*)")
_LABEL = re.compile(r"^\(\s*\w*\s*:\s*(\w+)")


def texts() -> dict[str, str]:
    return {name: cypher.load(name) for name in cypher.names()}


def hops(text: str) -> list[tuple[str | None, list[str], str | None, str, bool]]:
    """Each relationship pattern with a type: (left label, types, right label, direction, variable length)."""
    found = []
    for m in _RELATIONSHIP.finditer(text):
        types = _TYPES.match(m.group(2))
        if types is None:
            continue
        left = _node_before(text, m.start())
        right = _LABEL.match(text[m.end():].lstrip())
        direction = "->" if m.group(3) else "<-" if m.group(1) else "-"
        found.append((left, types.group(1).split("|"), right.group(1) if right else None, direction,
                      "*" in m.group(2)))
    return found


def _node_before(text: str, end: int) -> str | None:
    head = text[:end].rstrip()
    if not head.endswith(")"):
        return None
    start = head.rfind("(")
    label = _LABEL.match(head[start:])
    return label.group(1) if label else None


def _fits(label: str | None, declared: str) -> bool:
    if label is None:
        return True
    return (label in ACTOR_LABELS) if declared == "Actor" else label == declared


def type_lists(name: str) -> list[set[str]]:
    return [set(types) for _, types, _, _, _ in hops(cypher.load(name))]


@pytest.mark.parametrize("rel", RELATIONS, ids=lambda r: r.type)
def test_merge_statement_matches_its_declaration(rel: Relation) -> None:
    text = cypher.load(rel.statement)
    s, t = rel.source, rel.target
    assert f"MATCH (s:{s.label} {{{s.key}: row.source}})" in text
    assert f"MATCH (t:{t.label} {{{t.key}: row.target}})" in text
    assert f"MERGE (s)-[r:{rel.type} {{fact_id: row.fact_id}}]->(t)" in text
    assert "SET r += row.props" in text


def test_every_merge_statement_is_declared() -> None:
    merges = {n for n in cypher.names("load") if n.startswith("load/merge_")} - NODE_STATEMENTS
    assert merges == {rel.statement for rel in RELATIONS}


def test_schema_indexes_every_declared_type_by_doc_id() -> None:
    statements = [cypher.load(n) for n in cypher.names("schema")]
    for rel in RELATIONS:
        wanted = f"CREATE INDEX {rel.index} IF NOT EXISTS FOR ()-[r:{rel.type}]-() ON (r.doc_id)"
        assert wanted in statements, f"queries/schema has no `{wanted}`"
    indexed = {t for text in statements for _, types, _, _, _ in hops(text) for t in types}
    assert indexed == {rel.type for rel in RELATIONS}


def test_retraction_deletes_every_declared_type_by_its_doc_id_index() -> None:
    text = cypher.load("load/retract_relationships")
    branches = re.findall(r"MATCH \(s\)-\[r:([A-Z_]+) \{doc_id: \$doc_id\}\]->\(t\)", text)
    assert sorted(branches) == sorted(rel.type for rel in RELATIONS)


@pytest.mark.parametrize("name", cypher.names())
def test_every_named_type_is_declared_with_these_end_labels(name: str) -> None:
    for left, types, right, direction, variable in hops(cypher.load(name)):
        for t in types:
            rel = by_type(t)  # KeyError: a type the declarations do not know
            if variable:
                continue  # a path's end nodes are not this type's ends
            forward = _fits(left, rel.source.label) and _fits(right, rel.target.label)
            backward = _fits(right, rel.source.label) and _fits(left, rel.target.label)
            ok = {"->": forward, "<-": backward, "-": forward or backward}[direction]
            declared = f"{rel.source.label}->{rel.target.label}"
            assert ok, f"{name}: ({left}){direction}[:{t}]({right}), but {t} is {declared}"


def test_the_pattern_reader_sees_labels_and_directions() -> None:
    """The checks above are only as good as `hops`: it must find what a reader of the text finds."""
    text = "MATCH (a:Person {key: 1})-[r:SAID]->(q:Quote)<-[:ABOUT|X]-(:Quote), (d)-[:MENTIONS*..2]-(b)"
    assert hops(text) == [("Person", ["SAID"], "Quote", "->", False),
                          ("Quote", ["ABOUT", "X"], "Quote", "<-", False),
                          (None, ["MENTIONS"], None, "-", True)]


@pytest.mark.parametrize("name", ["read/paths", "browser/path_between"])
def test_paths_follow_exactly_the_followable_types(name: str) -> None:
    assert type_lists(name) == [set(followable())]


ACTOR_LINKS = {r.type for r in RELATIONS if r.followable and r.source.label == r.target.label == "Actor"}
VIA_QUOTE = {r.type for r in RELATIONS if r.followable} - ACTOR_LINKS


@pytest.mark.parametrize("name", ["read/network_step", "analytics/actor_edges"])
def test_networks_step_along_the_followable_types(name: str) -> None:
    """Direct actor-to-actor links, plus speaker -[SAID]-> quote -[ABOUT]-> actor."""
    lists = type_lists(name)
    assert ACTOR_LINKS in lists
    assert all(types == ACTOR_LINKS or (len(types) == 1 and types <= VIA_QUOTE) for types in lists)
    assert set().union(*lists) == followable()


def test_the_guide_draws_community_links_between_actors() -> None:
    assert type_lists("browser/community_graph") == [ACTOR_LINKS]
