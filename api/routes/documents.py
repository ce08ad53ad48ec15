"""POST /documents ingests a text; DELETE retracts it (both need the token, if set); GET summarises it."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path

from api.deps import AuthDep, ExtractorDep, IngestSlotsDep, RepoDep, WriterDep
from api.errors import problem_responses
from api.schemas import DocumentIn, DocumentOut
from graph.model import Document
from graph.views import DocumentSummary
from graph.writer import DeleteResult
from ingest.flow import ingest_document
from ingest.reader import check_text

router = APIRouter(prefix="/documents", tags=["documents"])
DocId = Annotated[str, Path(min_length=1, max_length=2000, description="document id (DELETE: or source)",
                            examples=["94d848de2ff5be9c"])]


SUMMARY_EXAMPLE = {"id": "94d848de2ff5be9c", "source": "https://example.org/ai-act",
                   "title": "Commission welcomes AI Act deal", "url": "https://example.org/ai-act",
                   "published": "2024-02-02", "quotes": 2, "mentions": 5}


def to_document(body: DocumentIn) -> Document:
    """The source is the identity across versions: explicit, else the URL, else a hash of the text."""
    source = body.source or body.url or "api:" + hashlib.sha256(body.text.encode("utf-8")).hexdigest()[:32]
    return Document(source=source, text=body.text, title=body.title, url=body.url, published=body.published)


@router.post("", response_model=DocumentOut, dependencies=[AuthDep],
             responses=problem_responses(400, 401, 413, 422, 429, 503))  # 503 also when ingest slots are full
def post_document(
    body: DocumentIn, extract: ExtractorDep, writer: WriterDep, slots: IngestSlotsDep
) -> DocumentOut:
    """Extract facts from the text and write them; posting the same text again changes nothing.

    A plain `def`: FastAPI runs it in the threadpool, so spaCy and the write never block the loop.
    At most `INGEST_CONCURRENCY` run at once, so slow texts cannot take every thread from the reads.
    """
    document = to_document(body)
    check_text(document.text, "the text")  # empty, too long, or not prose: 422 before waiting for a slot
    if not slots.acquire():
        raise HTTPException(503, "the ingest workers are busy; retry shortly", headers={"Retry-After": "5"})
    try:
        extraction, result = ingest_document(writer, document, extract)
    finally:
        slots.release()
    return DocumentOut(
        id=result.doc_id, source=result.source, status=result.status,
        facts=dict(Counter(f.kind for f in extraction.facts)), actors=len(extraction.actors),
        facts_written=result.facts_written, previous_id=result.previous_id,
    )


@router.get("/{doc_id}", response_model=DocumentSummary,
            responses={200: {"content": {"application/json": {"example": SUMMARY_EXAMPLE}}},
                       **problem_responses(404, 422, 503)})
def get_document(repo: RepoDep, doc_id: DocId) -> DocumentSummary:
    """A document's metadata and how many quotes and mentions it supports."""
    return repo.document(doc_id)


@router.delete("/{doc_id}", response_model=DeleteResult, dependencies=[AuthDep],
               responses=problem_responses(401, 404, 422, 429, 503))
def delete_document(writer: WriterDep, doc_id: DocId) -> DeleteResult:
    """Remove the document and every fact only it supported."""
    return writer.delete(doc_id)
