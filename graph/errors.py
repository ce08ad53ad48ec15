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


class LocalServerError(PolicygraphError):
    """The local Neo4j server could not be installed, started or stopped."""

    title = "Local Neo4j server error"
