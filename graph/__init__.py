"""FACTS -> GRAPH: settings, typed facts, Cypher loading, Neo4j access and analytics.

This package imports neither `ingest` nor `api`: data flows ingest -> graph <- api.
"""
