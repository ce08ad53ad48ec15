"""POST /cypher: read-only Cypher, guarded three ways (static checks, EXPLAIN type, READ transaction)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import RepoDep
from api.errors import problem_responses
from api.schemas import CypherRequest
from graph.views import CypherResult

router = APIRouter(tags=["cypher"])
EXAMPLE = {"columns": ["q.text"], "rows": [{"q.text": "The AI Act will protect citizens,"}],
           "row_count": 1, "truncated": False}


@router.post("/cypher", response_model=CypherResult,
             responses={200: {"content": {"application/json": {"example": EXAMPLE}}},
                        **problem_responses(400, 413, 422, 503, 504)})
def run_cypher(repo: RepoDep, body: CypherRequest) -> CypherResult:
    """Run one read-only statement with a timeout and a row cap; `truncated` says if rows were cut."""
    return repo.run_cypher(body.query, body.params)
