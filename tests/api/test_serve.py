"""`policygraph serve` refuses a public host without a token, and otherwise hands over to uvicorn."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from graph.settings import get_settings
from policygraph.commands import serve as serve_module


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> tuple[typer.Typer, list[dict[str, Any]]]:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(serve_module.uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    app = typer.Typer()
    app.command()(serve_module.serve)
    return app, calls


@pytest.fixture(autouse=True)
def fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("POLICYGRAPH_API_TOKEN", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_public_host_without_token_is_refused(cli: tuple[typer.Typer, list[dict[str, Any]]]) -> None:
    app, calls = cli
    result = CliRunner().invoke(app, ["--host", "0.0.0.0"])
    assert result.exit_code == 2 and not calls
    assert "POLICYGRAPH_API_TOKEN" in result.output


def test_insecure_or_token_allows_public_host(
    cli: tuple[typer.Typer, list[dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, calls = cli
    assert CliRunner().invoke(app, ["--host", "0.0.0.0", "--insecure"]).exit_code == 0
    monkeypatch.setenv("POLICYGRAPH_API_TOKEN", "a-long-test-token")
    get_settings.cache_clear()
    assert CliRunner().invoke(app, ["--host", "0.0.0.0", "--workers", "2"]).exit_code == 0
    assert [c["workers"] for c in calls] == [1, 2]
    assert all(c["app"] == "api.main:create_app" and c["factory"] for c in calls)


def test_loopback_default_prints_docs_url(cli: tuple[typer.Typer, list[dict[str, Any]]]) -> None:
    app, calls = cli
    result = CliRunner().invoke(app, ["--port", "8123"])
    assert result.exit_code == 0 and "http://127.0.0.1:8123/docs" in result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8123
