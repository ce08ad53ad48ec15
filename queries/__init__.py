"""Cypher statements, one per file, loaded by name through `graph.cypher.load`."""
