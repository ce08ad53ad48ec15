"""One error hierarchy. `api/errors.py` maps each class to one HTTP status, once."""

from __future__ import annotations


class PolicygraphError(Exception):
    """Root of every error policygraph raises on purpose."""

    status = 500
    title = "Internal error"


class InvalidInput(PolicygraphError):
    status = 400
    title = "Invalid input"


class Unauthorized(PolicygraphError):
    status = 401
    title = "Unauthorized"


class NotFound(PolicygraphError):
    status = 404
    title = "Not found"


class PayloadTooLarge(PolicygraphError):
    status = 413
    title = "Payload too large"


class ReadOnlyViolation(InvalidInput):
    """User Cypher that would write, load files, or call a procedure outside the allow-list."""

    title = "Query refused"


class QueryRefused(ReadOnlyViolation):
    """User Cypher whose work Neo4j could not interrupt in time (graph/query_bounds.py), or over a limit."""

    title = "Query refused: too expensive"


class QueryTooLarge(InvalidInput):
    """Neo4j stopped the query because it used more memory than one transaction may."""

    title = "Query used too much memory"


class TooManyRequests(PolicygraphError):
    """Over a rate limit or the user-Cypher concurrency limit; `retry_after_s` goes to `Retry-After`."""

    status = 429
    title = "Too many requests"

    def __init__(self, detail: str, retry_after_s: int) -> None:
        super().__init__(detail)
        self.retry_after_s = max(1, retry_after_s)


class GraphUnavailable(PolicygraphError):
    status = 503
    title = "Graph database unavailable"


class QueryTimeout(PolicygraphError):
    status = 504
    title = "Query timed out"


class ExtractionError(PolicygraphError):
    """A document that cannot be read or parsed (empty, binary, not UTF-8)."""

    status = 422
    title = "Document cannot be processed"
