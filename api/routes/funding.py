"""GET /funding: who funds what, with normalised amounts and evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import MinConfidence, RepoDep
from api.errors import problem_responses
from api.schemas import FundingPage

router = APIRouter(tags=["funding"])


@router.get("/funding", response_model=FundingPage, responses=problem_responses(422, 503, 504))
def list_funding(
    repo: RepoDep,
    source: Annotated[str | None, Query(min_length=1, max_length=200, description="funder key, name or alias",
                                        examples=["Horizon Europe"])] = None,
    target: Annotated[str | None, Query(min_length=1, max_length=200,
                                        description="recipient key, name or alias")] = None,
    min_amount: Annotated[float | None, Query(ge=0, description="normalised amount, at least",
                                              examples=[1_000_000])] = None,
    min_confidence: MinConfidence = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> FundingPage:
    """Funding flows, largest first."""
    items = repo.funding(source=source, target=target, min_amount=min_amount, min_confidence=min_confidence,
                         limit=limit + 1, offset=offset)
    more = len(items) > limit
    return FundingPage(items=items[:limit], limit=limit, offset=offset,
                       next_offset=offset + limit if more else None)
