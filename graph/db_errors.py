"""Driver errors -> graph.errors, in one place for the named reads and user Cypher alike."""

from __future__ import annotations

from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph.errors import (
    GraphUnavailable,
    InvalidInput,
    PolicygraphError,
    QueryTimeout,
    QueryTooLarge,
    ReadOnlyViolation,
)

TIMEOUT_CODES = ("TransactionTimedOut", "Transaction.Terminated", "TransactionTerminated")
# db.memory.transaction.max, or the heap itself, exceeded by this one query: its own fault (4xx). The pool
# of all transactions (dbms.memory.transaction.total.max) is full: the server is busy, retry later (503).
# Neo4j 5.26 reports both limits as MemoryPoolOutOfMemoryError; its message names the setting.
QUERY_MEMORY_CODES = ("TransactionMemoryLimit", "TransactionOutOfMemoryError", "General.OutOfMemoryError")
POOL_MEMORY_CODE = "MemoryPoolOutOfMemoryError"
TX_MEMORY_SETTING = "db.memory.transaction.max"


def as_graph_error(exc: Neo4jError | DriverError, timeout_s: float) -> PolicygraphError:
    """The policygraph error for a driver error."""
    if isinstance(exc, ServiceUnavailable | SessionExpired):
        return GraphUnavailable("Neo4j is not reachable")
    if isinstance(exc, AuthError):  # our credentials, not the user's query: the database is unusable
        return GraphUnavailable("Neo4j refused the API's credentials")
    if isinstance(exc, Neo4jError):
        code = exc.code or ""
        if code.endswith("AuthenticationRateLimit"):
            return GraphUnavailable("Neo4j refused the API's credentials")
        if any(c in code for c in TIMEOUT_CODES):
            return QueryTimeout(f"the query ran longer than {timeout_s:g} s and was stopped")
        per_query = POOL_MEMORY_CODE in code and TX_MEMORY_SETTING in (exc.message or "")
        if per_query or any(c in code for c in QUERY_MEMORY_CODES):
            return QueryTooLarge(
                "Neo4j stopped the query: it needed more memory than one query may use "
                "(POLICYGRAPH_NEO4J_TX_MEMORY_MAX); aggregate, filter or LIMIT earlier")
        if POOL_MEMORY_CODE in code:
            return GraphUnavailable("Neo4j's memory for queries is in use by other queries; retry shortly")
        if isinstance(exc, ClientError):
            if code.endswith("AccessMode") or code.startswith("Neo.ClientError.Security"):
                return ReadOnlyViolation("the query tried to write or needs privileges")
            return InvalidInput(exc.message or "Neo4j rejected the query")
        return GraphUnavailable("Neo4j could not run the query")
    return GraphUnavailable("Neo4j is not reachable")
