"""`Annotated` dependencies: settings, the repository, the writer and the bearer-token check."""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from graph.errors import GraphUnavailable, Unauthorized
from graph.model import Document, Extraction
from graph.repository import GraphRepository
from graph.settings import Settings
from graph.writer import GraphWriter


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_repository(request: Request) -> GraphRepository:
    return request.app.state.repository  # type: ignore[no-any-return]


def get_writer(request: Request) -> GraphWriter:
    """The process's writer (shares the one driver); reads go through the repository."""
    return request.app.state.writer  # type: ignore[no-any-return]


def get_extractor() -> Callable[[Document], Extraction]:
    """The extraction pipeline, imported on first use: loading spaCy is slow and only writes need it."""
    try:
        from ingest.pipeline import extract
    except ImportError as exc:
        raise GraphUnavailable("the extraction pipeline is not installed") from exc
    return extract


class IngestSlots:
    """At most `size` extractions at once; a caller waits up to `wait_s` for a slot, then gets 503."""

    def __init__(self, size: int = 2, wait_s: float = 5.0) -> None:
        self._sem = threading.BoundedSemaphore(size)
        self.wait_s = wait_s

    def acquire(self) -> bool:
        return self._sem.acquire(timeout=self.wait_s)

    def release(self) -> None:
        self._sem.release()


def get_ingest_slots(request: Request) -> IngestSlots:
    return request.app.state.ingest_slots  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
RepoDep = Annotated[GraphRepository, Depends(get_repository)]
WriterDep = Annotated[GraphWriter, Depends(get_writer)]
IngestSlotsDep = Annotated[IngestSlots, Depends(get_ingest_slots)]
ExtractorDep = Annotated[Callable[[Document], Extraction], Depends(get_extractor)]
MinConfidence = Annotated[
    float | None,
    Query(ge=0, le=1, examples=[0.8],
          description="only facts extracted at least this confidently; confidences are calibrated per rule "
                      "on real texts (of facts at 0.9, about 9 in 10 are right)"),
]

_bearer = HTTPBearer(auto_error=False, description="needed for writes when POLICYGRAPH_API_TOKEN is set")


def require_token(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Writes need `Authorization: Bearer <token>` when a token is configured (constant-time compare)."""
    if settings.api_token is None:
        return
    expected = settings.api_token.get_secret_value().encode("utf-8")
    given = (credentials.credentials if credentials else "").encode("utf-8")
    if not hmac.compare_digest(given, expected):
        raise Unauthorized("a valid bearer token is required for this endpoint")


AuthDep = Depends(require_token)
