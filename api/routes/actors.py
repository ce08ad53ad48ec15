"""Actors: full-text search, profile, and the network around one actor (JSON or GraphML)."""

from __future__ import annotations

from typing import Annotated, Literal

import networkx as nx
from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from api.deps import MinConfidence, RepoDep
from api.errors import problem_responses
from api.schemas import ActorList
from graph.model import ActorType
from graph.views import ActorProfile, Network

router = APIRouter(prefix="/actors", tags=["actors"])
Key = Annotated[str, Path(min_length=1, max_length=300, description="actor key",
                          examples=["person:margrethe-vestager"])]
GRAPHML = "application/graphml+xml"

PROFILE_EXAMPLE = {
    "key": "person:sam-altman", "name": "Sam Altman", "type": "Person", "aliases": ["Altman"],
    "pagerank": 0.12, "betweenness": 0.3, "community": 2, "quote_count": 2, "mention_count": 2,
    "roles": [{"type": "HOLDS_ROLE", "direction": "holds", "title": "chief executive", "markers": [],
               "as_of": "2024-02-02", "other": {"key": "organisation:openai", "name": "OpenAI",
                                                "type": "Organisation"},
               "evidence": {"doc_id": "94d848de2ff5be9c", "title": "Commission welcomes AI Act deal",
                            "url": "https://example.org/ai-act",
                            "sentence": "Sam Altman, chief executive of OpenAI, said: ...",
                            "sentence_index": 2, "start": 170, "end": 207, "confidence": 0.85,
                            "extractor": "roles"}}],
    "latest_quotes": [], "funding": [],
    "neighbours": [{"source": "person:sam-altman", "target": "organisation:openai", "type": "HOLDS_ROLE",
                    "documents": 2}],
}
NETWORK_EXAMPLE = {
    "center": "person:sam-altman", "depth": 1, "truncated": False,
    "nodes": [{"key": "person:sam-altman", "name": "Sam Altman", "type": "Person"},
              {"key": "organisation:openai", "name": "OpenAI", "type": "Organisation"}],
    "edges": [{"source": "person:sam-altman", "target": "organisation:openai", "type": "HOLDS_ROLE",
               "documents": 2}],
}


@router.get("", response_model=ActorList, responses=problem_responses(400, 422, 503))
def search_actors(
    repo: RepoDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="name or alias; small typos are fine",
                            examples=["Vestagr"])],
    type: Annotated[ActorType | None, Query(description="only actors of this type")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ActorList:
    """Actors whose name or alias matches `q` (fuzzy full-text), best first, with fact counts."""
    return ActorList(items=repo.search_actors(q, type.value if type else None, limit))


@router.get("/{key}", response_model=ActorProfile,
            responses={200: {"content": {"application/json": {"example": PROFILE_EXAMPLE}}},
                       **problem_responses(404, 422, 503)})
def actor_profile(repo: RepoDep, key: Key, min_confidence: MinConfidence = None) -> ActorProfile:
    """Aliases, roles, latest quotes, funding, centrality and top neighbours, all with evidence;
    `min_confidence` keeps the roles, quotes, funding and links extracted at least that confidently."""
    return repo.actor_profile(key, min_confidence=min_confidence)


@router.get("/{key}/network", response_model=Network,
            responses={200: {"content": {"application/json": {"example": NETWORK_EXAMPLE},
                                         GRAPHML: {"example": "<graphml>...</graphml>"}}},
                       **problem_responses(404, 422, 503)})
def actor_network(
    repo: RepoDep,
    key: Key,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    limit: Annotated[int, Query(ge=1, le=500, description="maximum number of nodes")] = 100,
    format: Annotated[Literal["json", "graphml"],
                      Query(description="graphml for Gephi or Cytoscape")] = "json",
    min_confidence: MinConfidence = None,
) -> Network | Response:
    """Nodes and edges within `depth` steps, ready for a drawing tool."""
    network = repo.network(key, depth, limit, min_confidence=min_confidence)
    if format == "graphml":
        return Response(to_graphml(network), media_type=GRAPHML)
    return network


def to_graphml(network: Network) -> str:
    """The same nodes and edges as GraphML (None attributes dropped: GraphML has no null)."""
    g = nx.MultiDiGraph(center=network.center, depth=network.depth)
    for node in network.nodes:
        g.add_node(node.key, **{k: v for k, v in node.model_dump().items() if v is not None and k != "key"})
    for e in network.edges:
        g.add_edge(e.source, e.target, key=e.type, type=e.type, documents=e.documents)
    return "\n".join(nx.generate_graphml(g))
