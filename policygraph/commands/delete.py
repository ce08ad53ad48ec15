"""`policygraph delete DOC`: remove a document and every fact only it supported."""

from __future__ import annotations

import typer
from rich.console import Console

from graph.errors import NotFound
from graph.writer import GraphWriter
from policygraph.commands._graph import open_graph

console = Console()
errors = Console(stderr=True)


def delete(doc: str = typer.Argument(..., help="Document id, or its source (file path or URL).")) -> None:
    """Delete a document; actors that other documents still support are kept."""
    with open_graph() as driver:
        try:
            result = GraphWriter(driver).delete(doc)
        except NotFound as exc:
            errors.print(f"[bold red]Error:[/] {exc}", highlight=False)
            raise typer.Exit(1) from None
    console.print(
        f"deleted [bold]{result.source}[/] ({result.doc_id}): {result.relationships_deleted} facts, "
        f"{result.quotes_deleted} quotes, {result.actors_deleted} orphaned actors",
        highlight=False,
    )
