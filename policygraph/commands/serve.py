"""`policygraph serve`: run the HTTP API under uvicorn (the app is built by `api.main:create_app`)."""

from __future__ import annotations

import typer
import uvicorn
from rich.console import Console

from graph.settings import get_settings

console = Console()
errors = Console(stderr=True)


def serve(
    host: str = typer.Option(None, help="Interface to bind (default: POLICYGRAPH_API_HOST, 127.0.0.1)."),
    port: int = typer.Option(None, min=1, max=65535, help="Port (default: POLICYGRAPH_API_PORT, 8000)."),
    workers: int = typer.Option(1, min=1, max=64, help="Worker processes, each with its own driver."),
    insecure: bool = typer.Option(
        False, "--insecure", help="Allow a non-loopback host without POLICYGRAPH_API_TOKEN (writes open)."
    ),
    reload: bool = typer.Option(False, "--reload", help="Restart on code changes (development only)."),
) -> None:
    """Serve the API. Refuses to listen beyond loopback without a write token unless --insecure."""
    settings = get_settings()
    host = host or settings.api_host
    port = port or settings.api_port
    if not settings.api_host_is_loopback(host) and settings.api_token is None and not insecure:
        errors.print(
            f"[bold red]Refusing[/] to listen on {host} without a token: anyone could write to the graph. "
            "Set POLICYGRAPH_API_TOKEN, bind 127.0.0.1, or pass --insecure.",
            highlight=False,
        )
        raise typer.Exit(2)
    if reload and workers > 1:
        errors.print("[bold red]Error:[/] --reload runs a single worker", highlight=False)
        raise typer.Exit(2)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"http://{shown}:{port}"
    console.print(f"policygraph API on {base}  docs: {base}/docs", highlight=False)
    uvicorn.run("api.main:create_app", factory=True, host=host, port=port, workers=workers, reload=reload,
                log_level="info", proxy_headers=False, server_header=False)
