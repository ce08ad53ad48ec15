"""The graph side of a bulk import, in Cypher: is the database empty before, and after the import put
back the empty strings the tool drops and check the graph holds exactly what its files say.

`localserver.bulk` runs these around `neo4j-admin database import`; the process work stays there.
"""

from __future__ import annotations

from neo4j import Driver

from graph import cypher
from graph.bulk.files import ImportFiles
from graph.errors import PolicygraphError


def graph_counts(driver: Driver, database: str) -> tuple[int, int]:
    """Nodes and relationships in the database."""
    records, _, _ = driver.execute_query(cypher.load("admin/count_graph"), database_=database, routing_="r")
    return int(records[0]["nodes"]), int(records[0]["relationships"])


def fill_empty_strings(driver: Driver, database: str, files: ImportFiles) -> int:
    """Put back the empty strings the import left out (`ImportFiles.empty_strings`); how many."""
    filled = 0
    with driver.session(database=database) as session:
        for empty in files.empty_strings:
            if empty.entity == "node":
                result = session.run(cypher.load("bulk/fill_node_strings"), label=empty.name, prop=empty.prop)
            else:
                result = session.run(cypher.load("bulk/fill_relationship_strings"), type=empty.name,
                                     prop=empty.prop)
            filled += sum(int(r["filled"]) for r in result)
    return filled


def verify_import(driver: Driver, database: str, files: ImportFiles) -> None:
    """The imported graph holds exactly the nodes per label and relationships per type written."""
    labels, _, _ = driver.execute_query(cypher.load("bulk/count_labels"), database_=database, routing_="r")
    types, _, _ = driver.execute_query(cypher.load("bulk/count_types"), database_=database, routing_="r")
    got_labels = {r["label"]: r["nodes"] for r in labels}
    got_types = {r["type"]: r["relationships"] for r in types}
    if got_labels != dict(files.labels) or got_types != dict(files.types):
        raise PolicygraphError(
            f"the imported graph differs from its files: labels {got_labels} (files {dict(files.labels)}), "
            f"types {got_types} (files {dict(files.types)}); see the import report"
        )
