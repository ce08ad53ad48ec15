"""Run named queries from a notebook: the same `queries/*.cypher` files the API runs, one cached driver.

>>> from notebooks.helpers import run
>>> run("notebooks/actors")  # doctest: +SKIP
[{'key': 'person:...', 'name': '...', ...}]
"""

from __future__ import annotations

from typing import Any

from neo4j import READ_ACCESS, Driver, NotificationDisabledCategory

from graph.cypher import load
from graph.db import get_driver
from graph.repository import GraphRepository
from graph.settings import get_settings

__all__ = ["actor_keys", "run"]

# Named queries are reviewed; "unknown property" notices (e.g. pagerank before `analyze` ran) are noise.
_QUIET = [NotificationDisabledCategory.UNRECOGNIZED]


def run(name: str, *, driver_: Driver | None = None, **params: Any) -> list[dict[str, Any]]:
    """Rows of `queries/<name>.cypher` as plain dicts (nodes become their property maps), read-routed.

    Connection settings come from `POLICYGRAPH_*` variables; pass a parameter named like a Python
    keyword with `**{"from": ...}`.
    """
    driver = driver_ or get_driver()
    with driver.session(
        database=get_settings().neo4j_database,
        default_access_mode=READ_ACCESS,
        notifications_disabled_categories=_QUIET,
    ) as session:
        return session.execute_read(lambda tx: [r.data() for r in tx.run(load(name), params)])


def actor_keys(ref: str, *, driver_: Driver | None = None) -> list[str]:
    """Keys of the actors a name, alias or key refers to, resolved exactly as the API resolves them.

    Queries such as `read/quotes` and `read/funding` take resolved keys (`speaker_keys`, `target_keys`).
    """
    return GraphRepository(driver_ or get_driver(), get_settings()).resolve_actor(ref)
