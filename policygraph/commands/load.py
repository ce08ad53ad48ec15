"""`policygraph load FACTS [--bulk]`: load a facts file (JSONL or Parquet) into Neo4j.

Transactional by default: the grouped writer `ingest` uses, so the graph is the one `ingest` would build
(unchanged documents skipped, changed ones replaced, each document all or nothing). `--bulk` is the fast
path for a first load into an empty local database, through `neo4j-admin database import`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph.errors import PolicygraphError
from graph.factset.read import Item, read_facts
from graph.factset.records import Failure
from graph.model import Extraction
from graph.settings import get_settings
from graph.writer import GraphWriter
from ingest.flow import IngestSummary, write_extractions
from policygraph.commands._graph import open_graph
from policygraph.commands.ingest import report

console = Console()
errors = Console(stderr=True)


def _divert(items: Iterable[Item], summary: IngestSummary) -> Iterator[Extraction]:
    """Extractions pass through; failures recorded by extraction are counted and reported."""
    for item in items:
        if isinstance(item, Failure):
            summary.fail(item.source, item.error)
        else:
            yield item


def load_items(items: Iterable[Item], summary: IngestSummary, batch_size: int | None = None,
               docs_per_tx: int | None = None, total: int | None = None) -> None:
    """Write documents with the grouped writer, counting outcomes into `summary` (as `ingest` does)."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with open_graph() as driver:
        writer = GraphWriter(driver, batch_size)
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("writing", total=total)
            write_extractions(writer, _divert(items, summary), summary, docs_per_tx=docs_per_tx,
                              on_written=lambda _: progress.advance(task))


def _bulk(facts: Path, summary: IngestSummary, memory: str) -> None:
    from localserver.bulk import BulkRefused, bulk_load

    try:
        result = bulk_load(facts, get_settings(), say=lambda m: console.print(f"[dim]{m}[/]"),
                           memory=memory)
    except BulkRefused as exc:
        errors.print(f"[bold red]Refused:[/] {exc}", highlight=False)
        raise typer.Exit(3) from None
    files = result.files
    summary.new = files.documents
    summary.unchanged = len(files.unchanged)
    for source, error in files.failures:
        summary.fail(source, error)
    summary.facts_written = sum(files.types.values())
    phases = ", ".join(f"{name} {s:.1f} s" for name, s in result.seconds.items())
    nodes = sum(files.labels[k] for k in ("Document", "Quote", "Actor"))
    console.print(f"bulk import: {files.facts:,} facts, {nodes:,} nodes, {summary.facts_written:,} "
                  f"relationships ({phases})", highlight=False)


def load_facts(
    facts: Path = typer.Argument(..., help="A facts file (.jsonl or .parquet) or a folder of them, as "
                                 "written by `extract --facts-out` or `ingest --engine spark --facts-out`."),
    bulk: bool = typer.Option(False, "--bulk", help="First load into an EMPTY local database through "
                              "neo4j-admin database import (stops and restarts the local Neo4j)."),
    batch_size: int | None = typer.Option(None, min=1, help="Rows per UNWIND batch (default: settings)."),
    docs_per_tx: int | None = typer.Option(None, "--docs-per-tx", min=1,
                                           help="Documents per transaction (default: settings)."),
    import_memory: str = typer.Option("2g", help="--bulk: off-heap memory neo4j-admin may use."),
) -> None:
    """Load extracted facts into Neo4j: the same graph `ingest` builds, without extracting again."""
    started = time.perf_counter()
    summary = IngestSummary()
    try:
        if bulk:
            _bulk(facts, summary, import_memory)
        else:
            load_items(read_facts(facts), summary, batch_size, docs_per_tx)
    except PolicygraphError as exc:
        errors.print(f"[bold red]Error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
    summary.elapsed_s = time.perf_counter() - started
    report(summary)  # exit code 1 if any document failed
