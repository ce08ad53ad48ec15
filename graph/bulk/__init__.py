"""Bulk import for a first load: facts -> `neo4j-admin database import full` files -> an empty database.

`files` turns extractions into the node and relationship Parquet files the admin tool reads, row for row
what `graph.writer` would write; `admin` runs the tool from the local server's jars; `importer` checks
that the database is empty, stops the server, imports, restarts it and applies the schema.
"""
