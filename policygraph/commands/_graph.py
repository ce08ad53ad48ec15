"""Shared by the graph commands: open Neo4j with the schema applied, or exit with a clear message."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from neo4j import Driver
from rich.console import Console

from graph.db import check_connection, driver_scope
from graph.errors import GraphUnavailable
from graph.schema import apply_schema

errors = Console(stderr=True)


@contextmanager
def open_graph() -> Iterator[Driver]:
    """A connected driver with the schema applied; exit code 2 when Neo4j is unreachable."""
    with driver_scope() as driver:
        try:
            check_connection(driver)
        except GraphUnavailable as exc:
            errors.print(f"[bold red]Error:[/] {exc}", highlight=False)
            raise typer.Exit(2) from None
        apply_schema(driver)
        yield driver
