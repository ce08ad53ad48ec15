"""Named read queries -> typed results. The API's only door to Neo4j; routes never see the driver."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from neo4j import READ_ACCESS, Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import DriverError, Neo4jError

from graph import cypher
from graph.db_errors import as_graph_error
from graph.errors import GraphUnavailable, NotFound, PolicygraphError
from graph.search_terms import has_words, lucene_terms, word_patterns
from graph.settings import Settings
from graph.values import to_native
from graph.views import (
    ActorHit,
    ActorProfile,
    ActorRef,
    CitedEvidence,
    DocumentSummary,
    FundingView,
    Network,
    NetworkEdge,
    NetworkNode,
    PathEdge,
    PathView,
    QuoteView,
    RoleView,
)

T = TypeVar("T")
NAMED_QUERY_TIMEOUT_S = 10.0


def _evidence(ev: dict[str, Any], doc: dict[str, Any] | None) -> CitedEvidence:
    doc = doc or {}
    return CitedEvidence(**ev, title=doc.get("title"), url=doc.get("url"))


class GraphRepository:
    """Read access for the API: each method runs one or a few named queries in READ transactions."""

    def __init__(self, driver: Driver, settings: Settings) -> None:
        self.driver = driver
        self.settings = settings

    # -- plumbing ---------------------------------------------------------------------------------

    def _in_read_tx(self, work: Callable[[ManagedTransaction], T], timeout: float) -> T:
        """Run `work` in a READ transaction; driver errors become graph.errors (503, 504, 400)."""
        try:
            # A short retry budget: a dead database must answer 503 fast, not after 15 s of retries.
            with self.driver.session(
                database=self.settings.neo4j_database,
                default_access_mode=READ_ACCESS,
                max_transaction_retry_time=2.0,
                notifications_min_severity="OFF",
            ) as session:
                return session.execute_read(unit_of_work(timeout=timeout)(work))
        except (Neo4jError, DriverError) as exc:
            raise as_graph_error(exc, timeout) from exc

    def _read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of the named query as plain Python values."""
        text = cypher.load(name)

        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            result = tx.run(text, params)
            keys = result.keys()
            # Named queries return maps, lists and scalars only, so skip Record.data()'s graph-object
            # transform (a fifth of a who-said-what miss); to_native still converts the temporals.
            return [to_native(dict(zip(keys, r, strict=True))) for r in result]

        # Our own queries are bounded by design; they get at least NAMED_QUERY_TIMEOUT_S so a short
        # user-Cypher timeout (tests, strict deployments) cannot turn a busy moment into a 504.
        return self._in_read_tx(work, max(self.settings.cypher_timeout_s, NAMED_QUERY_TIMEOUT_S))

    # -- health -----------------------------------------------------------------------------------

    def ping(self) -> bool:
        return bool(self._read("read/ping"))

    def data_version(self) -> str:
        """The bookmark of a trivial READ transaction: it changes exactly when something has committed."""
        text = cypher.load("read/data_version")
        try:
            with self.driver.session(database=self.settings.neo4j_database, default_access_mode=READ_ACCESS,
                                     max_transaction_retry_time=1.0,
                                     notifications_min_severity="OFF") as session:
                session.execute_read(lambda tx: tx.run(text).consume())
                return "|".join(sorted(session.last_bookmarks().raw_values))
        except (Neo4jError, DriverError) as exc:
            raise GraphUnavailable("Neo4j is not reachable") from exc

    def server_processors(self) -> int | None:
        """How many processors Neo4j's JVM has, or None where JMX is not offered (some managed services)."""
        try:
            rows = self._read("read/server_processors")
        except GraphUnavailable:
            raise
        except PolicygraphError:  # the procedure is missing or not allowed
            return None
        value = rows[0]["processors"] if rows else None
        return int(value) if isinstance(value, int) and value > 0 else None

    def online_index_names(self) -> set[str]:
        return {r["name"] for r in self._read("read/schema_status")}

    # -- quotes -----------------------------------------------------------------------------------

    def quotes(
        self,
        *,
        speaker: str | None = None,
        org: str | None = None,
        q: str | None = None,
        mentions: str | None = None,
        doc: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        min_confidence: float | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[QuoteView]:
        if q is not None and not has_words(q):
            return []  # a search text without words matches no quote
        keys: dict[str, list[str] | None] = {"speaker_keys": None, "org_keys": None, "mention_keys": None}
        for name, ref in (("speaker_keys", speaker), ("org_keys", org), ("mention_keys", mentions)):
            if ref is not None:
                keys[name] = self.resolve_actor(ref)
                if not keys[name]:
                    return []  # nobody by that name: nothing can match
        anchor = next((a for a, v in (("speaker", speaker), ("doc", doc), ("mentions", mentions),
                                      ("text", q), ("org", org)) if v is not None), None)
        quote_ids, text_patterns = None, None
        if anchor == "text" and q is not None:
            # The top hits by score (up to 5000), then newest first among them.
            hits = self._read("read/quote_text_search", lucene=lucene_terms(q, fuzzy=False), limit=5000)
            quote_ids = [h["id"] for h in hits]
            if not quote_ids:
                return []
        elif q is not None:
            text_patterns = word_patterns(q)  # a narrower anchor: filter its quotes by whole words
        dates = {"from": date_from.isoformat() if date_from else None,
                 "to": date_to.isoformat() if date_to else None, "min_confidence": min_confidence}
        if anchor is None:
            rows = self._read("read/quotes_latest", **dates, limit=limit, offset=offset)
        elif anchor == "speaker" and org is None and q is None and mentions is None and doc is None:
            rows = self._read("read/quotes_by_speaker", speaker_keys=keys["speaker_keys"], **dates,
                              limit=limit, offset=offset)
        else:
            rows = self._read("read/quotes", anchor=anchor, **keys, doc=doc, quote_ids=quote_ids,
                              text_patterns=text_patterns, **dates, limit=limit, offset=offset)
        return [
            QuoteView(
                **r["quote"], speaker=r["speaker"], document=r["document"], about=r["about"],
                evidence=_evidence(r["evidence"], r["document"]),
            )
            for r in rows
        ]

    def resolve_actor(self, ref: str) -> list[str]:
        """Keys of the actors `ref` names: a key, or an exact name or alias (case-insensitive)."""
        phrase = '"' + ref.replace("\\", "\\\\").replace('"', '\\"') + '"' if has_words(ref) else None
        return list(self._read("read/resolve_actor", ref=ref, phrase=phrase)[0]["keys"])

    # -- actors -----------------------------------------------------------------------------------

    def search_actors(self, text: str, type_: str | None = None, limit: int = 20) -> list[ActorHit]:
        if not has_words(text):
            return []  # no word to search for: no actor matches
        rows = self._read("read/actor_search", lucene=lucene_terms(text, fuzzy=True), type=type_, limit=limit)
        return [ActorHit(**r["actor"], **{k: v for k, v in r.items() if k != "actor"}) for r in rows]

    def actor_profile(self, key: str, *, quotes: int = 5, neighbours: int = 10,
                      min_confidence: float | None = None) -> ActorProfile:
        rows = self._read("read/actor", key=key)
        if not rows:
            raise NotFound(f"no actor with key {key!r}")
        row = rows[0]
        roles = [
            RoleView(
                type=r["type"], direction="holds" if r["outgoing"] else "at", title=r["title"],
                markers=r["markers"] or [], as_of=r["as_of"], other=r["other"],
                evidence=_evidence(r["evidence"], r["document"]),
            )
            for r in self._read("read/actor_roles", key=key, min_confidence=min_confidence, limit=100)
        ]
        edges = self._read("read/network_step", keys=[key], min_confidence=min_confidence, limit=neighbours)
        return ActorProfile(
            **row["actor"], aliases=row["aliases"], quote_count=row["quotes"], mention_count=row["mentions"],
            roles=roles, latest_quotes=self.quotes(speaker=key, min_confidence=min_confidence, limit=quotes),
            funding=self.funding(key=key, min_confidence=min_confidence, limit=100),
            neighbours=[NetworkEdge(**e) for e in edges],
        )

    def network(self, key: str, depth: int = 1, limit: int = 100,
                min_confidence: float | None = None) -> Network:
        """Breadth-first, `depth` steps from `key`, keeping at most `limit` nodes."""
        start = self._read("read/actors_by_key", keys=[key])
        if not start:
            raise NotFound(f"no actor with key {key!r}")
        nodes = {key: NetworkNode(**start[0]["node"])}
        edges: dict[tuple[str, str, str], NetworkEdge] = {}
        frontier, truncated = [key], False
        for _ in range(depth):
            step_limit = max(limit * 4, 50)
            rows = self._read("read/network_step", keys=frontier, min_confidence=min_confidence,
                              limit=step_limit)
            truncated = truncated or len(rows) >= step_limit
            new: list[str] = []
            for r in rows:
                other = r["node"]["key"]
                if other not in nodes:
                    if len(nodes) >= limit:
                        truncated = True
                        continue
                    nodes[other] = NetworkNode(**r["node"])
                    new.append(other)
                edge = NetworkEdge(**{k: r[k] for k in ("source", "target", "type", "documents")})
                edges[(edge.source, edge.target, edge.type)] = edge
            frontier = new
            if not frontier:
                break
        kept = [e for e in edges.values() if e.source in nodes and e.target in nodes]
        return Network(center=key, depth=depth, nodes=list(nodes.values()), edges=kept, truncated=truncated)

    def paths(self, source: str, target: str, max_hops: int = 4, limit: int = 10,
              min_confidence: float | None = None) -> list[PathView]:
        start = self._read("read/actors_by_key", keys=[source])
        if not start:
            raise NotFound(f"no actor with key {source!r}")
        if source == target:  # the one shortest path from an actor to itself: no step at all
            node = ActorRef(**start[0]["node"])
            return [PathView(hops=0, nodes=[node], edges=[])]
        if not self._read("read/actors_by_key", keys=[target]):
            raise NotFound(f"no actor with key {target!r}")
        out = []
        for r in self._read("read/paths", source=source, target=target, min_confidence=min_confidence,
                            limit=limit):
            if len(r["edges"]) > max_hops:
                continue
            edges = [PathEdge(**{**e, "evidence": _evidence(e["evidence"], e["document"])})
                     for e in r["edges"]]
            out.append(PathView(hops=len(edges), nodes=r["nodes"], edges=edges))
        return out

    # -- funding ----------------------------------------------------------------------------------

    def funding(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        key: str | None = None,
        min_amount: float | None = None,
        min_confidence: float | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[FundingView]:
        ends: dict[str, list[str] | None] = {"source_keys": None, "target_keys": None}
        for name, ref in (("source_keys", source), ("target_keys", target)):
            if ref is not None:
                ends[name] = self.resolve_actor(ref)
                if not ends[name]:
                    return []
        rows = self._read("read/funding", **ends, key=key, min_amount=min_amount,
                          min_confidence=min_confidence, limit=limit, offset=offset)
        return [
            FundingView(**{k: r[k] for k in ("source", "target", "amount", "amount_value", "currency",
                                             "period")},
                        evidence=_evidence(r["evidence"], r["document"]))
            for r in rows
        ]

    # -- documents --------------------------------------------------------------------------------

    def document(self, doc_id: str) -> DocumentSummary:
        rows = self._read("read/document", id=doc_id)
        if not rows:
            raise NotFound(f"no document with id {doc_id!r}")
        return DocumentSummary(**rows[0]["document"], quotes=rows[0]["quotes"], mentions=rows[0]["mentions"])

    # -- readiness --------------------------------------------------------------------------------

    def schema_applied(self) -> bool:
        """Every constraint and index of the model is online (the writer's schema files are the truth)."""
        from graph.schema import missing_schema

        return not missing_schema(self.online_index_names())
