"""A real local Neo4j 5 Community server without Docker: jars from Maven Central, run with Java 17+.

A tool beside the graph layer, not part of it: it runs processes (the server's JVM, neo4j-admin) and
uses `graph` only to talk to the server. `start`, `stop` and `status` run the server; `backup` (dump,
load) and `bulk` (`load --bulk`) run neo4j-admin on its stopped database. `policygraph neo4j ...` and
`policygraph load --bulk` wrap them.
"""

from localserver.server import ServerStatus, StartResult, start, status, stop

__all__ = ["ServerStatus", "StartResult", "start", "status", "stop"]
