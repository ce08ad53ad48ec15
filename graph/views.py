"""Typed read results: what `GraphRepository` returns and what the API serialises, evidence included.

One shape per concept: evidence is `graph.model.Evidence` (the writer's, every field required, so a
read query that forgets one fails instead of answering null) with the document's title and url added;
every actor or path node is an `ActorRef`, and views about an actor extend it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from graph.model import Evidence


class _View(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ActorRef(_View):
    """An actor, or on a path a quote (key: its id, name: its text, type: `Quote`)."""

    key: str
    name: str
    type: str


class DocumentRef(_View):
    id: str
    title: str | None = None
    url: str | None = None
    published: date | None = None


class CitedEvidence(Evidence):
    """The supporting span (`start`/`end`: offsets into the document's text) and its document's title/url."""

    title: str | None = None
    url: str | None = None


class QuoteView(_View):
    id: str
    text: str
    start: int | None = Field(None, description="offset of the quoted words in the document text")
    end: int | None = None
    speaker: ActorRef
    document: DocumentRef
    about: list[ActorRef] = []
    evidence: CitedEvidence


class ActorHit(ActorRef):
    aliases: list[str] = []
    score: float
    quotes: int
    mentions: int
    roles: int
    funding: int


class RoleView(_View):
    type: str = Field(description="HOLDS_ROLE, or AFFILIATED_WITH for a role with no title")
    direction: str = Field(description="'holds' when this actor holds the role, 'at' when it is held here")
    title: str | None = None
    markers: list[str] = []
    as_of: date | None = None
    other: ActorRef
    evidence: CitedEvidence


class FundingView(_View):
    source: ActorRef
    target: ActorRef
    amount: str | None = Field(None, description="as written in the source")
    amount_value: float | None = Field(None, description="normalised numeric amount")
    currency: str | None = None
    period: str | None = None
    evidence: CitedEvidence


class NetworkNode(ActorRef):
    pagerank: float | None = None
    community: int | None = None


class NetworkEdge(_View):
    source: str
    target: str
    type: str
    documents: int = Field(description="number of distinct documents supporting this link")


class Network(_View):
    center: str
    depth: int
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    truncated: bool = False


class ActorProfile(ActorRef):
    aliases: list[str] = []
    pagerank: float | None = None
    betweenness: float | None = None
    community: int | None = None
    quote_count: int
    mention_count: int
    roles: list[RoleView]
    latest_quotes: list[QuoteView]
    funding: list[FundingView]
    neighbours: list[NetworkEdge]


class PathEdge(_View):
    type: str
    source: str
    target: str
    title: str | None = None
    amount: str | None = None
    evidence: CitedEvidence


class PathView(_View):
    hops: int
    nodes: list[ActorRef]
    edges: list[PathEdge]


class CypherResult(_View):
    columns: list[str]
    rows: list[dict[str, Any]]
    row_count: int
    truncated: bool = Field(description="true when the row cap cut the result short")


class DocumentSummary(_View):
    id: str
    source: str | None = None
    title: str | None = None
    url: str | None = None
    published: date | None = None
    quotes: int = 0
    mentions: int = 0
