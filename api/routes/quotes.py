"""GET /quotes: who said what, newest first, each quote with its evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import MinConfidence, RepoDep
from api.errors import problem_responses
from api.schemas import IsoDate, QuotePage

router = APIRouter(tags=["quotes"])


@router.get("/quotes", response_model=QuotePage, responses=problem_responses(400, 422, 503, 504))
def list_quotes(
    repo: RepoDep,
    speaker: Annotated[str | None, Query(min_length=1, max_length=200, description="actor key, name or alias",
                                         examples=["Margrethe Vestager"])] = None,
    org: Annotated[str | None, Query(min_length=1, max_length=200, description="speaker's organisation",
                                     examples=["European Commission"])] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=500, description="full text in the quote",
                                   examples=["AI Act"])] = None,
    mentions: Annotated[str | None, Query(min_length=1, max_length=200, examples=["OpenAI"],
                                          description="an actor named in the quote")] = None,
    doc: Annotated[str | None, Query(min_length=1, max_length=200, description="document id")] = None,
    date_from: Annotated[IsoDate | None, Query(alias="from", description="published on or after",
                                            examples=["2024-01-01"])] = None,
    date_to: Annotated[IsoDate | None, Query(alias="to", description="published on or before",
                                          examples=["2024-12-31"])] = None,
    min_confidence: MinConfidence = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> QuotePage:
    """Quotes matching every given filter, newest document first; page with `offset`/`next_offset`.

    `from` after `to`, or a `q` without any word, matches nothing: an empty page, not an error.
    """
    items = repo.quotes(speaker=speaker, org=org, q=q, mentions=mentions, doc=doc, date_from=date_from,
                        date_to=date_to, min_confidence=min_confidence, limit=limit + 1, offset=offset)
    more = len(items) > limit
    return QuotePage(items=items[:limit], limit=limit, offset=offset,
                     next_offset=offset + limit if more else None)
