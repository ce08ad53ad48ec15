"""Bulk import for a first load, the graph's part: facts -> `neo4j-admin database import full` files,
and the Cypher around the import.

`files` turns extractions into the node and relationship Parquet files the admin tool reads, row for row
what `graph.writer` would write; `imported` checks the database is empty, puts back empty strings and
verifies the imported counts. Stopping the server and running the tool is the launcher's
(`localserver.bulk`): no process work in `graph/`.
"""
