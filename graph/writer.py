"""Load documents' facts atomically, idempotently and in batches (issues 4 and 7).

`write`: one document is ONE managed write transaction: lock the source, retract the previous version
if the content changed, merge nodes then relationships in `UNWIND $rows` batches, remove orphans.
`write_many` / `load_many`: the same steps for a group of documents in one transaction, their rows
merged into shared batches, so commits and round trips are paid per group, not per document.
A crash or error anywhere rolls the whole transaction back; transient errors are retried by the driver.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from neo4j import Driver, ManagedTransaction, Session
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired
from pydantic import BaseModel, ConfigDict

from graph import cypher
from graph.errors import NotFound, PolicygraphError
from graph.model import Extraction
from graph.rows import GroupPlan, LoadPlan, merge_plans, plan_extraction
from graph.settings import get_settings

__all__ = [
    "BatchHook",
    "DeleteResult",
    "GraphWriter",
    "Outcome",
    "WriteInterrupted",
    "WriteResult",
    "WriteStatus",
]


WriteStatus = Literal["new", "unchanged", "replaced"]
BatchHook = Callable[[str, int], None]
"""Called after each batch inside the transaction with (statement name, rows); raising aborts it."""


class WriteResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    doc_id: str
    source: str
    status: WriteStatus
    facts_written: int = 0
    """Relationships merged (each carries its evidence); 0 when unchanged."""
    actors_written: int = 0
    quotes_written: int = 0
    previous_id: str | None = None
    """The replaced version's id, when status is `replaced`."""
    retracted: int = 0
    """Relationships of the previous version deleted."""


class DeleteResult(BaseModel):
    """What `delete` removed; also the API's DELETE /documents/{id} response."""

    model_config = ConfigDict(frozen=True, json_schema_extra={"examples": [{
        "doc_id": "94d848de2ff5be9c", "source": "https://example.org/ai-act",
        "relationships_deleted": 12, "quotes_deleted": 1, "actors_deleted": 0}]})

    doc_id: str
    source: str
    relationships_deleted: int
    quotes_deleted: int
    actors_deleted: int


@dataclass(frozen=True)
class Outcome:
    """What happened to one document of `write_many`: its result, or the error that kept it out."""

    extraction: Extraction
    result: WriteResult | None = None
    error: Exception | None = None


class WriteInterrupted(Exception):
    """Neo4j became unreachable (after the driver's retries); `source` and every later one are not written."""

    def __init__(self, source: str) -> None:
        super().__init__(f"Neo4j became unreachable while writing {source}")
        self.source = source


class _Retraction(BaseModel):
    relationships: int = 0
    quotes: int = 0
    actor_keys: list[str] = []


def _retract(tx: ManagedTransaction, doc_id: str) -> _Retraction:
    """Delete a document's relationships and quotes; return the actors they touched."""
    rec = tx.run(cypher.load("load/retract_relationships"), doc_id=doc_id).single(strict=True)
    quotes = tx.run(cypher.load("load/retract_quotes"), doc_id=doc_id).single(strict=True)
    return _Retraction(relationships=rec["deleted"], quotes=quotes["deleted"], actor_keys=rec["actor_keys"])


def _delete_orphans(tx: ManagedTransaction, keys: list[str]) -> int:
    if not keys:
        return 0
    return int(tx.run(cypher.load("load/delete_orphan_actors"), keys=keys).single(strict=True)["deleted"])


