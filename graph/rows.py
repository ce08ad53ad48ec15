"""Turn one `Extraction` into parameter rows, one list per load statement, in write order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graph.errors import InvalidInput
from graph.model import Actor, Evidence, Extraction, Quote
from graph.relations import RELATIONS, Node, of_kind

__all__ = ["RELATIONSHIP_QUERIES", "GroupPlan", "LoadPlan", "merge_plans", "plan_extraction"]

Row = dict[str, Any]

# Relationship statements in write order (graph/relations.yaml's); each MATCHes nodes written before it.
RELATIONSHIP_QUERIES = tuple(rel.statement for rel in RELATIONS)


@dataclass
class _Rows:
    """Node rows then relationship rows, one list per load statement: what a transaction writes."""

    actors: list[Row] = field(default_factory=list)
    quotes: list[Row] = field(default_factory=list)
    relationships: dict[str, list[Row]] = field(
        default_factory=lambda: {name: [] for name in RELATIONSHIP_QUERIES}
    )

    @property
    def fact_count(self) -> int:
        return sum(len(rows) for rows in self.relationships.values())

    def batches(self) -> list[tuple[str, list[Row]]]:
        """(statement name, rows) pairs, nodes before relationships, empty lists dropped."""
        pairs = [("load/merge_actors", self.actors), ("load/merge_quotes", self.quotes)]
        pairs += list(self.relationships.items())
        return [(name, rows) for name, rows in pairs if rows]


@dataclass(kw_only=True)
class LoadPlan(_Rows):
    """Everything one document writes: its node properties, then node rows, then relationship rows."""

    document: Row


def _evidence(ev: Evidence, doc_id: str) -> Row:
    if ev.doc_id != doc_id:
        raise InvalidInput(f"evidence cites document {ev.doc_id!r} inside document {doc_id!r}")
    if ev.end < ev.start:
        raise InvalidInput(f"evidence span {ev.start}..{ev.end} is reversed")
    return ev.model_dump()


def plan_extraction(ex: Extraction) -> LoadPlan:
    """Rows for every node and relationship of one document (raises `InvalidInput` on bad evidence)."""
    doc = ex.document
    doc_id = doc.id
    plan = LoadPlan(
        document={
            "source": doc.source,
            "id": doc_id,
            "content_hash": doc.content_hash,
            "title": doc.title,
            "url": doc.url,
            "published": doc.published,
            "ingested_at": doc.ingested_at or datetime.now(UTC),
            "text": doc.text,
        }
    )
    # Only actors some fact references are written: an actor with no relationship has no evidence.
    # `ex.actors` (merged, with aliases) supplies names and aliases for the keys facts use.
    listed = {a.key: a for a in ex.actors}
    actors: dict[str, Actor] = {}

    def see(actor: Actor) -> str:
        known = actors.get(actor.key) or listed.get(actor.key) or actor
        if set(actor.aliases) - set(known.aliases):
            known = known.model_copy(update={"aliases": tuple(dict.fromkeys(known.aliases + actor.aliases))})
        actors[actor.key] = known
        return actor.key

    def key(node: Node) -> str:
        return see(node) if isinstance(node, Actor) else node

    rels = plan.relationships
    for fact in ex.facts:
        ev = _evidence(fact.evidence, doc_id)
        if isinstance(fact, Quote):
            quote = {"id": fact.id, "text": fact.text, "doc_id": doc_id, "start": fact.start, "end": fact.end}
            plan.quotes.append(quote)
        for rel in of_kind(fact.kind):
            pairs = rel.ends(fact, doc_id)
            props = ev | rel.values(fact, doc) if pairs else {}
            for source, target in pairs:
                s, t = key(source), key(target)
                rels[rel.statement].append(
                    {"source": s, "target": t, "fact_id": rel.fact_id(fact, s, t, doc_id), "props": props})
    # One row per fact_id, the last one's evidence winning (what MERGE + SET of each did): the
    # statements then touch each relationship once, with no second MERGE lookup.
    for name, rows in rels.items():
        rels[name] = list({row["fact_id"]: row for row in rows}.values())
    plan.quotes = list({row["id"]: row for row in plan.quotes}.values())
    # Sorted keys: concurrent writers lock shared actors in the same order, so fewer deadlocks.
    plan.actors = [
        {"key": a.key, "name": a.name, "type": a.type.value, "aliases": list(a.aliases)}
        for a in sorted(actors.values(), key=lambda a: a.key)
    ]
    return plan


@dataclass
class GroupPlan(_Rows):
    """Several documents' rows merged for one transaction: actors deduplicated, aliases united."""

    documents: list[Row] = field(default_factory=list)


def unite_actor(actors: dict[str, Row], actor: Row) -> None:
    """Add `actor` to `actors` by key: the first seen keeps its name and type, aliases are united in order
    (what MERGE ... ON CREATE SET and the alias union do in the load statements). The bulk import uses it
    too, so both build the same actors."""
    known = actors.get(actor["key"])
    if known is None:
        actors[actor["key"]] = dict(actor)
    elif set(actor["aliases"]) - set(known["aliases"]):
        known["aliases"] = list(dict.fromkeys([*known["aliases"], *actor["aliases"]]))


def merge_plans(plans: list[LoadPlan]) -> GroupPlan:
    """One `GroupPlan` from per-document plans (whose sources must differ)."""
    group = GroupPlan()
    actors: dict[str, Row] = {}
    for plan in plans:
        group.documents.append(plan.document)
        for a in plan.actors:
            unite_actor(actors, a)
        group.quotes.extend(plan.quotes)
        for name, rows in plan.relationships.items():
            group.relationships[name].extend(rows)
    # Sorted keys, as in one document's plan: concurrent writers lock shared actors in one order.
    group.actors = [actors[k] for k in sorted(actors)]
    return group
