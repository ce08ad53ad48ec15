"""POST /cypher: read-only Cypher, guarded (static checks and bounds, EXPLAIN type, READ transaction),
run in one of a few slots per process, answered by its deadline and stopped in Neo4j when it overruns."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.errors import problem_responses
from api.schemas import CypherRequest
from graph.views import CypherResult

router = APIRouter(tags=["cypher"])
EXAMPLE = {"columns": ["q.text"], "rows": [{"q.text": "The AI Act will protect citizens,"}],
           "row_count": 1, "truncated": False}


@router.post("/cypher", response_model=CypherResult,
             responses={200: {"content": {"application/json": {"example": EXAMPLE}}},
                        **problem_responses(400, 413, 422, 429, 503, 504)})
async def run_cypher(request: Request, body: CypherRequest) -> CypherResult:
    """Run one read-only statement with a timeout and a row cap; `truncated` says if rows were cut.

    At most `POLICYGRAPH_CYPHER_CONCURRENCY` run at once per process (429 with `Retry-After` beyond),
    each client at most `POLICYGRAPH_CYPHER_RATE`. Past `POLICYGRAPH_CYPHER_TIMEOUT_S` the answer is 504
    and the query is terminated in Neo4j.
    """
    user = request.app.state.user_cypher
    user.check(body.query, body.params)  # refused before it takes a slot
    return await request.app.state.cypher_gate.run(  # type: ignore[no-any-return]
        lambda request_id, cancelled: user.run(body.query, body.params, request_id, cancelled), user.stop)
