"""A second local Neo4j that `load --bulk` may stop, import into and restart (bolt 19687, http 19474 by
default; POLICYGRAPH_BULK_BOLT_PORT / _HTTP_PORT), so the run's shared server never goes down mid-run."""

from __future__ import annotations

import os

from graph.settings import Settings, get_settings

# Below Linux's ephemeral range (32768-60999), so no client socket of the run can hold them.
BULK_BOLT_PORT = int(os.environ.get("POLICYGRAPH_BULK_BOLT_PORT", "19687"))
BULK_HTTP_PORT = int(os.environ.get("POLICYGRAPH_BULK_HTTP_PORT", "19474"))
BULK_PASSWORD = "policygraph-bulk"


def bulk_settings() -> Settings:
    base = get_settings()
    return Settings(
        neo4j_uri=f"bolt://127.0.0.1:{BULK_BOLT_PORT}", neo4j_http_port=BULK_HTTP_PORT,
        neo4j_home=base.neo4j_cache_dir / "neo4j-bulk", neo4j_cache_dir=base.neo4j_cache_dir,
        neo4j_password=BULK_PASSWORD, neo4j_user="neo4j", neo4j_database="neo4j",  # type: ignore[arg-type]
        neo4j_heap="512m", neo4j_pagecache="128m", api_token=None,
    )


def bulk_env(settings: Settings) -> dict[str, str]:
    """Environment for a `policygraph` subprocess that should use the bulk server."""
    return {
        **os.environ,
        "POLICYGRAPH_NEO4J_URI": settings.neo4j_uri,
        "POLICYGRAPH_NEO4J_HTTP_PORT": str(settings.neo4j_http_port),
        "POLICYGRAPH_NEO4J_HOME": str(settings.neo4j_home),
        "POLICYGRAPH_NEO4J_PASSWORD": BULK_PASSWORD,
        "POLICYGRAPH_NEO4J_HEAP": settings.neo4j_heap,
        "POLICYGRAPH_NEO4J_PAGECACHE": settings.neo4j_pagecache,
        "COLUMNS": "200",
    }
