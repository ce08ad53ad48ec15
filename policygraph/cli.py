"""`policygraph` console script. Each subcommand lives in its own module under `policygraph.commands`."""

from __future__ import annotations

import typer

from policygraph.commands import analyze, delete, evaluate, extract, ingest, load, neo4j_server, serve

app = typer.Typer(
    name="policygraph",
    help="A knowledge graph of tech-policy actors: who said what, who holds which role, who funds what.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(neo4j_server.app, name="neo4j")
app.command("extract")(extract.extract)
app.command("evaluate")(evaluate.evaluate)
app.command("ingest")(ingest.ingest)
app.command("load")(load.load_facts)
app.command("delete")(delete.delete)
app.command("analyze")(analyze.analyze)
app.command("serve")(serve.serve)


if __name__ == "__main__":
    app()
