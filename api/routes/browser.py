"""Serve the Neo4j Browser guide and style sheet, so `:play` and `:style` can fetch them from the API.

The Browser fetches remote content from its own origin with `pragma`/`cache-control` headers, so it sends
a CORS preflight first; both are answered here for the Browser origins named by the settings.
"""

from __future__ import annotations

import html
import re
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, PlainTextResponse

from api.browser import read
from graph.cypher import load
from graph.settings import Settings, get_settings

_QUERY_SLOT = re.compile(r"\{\{query:([\w/]+)\}\}")

router = APIRouter(prefix="/browser", tags=["browser"])
SettingsDep = Annotated[Settings, Depends(get_settings)]


def render_guide(base_url: str) -> str:
    """The guide with each `{{query:name}}` slot filled from `queries/`, so starter queries live in files."""
    template = read("guide.html")
    filled = _QUERY_SLOT.sub(lambda m: html.escape(load(m.group(1)), quote=False), template)
    return filled.replace("{{base_url}}", base_url.rstrip("/"))


def browser_origins(settings: Settings) -> set[str]:
    """Origins a Neo4j Browser for our server is served from (its HTTP port on loopback or its host)."""
    port = settings.neo4j_http_port
    return {f"http://{host}:{port}" for host in ("127.0.0.1", "localhost", settings.neo4j_host)}


def cors_headers(origin: str | None, settings: Settings) -> dict[str, str]:
    """CORS headers that let the Browser origin read these files; nothing for other origins."""
    if origin is None or origin not in browser_origins(settings):
        return {"Vary": "Origin"}
    return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": "GET, OPTIONS",
        "Access-Control-Allow-Headers": "pragma, cache-control, content-type",
        "Access-Control-Max-Age": "600",
        "Vary": "Origin",
    }


@router.get("/guide.html", response_class=HTMLResponse)
def guide(request: Request, settings: SettingsDep) -> HTMLResponse:
    """The `:play` guide: starter queries, one click each."""
    body = render_guide(str(request.base_url))
    return HTMLResponse(body, headers=cors_headers(request.headers.get("origin"), settings))


@router.get("/style.grass", response_class=PlainTextResponse)
def style(request: Request, settings: SettingsDep) -> PlainTextResponse:
    """The graph style sheet for `:style <url>`: colours per label, captions, sizes."""
    body = read("style.grass")
    return PlainTextResponse(body, headers=cors_headers(request.headers.get("origin"), settings))


@router.options("/guide.html", include_in_schema=False)
@router.options("/style.grass", include_in_schema=False)
def preflight(request: Request, settings: SettingsDep) -> Response:
    """Answer the Browser's CORS preflight (it sends non-simple `pragma`/`cache-control` headers)."""
    return Response(status_code=204, headers=cors_headers(request.headers.get("origin"), settings))
