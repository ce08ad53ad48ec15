"""User Cypher on Neo4j: checked, run in one tagged READ transaction, and stopped for real when it overruns.

Each query runs in an explicit transaction (no driver retries: a query refused for its memory must not
run twice) whose metadata carries the API's request id. When the API's deadline passes, `stop` finds
that transaction with `SHOW TRANSACTIONS`, ends it with `TERMINATE TRANSACTIONS`, and reports whether
it is gone: absent from `SHOW TRANSACTIONS` and its worker thread finished.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from neo4j import READ_ACCESS, Driver
from neo4j.exceptions import DatabaseError, DriverError, Neo4jError

from graph import cypher
from graph.db_errors import as_graph_error
from graph.errors import InvalidInput, QueryRefused, QueryTimeout, ReadOnlyViolation
from graph.query_bounds import check_bounds
from graph.readonly import check_read_only
from graph.settings import Settings
from graph.values import to_json
from graph.views import CypherResult

log = logging.getLogger("policygraph.user_cypher")
META_KEY = "policygraph_request"


class UserCypher:
    """The three database-side layers of the guard (static checks, EXPLAIN type, READ transaction)."""

    def __init__(self, driver: Driver, settings: Settings) -> None:
        self.driver = driver
        self.settings = settings

    def check(self, query: str, params: Mapping[str, Any]) -> None:
        """The static guard: read-only (graph.readonly) and bounded (graph.query_bounds)."""
        check_read_only(query)
        check_bounds(query, params)

    def run(self, query: str, params: dict[str, Any], request_id: str,
            cancelled: threading.Event | None = None) -> CypherResult:
        """Run one checked query; `cancelled` set by the caller means its deadline passed before it began."""
        self.check(query, params)
        timeout = self.settings.cypher_timeout_s
        try:
            with self.driver.session(database=self.settings.neo4j_database, default_access_mode=READ_ACCESS,
                                     notifications_min_severity="OFF") as session:
                if cancelled is not None and cancelled.is_set():
                    raise QueryTimeout(f"the query waited longer than {timeout:g} s to start")
                with session.begin_transaction(metadata={META_KEY: request_id}, timeout=timeout) as tx:
                    plan = self._explain(tx, query, params)
                    if plan.query_type != "r":
                        raise ReadOnlyViolation(
                            f"only read queries may run (EXPLAIN says {plan.query_type!r})")
                    self._check_estimate(plan.plan or {})
                    return self._rows(tx.run(query, params))
        except (Neo4jError, DriverError) as exc:
            raise as_graph_error(exc, timeout) from exc

    @staticmethod
    def _explain(tx: Any, query: str, params: dict[str, Any]) -> Any:
        """The plan summary. Neo4j's parser has failed with an internal error on some malformed text (an
        offset past the end when a comment holds characters outside the BMP): that is the query's doing,
        so it is a 400, not a database outage."""
        try:
            return tx.run("EXPLAIN " + query, params).consume()
        except DatabaseError as exc:
            raise InvalidInput(f"Neo4j could not parse or plan the query ({exc.code})") from exc
        except (OverflowError, UnicodeEncodeError) as exc:  # the driver cannot encode a parameter
            raise InvalidInput("a parameter is not a 64-bit integer, float, Unicode string, list or map "
                               "of those") from exc

    def _check_estimate(self, plan: dict[str, Any]) -> None:
        """Refuse a plan that Neo4j itself expects to produce more rows in some step than any query could
        within its timeout: cartesian products of label scans, unbounded paths between everything."""
        limit = self.settings.cypher_max_estimated_rows
        if not limit:
            return
        # children first: name the step where the rows explode, not every step above it
        over = next(((rows, op) for rows, op in _estimates(plan) if rows > limit), None)
        if over is not None:
            rows, operator = over
            raise QueryRefused(
                f"Neo4j's planner estimates {rows:.3g} rows at {operator}, more than the {limit:,} a query "
                "may plan for (POLICYGRAPH_CYPHER_MAX_ESTIMATED_ROWS); anchor the pattern on a key or "
                "bound its length")

    def _rows(self, result: Any) -> CypherResult:
        cap = self.settings.cypher_row_cap
        rows: list[dict[str, Any]] = []
        for record in result:
            if len(rows) == cap:
                return CypherResult(columns=list(result.keys()), rows=rows, row_count=cap, truncated=True)
            rows.append({k: to_json(v) for k, v in record.items()})
        return CypherResult(columns=list(result.keys()), rows=rows, row_count=len(rows), truncated=False)

    # -- stopping ---------------------------------------------------------------------------------

    def transactions(self, request_id: str) -> list[str]:
        """Ids of the transactions Neo4j still lists for this request (terminated ones included)."""
        with self.driver.session(database=self.settings.neo4j_database,
                                 notifications_min_severity="OFF") as session:
            rows = session.run(cypher.load("admin/user_transactions"), request=request_id).data()
        return [r["id"] for r in rows]

    def terminate(self, ids: list[str]) -> None:
        with self.driver.session(database=self.settings.neo4j_database,
                                 notifications_min_severity="OFF") as session:
            session.run(cypher.load("admin/terminate_transactions"), ids=ids).consume()

    def stop(self, request_id: str, finished: Callable[[], bool], budget_s: float) -> bool:
        """Terminate the request's transaction until Neo4j no longer lists it and `finished()` is true.

        Returns whether that happened within `budget_s`. A query that never reaches a point where Neo4j
        checks for termination stays listed (status "Terminated") until it ends by itself: the static
        bounds exist to refuse those before they start.
        """
        deadline = time.monotonic() + budget_s
        terminated: set[str] = set()
        while True:
            try:
                ids = self.transactions(request_id)
                fresh = [i for i in ids if i not in terminated]
                if fresh:
                    self.terminate(fresh)
                    terminated.update(fresh)
            except (Neo4jError, DriverError) as exc:  # Neo4j down: nothing is running there either
                log.warning("could not stop user query %s: %s", request_id, type(exc).__name__)
                ids = []
            if not ids and finished():
                return True
            if time.monotonic() >= deadline:
                log.warning("user query %s still runs %g s after it was terminated (transactions %s)",
                            request_id, budget_s, ids)
                return False
            time.sleep(0.1)


def _estimates(plan: dict[str, Any]) -> list[tuple[float, str]]:
    """(EstimatedRows, operator) of every step of an EXPLAIN plan, the steps feeding a step before it."""
    out = [e for child in plan.get("children", []) for e in _estimates(child)]
    rows = float(plan.get("args", {}).get("EstimatedRows", 0.0))
    return [*out, (rows, str(plan.get("operatorType", "?")).split("@")[0])]
