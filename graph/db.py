"""The only place a Neo4j driver is made: one per process, configured from settings."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import Driver, GraphDatabase, NotificationDisabledCategory, NotificationMinimumSeverity
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from graph.errors import GraphUnavailable
from graph.settings import Settings, get_settings

_driver: Driver | None = None


def create_driver(settings: Settings | None = None) -> Driver:
    """A new driver with a deliberately sized pool; callers own and close it."""
    s = settings or get_settings()
    return GraphDatabase.driver(
        s.neo4j_uri,
        auth=(s.neo4j_user, s.neo4j_password.get_secret_value()),
        max_connection_pool_size=s.neo4j_pool_size,
        connection_acquisition_timeout=s.neo4j_acquire_timeout_s,
        connection_timeout=s.neo4j_connect_timeout_s,
        max_transaction_retry_time=15.0,
        # Our statements are reviewed files: a property that no node has yet (`content_hash` before the
        # first document, `pagerank` before `analyze`) is expected, not news; warnings still get through.
        notifications_min_severity=NotificationMinimumSeverity.WARNING,
        notifications_disabled_categories=[NotificationDisabledCategory.UNRECOGNIZED],
    )


def get_driver() -> Driver:
    """The process-wide driver, created on first use."""
    global _driver
    if _driver is None:
        _driver = create_driver()
    return _driver


def close_driver() -> None:
    global _driver
    if _driver is not None:
        _driver.close()
        _driver = None


def check_connection(driver: Driver) -> None:
    """Raise `GraphUnavailable` with a helpful message when Neo4j cannot be reached."""
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        raise GraphUnavailable("Neo4j refused the credentials (check POLICYGRAPH_NEO4J_PASSWORD)") from exc
    except (ServiceUnavailable, SessionExpired, OSError) as exc:
        raise GraphUnavailable(
            "Neo4j is not reachable; start it with `policygraph neo4j start` or `docker compose up neo4j`"
        ) from exc


@contextmanager
def driver_scope(settings: Settings | None = None) -> Iterator[Driver]:
    """A driver for a short-lived command (CLI); closed on exit."""
    driver = create_driver(settings)
    try:
        yield driver
    finally:
        driver.close()
