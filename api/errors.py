"""Every error becomes RFC 9457 problem JSON, mapped once here; never a stack trace or a secret."""

from __future__ import annotations

import functools
import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import ClientError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.errors import PayloadTooLarge, PolicygraphError, TooManyRequests, Unauthorized

log = logging.getLogger("policygraph.api")
PROBLEM_JSON = "application/problem+json"


def problem_type(status: int) -> str:
    """A stable URI per status, e.g. `urn:policygraph:problem:not-found`."""
    known = status in HTTPStatus._value2member_map_
    slug = HTTPStatus(status).phrase.lower().replace(" ", "-") if known else "error"
    return f"urn:policygraph:problem:{slug}"


def problem(status: int, title: str, detail: str, instance: str, *, headers: dict[str, str] | None = None,
            **extra: Any) -> JSONResponse:
    """One problem document; `type` names the status so clients can switch on it."""
    body = {"type": problem_type(status), "title": title, "status": status,
            "detail": detail, "instance": instance, **extra}
    headers = {**({"WWW-Authenticate": "Bearer"} if status == 401 else {}), **(headers or {})}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _instance(request: Request) -> str:
    return request.url.path


async def _domain(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, PolicygraphError)
    if exc.status >= 500:
        log.warning("%s on %s: %s", type(exc).__name__, request.url.path, exc)
    headers = {"Retry-After": str(exc.retry_after_s)} if isinstance(exc, TooManyRequests) else None
    return problem(exc.status, exc.title, str(exc) or exc.title, _instance(request), headers=headers)


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", ""), "type": e.get("type", "")}
              for e in exc.errors()]
    where = ", ".join(".".join(e["loc"]) for e in errors[:5])
    return problem(422, "Invalid request", f"invalid or missing parameters: {where}", _instance(request),
                   errors=errors)


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    titles = {413: PayloadTooLarge.title, 401: Unauthorized.title}
    known = exc.status_code in HTTPStatus._value2member_map_
    title = titles.get(exc.status_code) or (HTTPStatus(exc.status_code).phrase if known else "Error")
    headers = dict(exc.headers) if exc.headers else {}
    if exc.status_code == 405:  # Starlette names only the first route's methods; the path may have several
        headers["Allow"] = allowed_methods(request) or headers.get("Allow", "")
    return problem(exc.status_code, title, str(exc.detail), _instance(request), headers=headers or None)


def allowed_methods(request: Request) -> str:
    """The methods the OpenAPI schema lists for this path (HEAD with GET), for a 405's `Allow` header."""
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        if _template_regex(template).fullmatch(request.url.path):
            methods |= {m.upper() for m in operations if m.upper() in _HTTP_METHODS}
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods))


_HTTP_METHODS = frozenset({"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"})


@functools.cache
def _template_regex(template: str) -> re.Pattern[str]:
    """`/documents/{doc_id}` -> a regex where each parameter is one path segment."""
    parts = re.split(r"(\{[^}/]+\})", template)
    return re.compile("".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts))


async def _neo4j(request: Request, exc: Exception) -> JSONResponse:
    """Backstop for driver errors that escaped the repository (it maps them itself)."""
    code = getattr(exc, "code", None) or ""
    if isinstance(exc, ClientError) and "TimedOut" in code:
        return problem(504, "Query timed out", "the query ran longer than allowed", _instance(request))
    if isinstance(exc, ServiceUnavailable | SessionExpired | DriverError):
        return problem(503, "Graph database unavailable", "Neo4j is not reachable", _instance(request))
    log.warning("Neo4j error on %s: %s", request.url.path, code)
    return problem(503, "Graph database error", "Neo4j could not answer", _instance(request))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path)
    detail = "an unexpected error occurred; it has been logged"
    return problem(500, "Internal error", detail, _instance(request))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(PolicygraphError, _domain)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Neo4jError, _neo4j)
    app.add_exception_handler(DriverError, _neo4j)
    app.add_exception_handler(Exception, _unexpected)


PROBLEM_EXAMPLE = {
    "type": "urn:policygraph:problem:not-found",
    "title": "Not found",
    "status": 404,
    "detail": "no actor with key 'person:nobody'",
    "instance": "/actors/person:nobody",
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problem statuses an endpoint can return."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        phrase = HTTPStatus(status).phrase
        example = {**PROBLEM_EXAMPLE, "status": status, "title": phrase, "type": problem_type(status)}
        out[status] = {"description": phrase, "content": {PROBLEM_JSON: {"example": example}}}
        if status == 429:
            out[status]["headers"] = {"Retry-After": RETRY_AFTER}
    return out


RETRY_AFTER = {"description": "seconds to wait before retrying", "required": True,
               "schema": {"type": "integer", "minimum": 1}}
