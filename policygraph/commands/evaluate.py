"""`policygraph evaluate GOLD_DIR [FACTS]`: how right extraction is on texts you labelled yourself."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

console = Console()
errors = Console(stderr=True)


def _facts(gold_dir: Path, facts: Path | None) -> list[dict]:
    """Records of a facts file (`extract --jsonl`), or of extracting GOLD_DIR's texts now."""
    if facts is not None:
        lines = facts.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    from graph.factset.records import fact_record
    from ingest.flow import IngestSummary, extract_documents, read_documents

    summary = IngestSummary()
    docs = read_documents([gold_dir], summary)
    records = [
        fact_record(f, ex.document.source)
        for ex in extract_documents(docs, summary)
        for f in ex.facts
        if f.kind != "mention"
    ]
    for failure in summary.failures:
        errors.print(f"[red]error:[/] {failure}", highlight=False)
    return records


def evaluate(
    gold_dir: Path = typer.Argument(..., file_okay=False, exists=True,
                                    help="Folder of NAME.txt and NAME.gold.json pairs."),
    facts: Path | None = typer.Argument(None, dir_okay=False, exists=True,
                                        help="Facts from `extract --jsonl`; default: extract GOLD_DIR now."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every missed and spurious fact."),
) -> None:
    """Precision, recall and F1 of quotes, roles and funding against hand-labelled gold."""
    from ingest.evaluate import evaluate as score

    if not any(gold_dir.glob("*.gold.json")):
        errors.print(f"[red]error:[/] no *.gold.json files in {gold_dir}", highlight=False)
        raise typer.Exit(1)
    scores = score(gold_dir, _facts(gold_dir, facts))
    table = Table(title=f"extraction vs the gold in {gold_dir}")
    for col in ("kind", "precision", "recall", "F1", "right", "spurious", "missed"):
        table.add_column(col, justify="left" if col == "kind" else "right")
    for kind, s in scores.items():
        table.add_row(kind, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp),
                      str(s.fn))
    console.print(table)
    if verbose:
        for kind, s in scores.items():
            for doc, gold in s.missed:
                console.print(f"[yellow]missed[/]   {kind} {doc}: {json.dumps(gold, ensure_ascii=False)}")
            for doc, fact in s.spurious:
                shown = {k: fact[k] for k in ("speaker", "text", "person", "role", "org", "source", "target",
                                               "amount") if k in fact}
                console.print(f"[red]spurious[/] {kind} {doc}: {json.dumps(shown, ensure_ascii=False)[:200]}")
