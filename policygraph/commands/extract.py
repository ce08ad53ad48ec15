"""`policygraph extract PATH... [--jsonl]`: print the facts found in documents, without a database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.model import Extraction
from ingest.flow import IngestSummary, extract_documents, read_documents

errors = Console(stderr=True)


def _why(extraction: Extraction, fact_id: str) -> str:
    """ "roles.titled.implied: «U.S. Senator»": the rule and the words it fired on."""
    found = next((e for e in extraction.explanations if e.fact_id == fact_id), None)
    if found is None:
        return ""
    cues = " + ".join(f"«{' '.join(c.split())}»" for c in found.cues)
    return f"{found.rule}: {cues}" if cues else found.rule


def _summary(extraction: Extraction, explain: bool) -> Table:
    table = Table(title=Path(extraction.document.source).name, title_justify="left")
    for col in ("kind", "who", "what", "conf.", *(("why",) if explain else ())):
        table.add_column(col)
    for fact in extraction.facts:
        if fact.kind == "quote":
            who, what = fact.speaker.name, f"“{fact.text[:90]}{'…' if len(fact.text) > 90 else ''}”"
        elif fact.kind == "role":
            who, what = fact.person.name, f"{fact.title or '(affiliated)'} · {fact.org.name}"
        elif fact.kind == "funding":
            who, what = fact.source.name, f"{fact.amount} → {fact.target.name}"
        else:
            continue
        why = (_why(extraction, fact.id),) if explain else ()
        table.add_row(fact.kind, who, what, f"{fact.evidence.confidence:.2f}", *why)
    return table


def extract(
    paths: list[Path] = typer.Argument(..., help="Files, or folders searched for *.txt and *.md."),
    jsonl: bool = typer.Option(False, "--jsonl", help="One JSON object per fact per line on stdout."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes that parse and extract."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Documents per spaCy batch."),
    mentions: bool = typer.Option(False, "--mentions", help="Also print one mention fact per actor."),
    explain: bool = typer.Option(
        False, "--explain", help="Show for each fact the rule that found it and the words it fired on."
    ),
    min_confidence: float = typer.Option(
        0.0, "--min-confidence", min=0.0, max=1.0, help="Leave out facts below this confidence."
    ),
    facts_out: Path | None = typer.Option(
        None, "--facts-out", dir_okay=False,
        help="Also write a facts file (JSONL: documents, every fact, failures) for `policygraph load`.",
    ),
) -> None:
    """Extract quotes, roles and funding from documents and print them (nothing is stored)."""
    from graph.factset.records import fact_record
    from policygraph.facts import extraction_records, failure_record, write_jsonl

    summary = IngestSummary()
    docs = read_documents(paths, summary)
    if not docs and not summary.failed:
        errors.print("[red]error:[/] no documents found (folders are searched for *.txt and *.md)")
        raise typer.Exit(1)
    out = Console()
    saved = facts_out.open("w", encoding="utf-8") if facts_out else None
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=errors, transient=True, disable=len(docs) < 2) as progress:
        task = progress.add_task("extracting", total=len(docs))
        extracted = facts = 0
        extractions = extract_documents(
            docs, summary, workers=workers, batch_size=batch_size, min_confidence=min_confidence
        )
        for extraction in extractions:
            for lost in extraction.failures:  # a rule that failed lost one sentence's facts
                errors.print(f"[yellow]warning:[/] {extraction.document.source}: {lost}", highlight=False)
            extracted += 1
            facts += sum(1 for f in extraction.facts if f.kind != "mention")
            name = Path(extraction.document.source).name
            if jsonl:
                for fact in extraction.facts:
                    if fact.kind != "mention" or mentions:
                        record = fact_record(fact, name)
                        if explain:
                            record["explanation"] = _why(extraction, fact.id)
                        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                out.print(_summary(extraction, explain))
            if saved is not None:
                write_jsonl(extraction_records(extraction), saved)
            progress.advance(task)
    if saved is not None:
        write_jsonl((failure_record(f.source, f.error) for f in summary.failures), saved)
        saved.close()
    if not jsonl:
        out.print(f"{extracted} document(s), {facts} fact(s)", highlight=False)
    for failed in summary.failures:
        errors.print(f"[red]error:[/] {failed}", highlight=False)
    if summary.failed:
        errors.print(f"[red]{summary.failed} document(s) failed[/]", highlight=False)
        raise typer.Exit(1)
