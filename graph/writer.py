"""Load one document's facts atomically, idempotently and in batches (issue 4).

Each document is ONE managed write transaction: lock the source, retract the previous version if
the content changed, merge nodes then relationships in `UNWIND $rows` batches, remove orphans.
A crash or error anywhere rolls the whole document back; transient errors are retried by the driver.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

from neo4j import Driver, ManagedTransaction, Session
from pydantic import BaseModel, ConfigDict

from graph import cypher
from graph.errors import NotFound
from graph.model import Extraction
from graph.rows import LoadPlan, plan_extraction
from graph.settings import get_settings

__all__ = ["BatchHook", "DeleteResult", "GraphWriter", "WriteResult", "WriteStatus"]

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
    model_config = ConfigDict(frozen=True)

    doc_id: str
    source: str
    relationships_deleted: int
    quotes_deleted: int
    actors_deleted: int


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

    def write_many(self, extractions: Iterable[Extraction]) -> Iterator[WriteResult]:
        """Stream documents, one transaction each, so memory stays flat on large corpora."""
        for extraction in extractions:
            yield self.write(extraction)

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
        doc = plan.document
        query = cypher.load("load/lock_document")
        lock = tx.run(query, source=doc["source"], id=doc["id"]).single(strict=True)
        if lock["existed"] and lock["id"] == doc["id"]:
            return WriteResult(doc_id=doc["id"], source=doc["source"], status="unchanged")
        previous = lock["id"] if lock["existed"] else None
        retraction = _retract(tx, previous) if previous else _Retraction()
        tx.run(cypher.load("load/merge_document"), **doc).consume()
        written: dict[str, int] = {}
        for name, rows in plan.batches():
            written[name] = self._run_batches(tx, name, rows)
        _delete_orphans(tx, retraction.actor_keys)
        return WriteResult(
            doc_id=doc["id"],
            source=doc["source"],
            status="replaced" if previous else "new",
            facts_written=plan.fact_count,
            actors_written=len(plan.actors),
            quotes_written=len(plan.quotes),
            previous_id=previous,
            retracted=retraction.relationships,
        )

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