class GraphWriter:
    """Writes `Extraction`s to Neo4j; one instance per process, sharing the process-wide driver."""

    def __init__(
        self,
        driver: Driver,
        batch_size: int | None = None,
        *,
        database: str | None = None,
        on_batch: BatchHook | None = None,
        retry_time_s: float | None = None,
    ) -> None:
        settings = get_settings()
        self.driver = driver
        self.batch_size = batch_size or settings.batch_size
        self.database = database or settings.neo4j_database
        self.on_batch = on_batch
        self.retry_time_s = retry_time_s

    def _session(self) -> Session:
        """A session with the retry budget for transient errors: the driver's (15 s) unless given."""
        if self.retry_time_s is None:
            return self.driver.session(database=self.database)
        return self.driver.session(database=self.database, max_transaction_retry_time=self.retry_time_s)

    def write(self, extraction: Extraction) -> WriteResult:
        """Write one document: `new`, `unchanged` (same content already there) or `replaced`."""
        plan = plan_extraction(extraction)
        with self._session() as session:
            return session.execute_write(self._write_tx, plan)

    def write_many(self, extractions: Iterable[Extraction], docs_per_tx: int | None = None
                   ) -> Iterator[WriteResult]:
        """`write` for a stream of documents, grouped into transactions; raises the first failure."""
        for outcome in self.load_many(extractions, docs_per_tx):
            if outcome.error is not None:
                raise outcome.error
            assert outcome.result is not None
            yield outcome.result

    def load_many(self, extractions: Iterable[Extraction], docs_per_tx: int | None = None
                  ) -> Iterator[Outcome]:
        """Write a stream in groups of `docs_per_tx` documents (default: settings), one transaction each.

        Commits and round trips are paid per group, which is what makes bulk loads fast (bench/load.py).

        Every document is still all-or-nothing: a group commits whole or not at all. A group that
        fails for a reason other than Neo4j going away is retried one document per transaction, so
        a bad document fails alone. A source repeated in the stream starts a new group, so its
        versions land in stream order. Memory holds one group; outcomes come in stream order.
        Raises `WriteInterrupted` when Neo4j is unreachable.
        """
        for group in _groups(extractions, docs_per_tx or get_settings().docs_per_tx):
            yield from self._write_group_or_each(group)

    def _write_group_or_each(self, group: list[Extraction]) -> Iterator[Outcome]:
        if len(group) > 1:
            try:
                plans = [plan_extraction(ex) for ex in group]
                with self._session() as session:
                    results = session.execute_write(self._write_group_tx, plans)
            except (ServiceUnavailable, SessionExpired) as exc:
                raise WriteInterrupted(group[0].document.source) from exc
            except (PolicygraphError, Neo4jError, DriverError):
                pass  # isolate the culprit below, one document per transaction
            else:
                yield from (Outcome(ex, result=r) for ex, r in zip(group, results, strict=True))
                return
        for ex in group:
            try:
                yield Outcome(ex, result=self.write(ex))
            except (ServiceUnavailable, SessionExpired) as exc:
                raise WriteInterrupted(ex.document.source) from exc
            except (PolicygraphError, Neo4jError, DriverError) as exc:
                yield Outcome(ex, error=exc)

    def existing(self, doc_ids: Iterable[str]) -> set[str]:
        """The ids among `doc_ids` already loaded: their text is unchanged, so callers may skip them."""
        records, _, _ = self.driver.execute_query(
            cypher.load("load/existing_documents"), ids=list(doc_ids), database_=self.database, routing_="r"
        )
        return set(records[0]["ids"]) if records else set()

    def delete(self, doc_id_or_source: str) -> DeleteResult:
        """Remove a document and every fact only it supported; raise `NotFound` if absent."""
        with self._session() as session:
            return session.execute_write(self._delete_tx, doc_id_or_source)

    # -- transaction functions: may run more than once (retries), so they only touch their arguments

    def _write_tx(self, tx: ManagedTransaction, plan: LoadPlan) -> WriteResult:
        return self._write_group_tx(tx, [plan])[0]

    def _write_group_tx(self, tx: ManagedTransaction, plans: list[LoadPlan]) -> list[WriteResult]:
        """Lock each source; skip unchanged versions, retract replaced ones; write the rest in shared batches.

        `plans` must have distinct sources. Locks are taken in source order, so concurrent writers of
        overlapping groups queue instead of deadlocking; orphans are deleted last, once for the group.
        """
        by_source = {p.document["source"]: p.document["id"] for p in plans}
        locks = tx.run(cypher.load("load/lock_documents"),
                       docs=[{"source": s, "id": by_source[s]} for s in sorted(by_source)]).data()
        state = {rec["source"]: rec for rec in locks}
        results: dict[str, WriteResult] = {}
        to_write: list[LoadPlan] = []
        orphan_keys: list[str] = []
        for plan in plans:
            doc = plan.document
            lock = state[doc["source"]]
            if lock["existed"] and lock["id"] == doc["id"]:
                results[doc["source"]] = WriteResult(doc_id=doc["id"], source=doc["source"],
                                                     status="unchanged")
                continue
            previous = lock["id"] if lock["existed"] else None
            retraction = _retract(tx, previous) if previous else _Retraction()
            orphan_keys += retraction.actor_keys
            to_write.append(plan)
            results[doc["source"]] = WriteResult(
                doc_id=doc["id"],
                source=doc["source"],
                status="replaced" if previous else "new",
                facts_written=plan.fact_count,
                actors_written=len(plan.actors),
                quotes_written=len(plan.quotes),
                previous_id=previous,
                retracted=retraction.relationships,
            )
        if to_write:
            group: GroupPlan = merge_plans(to_write)
            self._run_batches(tx, "load/merge_documents", group.documents)
            for name, rows in group.batches():
                self._run_batches(tx, name, rows)
            _delete_orphans(tx, sorted(set(orphan_keys)))
        return [results[p.document["source"]] for p in plans]

    def _run_batches(self, tx: ManagedTransaction, name: str, rows: list[dict[str, Any]]) -> int:
        query = cypher.load(name)
        total = 0
        for start in range(0, len(rows), self.batch_size):
            batch = rows[start : start + self.batch_size]
            total += int(tx.run(query, rows=batch).single(strict=True)["written"])
            if self.on_batch is not None:
                self.on_batch(name, len(batch))
        return total

    def _delete_tx(self, tx: ManagedTransaction, ref: str) -> DeleteResult:
        found = tx.run(cypher.load("load/find_document"), ref=ref).single()
        if found is None:
            raise NotFound(f"no document with id or source {ref!r}")
        doc_id = found["id"]
        retraction = _retract(tx, doc_id)
        tx.run(cypher.load("load/delete_document"), doc_id=doc_id).consume()
        orphans = _delete_orphans(tx, retraction.actor_keys)
        return DeleteResult(
            doc_id=doc_id,
            source=found["source"],
            relationships_deleted=retraction.relationships,
            quotes_deleted=retraction.quotes,
            actors_deleted=orphans,
        )


def _groups(extractions: Iterable[Extraction], size: int) -> Iterator[list[Extraction]]:
    """Consecutive groups of up to `size` documents, cut early where a source repeats."""
    it = iter(extractions)
    pending: list[Extraction] = []
    while True:
        pending.extend(itertools.islice(it, max(1, size) - len(pending)))
        if not pending:
            return
        group, pending = _split_repeated_sources(pending)
        yield group


def _split_repeated_sources(pending: list[Extraction]) -> tuple[list[Extraction], list[Extraction]]:
    """The longest prefix of `pending` whose sources are distinct, and the rest (in order)."""
    seen: set[str] = set()
    for i, ex in enumerate(pending):
        if ex.document.source in seen:
            return pending[:i], pending[i:]
        seen.add(ex.document.source)
    return pending, []
