"""Baseline for benchmarks only: one auto-commit statement per node and per fact.

Same statements and rows as `GraphWriter`, minus batching and transactions, so the measured
difference is exactly what batching buys. Not atomic; never use it to load real data.
"""

from __future__ import annotations

from neo4j import Driver

from graph import cypher
from graph.model import Extraction
from graph.rows import plan_extraction
from graph.settings import get_settings


def naive_write(driver: Driver, extraction: Extraction, database: str | None = None) -> int:
    """Write one document row by row; returns the number of facts (relationships) written."""
    plan = plan_extraction(extraction)
    doc = plan.document
    with driver.session(database=database or get_settings().neo4j_database) as session:
        session.run(cypher.load("load/lock_document"), source=doc["source"], id=doc["id"]).consume()
        session.run(cypher.load("load/merge_document"), **doc).consume()
        for name, rows in plan.batches():
            query = cypher.load(name)
            for row in rows:
                session.run(query, rows=[row]).consume()
    return plan.fact_count
