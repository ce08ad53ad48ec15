"""The launcher's one error, rooted in policygraph's hierarchy so the CLI reports it like any other."""

from __future__ import annotations

from graph.errors import PolicygraphError


class LocalServerError(PolicygraphError):
    """The local Neo4j server could not be installed, started or stopped."""

    title = "Local Neo4j server error"
