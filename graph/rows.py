"""Turn one `Extraction` into parameter rows, one list per load statement, in write order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graph.errors import InvalidInput
from graph.model import Actor, Evidence, Extraction, Funding, Mention, Quote, Role, stable_id

__all__ = ["RELATIONSHIP_QUERIES", "GroupPlan", "LoadPlan", "merge_plans", "plan_extraction"]

Row = dict[str, Any]

# Relationship statements in write order; every one MATCHes nodes written before it.
RELATIONSHIP_QUERIES = (
    "load/merge_said",
    "load/merge_quoted_in",
    "load/merge_about",
    "load/merge_holds_role",
    "load/merge_affiliated_with",
    "load/merge_funds",
    "load/merge_mentions",
)


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


def _rel(source: str, target: str, fact_id: str, props: Row) -> Row:
    return {"source": source, "target": target, "fact_id": fact_id, "props": props}


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

    rels = plan.relationships
    for fact in ex.facts:
        ev = _evidence(fact.evidence, doc_id)
        if isinstance(fact, Quote):
            qid = fact.id
            quote = {"id": qid, "text": fact.text, "doc_id": doc_id}
            plan.quotes.append(quote | {"start": fact.start, "end": fact.end})
            rels["load/merge_said"].append(_rel(see(fact.speaker), qid, stable_id("said", qid), ev))
            rels["load/merge_quoted_in"].append(_rel(qid, doc_id, stable_id("quoted_in", qid), ev))
            for about in fact.about:
                key = see(about)
                rels["load/merge_about"].append(_rel(qid, key, stable_id("about", qid, key), ev))
        elif isinstance(fact, Role):
            name = "load/merge_holds_role" if fact.title else "load/merge_affiliated_with"
            props = ev | {"title": fact.title, "markers": list(fact.markers), "as_of": doc.published}
            rels[name].append(_rel(see(fact.person), see(fact.org), fact.id, props))
        elif isinstance(fact, Funding):
            props = ev | {
                "amount": fact.amount,
                "amount_value": fact.amount_value,
                "currency": fact.currency,
                "period": fact.period,
            }
            rels["load/merge_funds"].append(_rel(see(fact.source), see(fact.target), fact.id, props))
        elif isinstance(fact, Mention):
            rels["load/merge_mentions"].append(_rel(doc_id, see(fact.actor), fact.id, ev))
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


def merge_plans(plans: list[LoadPlan]) -> GroupPlan:
    """One `GroupPlan` from per-document plans (whose sources must differ)."""
    group = GroupPlan()
    actors: dict[str, Row] = {}
    for plan in plans:
        group.documents.append(plan.document)
        for a in plan.actors:
            known = actors.get(a["key"])
            if known is None:
                actors[a["key"]] = dict(a)
            elif set(a["aliases"]) - set(known["aliases"]):
                known["aliases"] = list(dict.fromkeys(known["aliases"] + a["aliases"]))
        group.quotes.extend(plan.quotes)
        for name, rows in plan.relationships.items():
            group.relationships[name].extend(rows)
    # Sorted keys, as in one document's plan: concurrent writers lock shared actors in one order.
    group.actors = [actors[k] for k in sorted(actors)]
    return group
