"""A real local Neo4j 5 Community server without Docker: jars from Maven Central, run with Java 17+.

`start`, `stop` and `status` are the whole public surface; `policygraph neo4j ...` wraps them.
"""

from localserver.server import ServerStatus, StartResult, start, status, stop

__all__ = ["ServerStatus", "StartResult", "start", "status", "stop"]
