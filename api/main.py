"""`create_app()`: the FastAPI app, one Neo4j driver per process, opened and closed by the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

import graph.settings
from api.cache import CacheMiddleware, CachePoller, ResponseCache
from api.cypher_gate import CypherGate
from api.deps import IngestSlots
from api.errors import install_error_handlers
from api.middleware import BodySizeLimit
from api.ratelimit import RateLimit, rules
from api.routes import actors, browser, cypher, documents, funding, health, paths, quotes
from graph.db import create_driver
from graph.repository import GraphRepository
from graph.settings import Settings, get_settings
from graph.user_cypher import UserCypher
from graph.writer import GraphWriter

INGEST_CONCURRENCY = 2  # extractions at once per process: spaCy is CPU-bound, and reads need threads too
# The API's own deadline for user Cypher is Neo4j's transaction timeout plus this: a query Neo4j can stop
# ends with Neo4j's clean timeout error; one it cannot is answered 504 by the API and terminated.
CYPHER_DEADLINE_MARGIN_S = 0.25
DESCRIPTION = """A knowledge graph of tech-policy actors: who said what, who holds which role,
who funds what. Every fact comes with its evidence: document, sentence and character offsets.
Errors are RFC 9457 problem JSON."""


def response_cache(settings: Settings) -> ResponseCache | None:
    """The GET response cache, or None when `cache_entries` is 0; bypassed after a few failed polls."""
    if settings.cache_entries == 0:
        return None
    interval_s = settings.cache_check_ms / 1000
    return ResponseCache(settings.cache_entries, stale_after_s=max(1.0, 5 * interval_s))


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app for `settings` (default: from the environment). Uvicorn calls it as a factory."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = create_driver(settings)  # lazy: the app starts even while Neo4j is down
        app.state.driver = driver
        app.state.repository = GraphRepository(driver, settings)
        app.state.user_cypher = UserCypher(driver, settings)
        # A short retry budget, as for reads: with Neo4j down, POST/DELETE answer 503 in seconds, not 15+.
        app.state.writer = GraphWriter(driver, settings.batch_size, database=settings.neo4j_database,
                                       retry_time_s=2.0)
        poller = None
        if cache is not None:
            poller = CachePoller(cache, app.state.repository.data_version, settings.cache_check_ms / 1000)
            await poller.poll_once()  # bounded by the cache's staleness limit; Neo4j may still be down
            poller.start()
        app.state.cache_poller = poller
        try:
            yield
        finally:
            if poller is not None:
                await poller.stop()
            app.state.cypher_gate.close()
            driver.close()

    app = FastAPI(title="policygraph", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.ingest_slots = IngestSlots(INGEST_CONCURRENCY)
    app.state.cypher_gate = CypherGate(settings.cypher_concurrency,
                                       settings.cypher_timeout_s + CYPHER_DEADLINE_MARGIN_S,
                                       lambda: app.state.repository.server_processors())
    # Routers written against the global settings see this app's settings instead.
    app.dependency_overrides[graph.settings.get_settings] = lambda: settings
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.api_max_body_bytes)
    app.add_middleware(RateLimit, rules=rules(settings.cypher_rate, settings.write_rate))
    cache = response_cache(settings)
    app.state.cache = cache
    if cache is not None:  # outermost: a hit is answered before routing, validation or the body check

        def wake_poller() -> None:
            if getattr(app.state, "cache_poller", None) is not None:
                app.state.cache_poller.wake()

        app.add_middleware(CacheMiddleware, cache=cache, on_write=wake_poller)
    for module in (health, quotes, actors, paths, funding, cypher, documents, browser):
        app.include_router(module.router)
    return app
