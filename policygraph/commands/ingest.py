"""`policygraph ingest PATH...`: read, extract and load documents, then print what changed."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.errors import PolicygraphError
from graph.writer import GraphWriter
from ingest.flow import IngestSummary, ingest_documents, read_documents
from policygraph.commands._graph import open_graph

console = Console()
errors = Console(stderr=True)


def summary_table(summary: IngestSummary) -> Table:
    table = Table(title="ingest", show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    for label in ("new", "unchanged", "replaced", "failed"):
        style = "red" if label == "failed" and summary.failed else ""
        table.add_row(f"documents {label}", f"[{style}]{getattr(summary, label)}[/]" if style else
                      str(getattr(summary, label)))
    table.add_row("facts written", str(summary.facts_written))
    table.add_row("elapsed", f"{summary.elapsed_s:.1f} s")
    return table


def ingest(
    paths: list[Path] = typer.Argument(..., help="Files, or folders searched for *.txt and *.md."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes that parse and extract."),
    published: datetime | None = typer.Option(
        None, formats=["%Y-%m-%d"], help="Published date for documents whose front matter has none."
    ),
    batch_size: int | None = typer.Option(None, min=1, help="Rows per UNWIND batch (default: settings)."),
    docs_per_tx: int | None = typer.Option(
        None, "--docs-per-tx", min=1,
        help="Documents per transaction (default: settings); each document is still all or nothing.",
    ),
    min_confidence: float = typer.Option(
        0.0,
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Store only facts at or above this confidence (calibrated: 0.9 is right about 9 times in 10).",
    ),
    engine: str = typer.Option(
        "local", "--engine", help="Where extraction runs: `local` (this process and --workers) or `spark` "
        "(PySpark, the `spark` extra; PATHS may also be .parquet/.jsonl tables with source and text).",
    ),
    master: str = typer.Option("local[2]", "--master", help="--engine spark: local[N], spark://..., k8s://..."),
    facts_out: Path | None = typer.Option(
        None, "--facts-out", file_okay=False,
        help="--engine spark: keep the extracted facts here (a Parquet dataset `policygraph load` reads).",
    ),
    spark_conf: list[str] = typer.Option([], "--spark-conf", help="--engine spark: KEY=VALUE, repeatable."),
) -> None:
    """Extract facts from documents and load them into Neo4j (re-ingesting unchanged text is a no-op)."""
    started = time.perf_counter()
    summary = IngestSummary()
    if engine not in ("local", "spark"):
        errors.print(f"[bold red]Error:[/] --engine is `local` or `spark`, not {engine!r}", highlight=False)
        raise typer.Exit(2)
    if engine == "spark":
        _ingest_on_spark(
            paths, summary, master, facts_out, spark_conf, published, batch_size, docs_per_tx, min_confidence
        )
        summary.elapsed_s = time.perf_counter() - started
        report(summary)
        return
    docs = read_documents(paths, summary, published.date() if published else None)
    with open_graph() as driver:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            parsing = progress.add_task("extracting", total=len(docs))
            writing = progress.add_task("writing", total=len(docs))

            def to_do(n: int) -> None:
                progress.update(parsing, total=n)
                progress.update(writing, total=n)

            writer = GraphWriter(driver, batch_size)
            ingest_documents(
                writer, docs, summary, workers=workers, min_confidence=min_confidence,
                docs_per_tx=docs_per_tx, on_new=to_do, on_extracted=lambda: progress.advance(parsing),
                on_written=lambda: progress.advance(writing),
            )
    summary.elapsed_s = time.perf_counter() - started
    report(summary)


def report(summary: IngestSummary) -> None:
    """Failures by name on stderr, the summary table; exit code 1 if any document failed."""
    for failure in summary.failures:
        errors.print(f"[red]failed:[/] {failure}", highlight=False)
    console.print(summary_table(summary))
    if summary.failed:
        raise typer.Exit(1)


def _ingest_on_spark(paths: list[Path], summary: IngestSummary, master: str, facts_out: Path | None,
                     spark_conf: list[str], published: datetime | None, batch_size: int | None,
                     docs_per_tx: int | None, min_confidence: float = 0.0) -> None:
    try:
        from policygraph.spark.ingest import ingest_on_spark, parse_conf
    except ImportError as exc:
        errors.print(f"[bold red]Error:[/] --engine spark needs PySpark: pip install 'policygraph[spark]' "
                     f"({exc})", highlight=False)
        raise typer.Exit(2) from None
    try:
        conf = parse_conf(spark_conf)
        say = lambda m: console.print(f"[dim]{m}[/]", highlight=False)  # noqa: E731
        day = published.date() if published else None
        ingest_on_spark(paths, summary, say, master=master, facts_out=facts_out, conf=conf, published=day,
                        batch_size=batch_size, docs_per_tx=docs_per_tx, min_confidence=min_confidence)
    except (PolicygraphError, ValueError) as exc:
        errors.print(f"[bold red]Error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
