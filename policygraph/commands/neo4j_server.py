"""`policygraph neo4j start | stop | status | dump | load`: a real local Neo4j for development and tests,
no Docker, and backups of its database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

import localserver
from graph.settings import get_settings
from localserver import ServerStatus, backup
from localserver.errors import LocalServerError

app = typer.Typer(
    help="Run a local Neo4j 5 Community server (downloaded once from Maven Central, run with Java 17+).",
    no_args_is_help=True,
)
console = Console()
errors = Console(stderr=True)


def _fail(exc: LocalServerError) -> typer.Exit:
    errors.print(f"[bold red]Error:[/] {exc}", markup=True, highlight=False)
    return typer.Exit(1)


def _table(state: ServerStatus) -> Table:
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    if state.running:
        note = "" if state.managed else " (not started by policygraph)"
        table.add_row("state", f"[green]running[/]{note}")
    else:
        table.add_row("state", "[red]stopped[/]")
    table.add_row("pid", str(state.pid) if state.pid is not None else "-")
    table.add_row("bolt", state.bolt_uri)
    table.add_row("browser", state.browser_url)
    table.add_row("home", str(state.home))
    table.add_row("version", state.version)
    return table


@app.command()
def start() -> None:
    """Start Neo4j (downloading it on first use) and wait until Bolt answers a query."""
    settings = get_settings()
    try:
        result = localserver.start(settings, progress=lambda msg: console.print(f"[dim]{msg}[/]"))
    except LocalServerError as exc:
        raise _fail(exc) from None
    if result.already_running:
        console.print("[yellow]Neo4j is already running.[/]")
    else:
        console.print(f"[green]Neo4j {settings.neo4j_version} started in {result.seconds:.1f} s.[/]")
    console.print(_table(result.status))


@app.command()
def stop() -> None:
    """Stop the Neo4j started by `policygraph neo4j start` (only that process)."""
    settings = get_settings()
    try:
        stopped = localserver.stop(settings)
    except LocalServerError as exc:
        raise _fail(exc) from None
    if stopped is None:
        console.print("Neo4j is not running (no live server for this home).")
        return
    console.print(f"[green]Neo4j stopped[/] (pid {stopped.pid}).")


@app.command()
def status() -> None:
    """Report whether Neo4j runs, its pid and URLs. Exit code 0 when running, 1 when stopped."""
    state = localserver.status(get_settings())
    console.print(_table(state))
    if not state.running:
        raise typer.Exit(1)


def _say(msg: str) -> None:
    console.print(f"[dim]{msg}[/]")


@app.command()
def dump(
    path: Annotated[Path, typer.Argument(help="archive file to write (a folder gets neo4j.dump)")],
) -> None:
    """Back up the database to one archive file (Neo4j is stopped meanwhile and started again)."""
    try:
        written = backup.dump(get_settings(), path, progress=_say)
    except LocalServerError as exc:
        raise _fail(exc) from None
    console.print(f"[green]Dumped[/] to {written} ({written.stat().st_size:,} bytes).")


@app.command()
def load(
    path: Annotated[Path, typer.Argument(help="archive written by `policygraph neo4j dump`")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="replace the database without asking")] = False,
) -> None:
    """Replace the database with a dump (Neo4j is stopped meanwhile and started again)."""
    settings = get_settings()
    if not yes and not typer.confirm(f"Replace database {settings.neo4j_database!r} in "
                                     f"{settings.neo4j_home} with {path}?"):
        raise typer.Exit(1)
    try:
        backup.load(settings, path, progress=_say)
    except LocalServerError as exc:
        raise _fail(exc) from None
    console.print(f"[green]Loaded[/] {path} into database {settings.neo4j_database!r}.")


if __name__ == "__main__":
    app()
