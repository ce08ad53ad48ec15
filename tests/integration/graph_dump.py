"""The whole graph as plain data, for comparing two loads property by property.

Nodes are keyed by label and identity (`Actor.key`, `Document.id`, `Quote.id`), relationships by type
and `fact_id`. `ingested_at` is the load time, so only its type is compared.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from graph_facts import query
from neo4j import Driver
from neo4j.time import DateTime

from graph.settings import get_settings
from graph.values import to_native

Dump = dict[str, Any]


def _value(key: str, value: Any) -> Any:
    if key == "ingested_at":
        assert isinstance(value, DateTime) and value.tzinfo is not None, value
        return "<zoned datetime>"
    return to_native(value)


def dump(driver: Driver, database: str | None = None) -> Dump:
    db = database or get_settings().neo4j_database
    nodes, _, _ = driver.execute_query(query("dump_nodes"), database_=db)
    rels, _, _ = driver.execute_query(query("dump_relationships"), database_=db)
    out: Dump = {"nodes": {}, "relationships": {}, "labels": Counter(), "types": Counter()}
    for rec in nodes:
        labels = tuple(sorted(rec["labels"]))
        props = {k: _value(k, v) for k, v in rec["props"].items()}
        out["labels"].update(labels)
        out["nodes"][(labels, props.get("key") or props.get("id"))] = props
    for rec in rels:
        props = {k: _value(k, v) for k, v in rec["props"].items()}
        out["types"][rec["type"]] += 1
        out["relationships"][(rec["type"], props["fact_id"])] = (rec["source"], rec["target"], props)
    return out


def differences(a: Dump, b: Dump, limit: int = 10) -> list[str]:
    """What differs between two dumps (empty when the graphs are the same)."""
    found: list[str] = []
    for part in ("labels", "types"):
        if a[part] != b[part]:
            found.append(f"{part}: {dict(a[part])} != {dict(b[part])}")
    for part in ("nodes", "relationships"):
        for key in sorted(set(a[part]) | set(b[part]), key=str):
            if a[part].get(key) != b[part].get(key):
                found.append(f"{part} {key}: {a[part].get(key)!r} != {b[part].get(key)!r}")
                if len(found) >= limit:
                    return found
    return found
