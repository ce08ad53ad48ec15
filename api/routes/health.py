"""Liveness (/health: the process answers) and readiness (/ready: Neo4j reachable, schema applied)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import RepoDep
from api.schemas import Health, Readiness
from graph.errors import PolicygraphError

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health() -> Health:
    """Always 200 while the process runs; never touches Neo4j."""
    return Health(status="ok")


@router.get("/ready", response_model=Readiness,
            responses={503: {"model": Readiness, "description": "not ready",
                             "content": {"application/json": {"example": {
                                 "ready": False, "neo4j": False, "schema": False,
                                 "detail": "Neo4j is not reachable"}}}}})
def ready(repo: RepoDep) -> JSONResponse:
    """200 when Neo4j answers and every constraint and index exists; 503 otherwise."""
    try:
        repo.ping()
    except PolicygraphError as exc:
        return _answer(False, False, str(exc))
    try:
        applied = repo.schema_applied()
    except Exception:  # a schema check that cannot run means "not ready", never a 500
        return _answer(True, False, "could not check the schema")
    return _answer(True, applied, None if applied else "schema not applied: run `policygraph ingest`")


def _answer(neo4j: bool, schema: bool, detail: str | None) -> JSONResponse:
    body = Readiness(ready=neo4j and schema, neo4j=neo4j, schema=schema, detail=detail)
    return JSONResponse(body.model_dump(by_alias=True), status_code=200 if body.ready else 503)
