"""GET /paths: shortest paths between two actors, with the evidence on every edge."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import MinConfidence, RepoDep
from api.errors import problem_responses
from api.schemas import PathList

router = APIRouter(tags=["paths"])


@router.get("/paths", response_model=PathList, responses=problem_responses(400, 404, 422, 503, 504))
def shortest_paths(
    repo: RepoDep,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=300, description="actor key",
                                 examples=["person:sam-altman"])],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=300, description="actor key",
                                 examples=["organisation:openai"])],
    max_hops: Annotated[int, Query(ge=1, le=8, description="relationships per path (a quote adds two)")] = 4,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    min_confidence: MinConfidence = None,
) -> PathList:
    """All shortest paths of at most `max_hops`; empty when the actors are further apart.

    From an actor to itself the answer is the one path of 0 hops.
    """
    return PathList(items=repo.paths(source, target, max_hops, limit, min_confidence=min_confidence))
