"""The local Neo4j server: config and helpers offline, then smoke tests against the run's real server
(started by scripts/test.sh) and a start/stop of a separate throwaway instance."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from neo4j import Driver
from serving import free_port

from graph.settings import Settings
from localserver import process
from localserver.config import memory, render_conf
from localserver.errors import LocalServerError
from localserver.install import is_installed
from localserver.toolchain import java_major

POLICYGRAPH = Path(sys.executable).with_name("policygraph")


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(POLICYGRAPH), "neo4j", *args],
        env={**os.environ, **(env or {}), "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


# --- offline ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15', 17),
        ('java version "1.8.0_392"', 8),
        ('openjdk version "21" 2023-09-19', 21),
        ("no version here", None),
    ],
)
def test_java_major(output: str, major: int | None) -> None:
    assert java_major(output) == major


def test_conf_is_loopback_and_hardened(tmp_path: Path) -> None:
    settings = Settings(
        neo4j_uri="bolt://127.0.0.1:27687", neo4j_http_port=27474, neo4j_home=tmp_path, neo4j_tx_timeout="30s"
    )
    conf = dict(line.split("=", 1) for line in render_conf(settings).splitlines() if not line.startswith("#"))
    assert conf["server.default_listen_address"] == "127.0.0.1"
    assert conf["server.bolt.listen_address"] == conf["server.bolt.advertised_address"] == "127.0.0.1:27687"
    assert conf["server.http.listen_address"] == "127.0.0.1:27474"
    assert conf["server.https.enabled"] == "false"
    assert conf["dbms.security.allow_csv_import_from_file_urls"] == "false"
    assert conf["dbms.security.procedures.unrestricted"] == ""
    assert "apoc" not in conf["dbms.security.procedures.allowlist"]
    assert conf["db.transaction.timeout"] == "30s"
    assert conf["browser.remote_content_hostname_whitelist"] == "localhost,127.0.0.1"
    assert conf["server.directories.import"] == str(tmp_path.resolve() / "import")
    assert settings.neo4j_password.get_secret_value() not in render_conf(settings)


@pytest.mark.parametrize("bad", ["2 GB", "-1g", "lots", ""])
def test_memory_sizes_are_validated(bad: str) -> None:
    with pytest.raises(LocalServerError):
        memory(bad, "neo4j_heap")


def test_stale_pid_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "run").mkdir()
    process.pid_file(tmp_path).write_text(f"{os.getpid()}\n")  # alive, but not a Neo4j for this home
    assert process.running_pid(tmp_path) is None
    assert not process.pid_file(tmp_path).exists()


# --- against the run's Neo4j ------------------------------------------------------------------------


@pytest.mark.integration
def test_status_reports_running() -> None:
    settings = Settings()
    result = _cli("status")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "running" in result.stdout
    assert settings.browser_url in result.stdout
    assert settings.neo4j_password.get_secret_value() not in result.stdout + result.stderr


@pytest.mark.integration
def test_browser_is_served() -> None:
    settings = Settings()
    response = httpx.get(settings.browser_url, timeout=10)
    assert response.status_code == 200
    assert "<html" in response.text.lower()
    discovery = httpx.get(f"http://127.0.0.1:{settings.neo4j_http_port}/", timeout=10).json()
    assert discovery["bolt_direct"] == f"bolt://127.0.0.1:{settings.neo4j_bolt_port}"


@pytest.mark.integration
def test_write_and_read_a_node(clean_graph: Driver) -> None:
    clean_graph.execute_query("CREATE (:SmokeTest {name: $name})", name="hello")
    records, _, _ = clean_graph.execute_query("MATCH (n:SmokeTest) RETURN n.name AS name")
    assert [r["name"] for r in records] == ["hello"]
    clean_graph.execute_query("MATCH (n:SmokeTest) DELETE n")


@pytest.mark.integration
@pytest.mark.slow
def test_throwaway_instance_starts_and_stops_cleanly(tmp_path: Path) -> None:
    """A second server (own ports and home, shared jars) through the real CLI; after stop no process."""
    shared = Settings()
    assert is_installed(shared), "scripts/test.sh should have downloaded Neo4j already"
    home = tmp_path / "neo4j-home"
    env = {
        "POLICYGRAPH_NEO4J_URI": f"bolt://127.0.0.1:{free_port()}",
        "POLICYGRAPH_NEO4J_HTTP_PORT": str(free_port()),
        "POLICYGRAPH_NEO4J_HOME": str(home),
        "POLICYGRAPH_NEO4J_CACHE_DIR": str(shared.neo4j_cache_dir),
        "POLICYGRAPH_NEO4J_HEAP": "512m",
        "POLICYGRAPH_NEO4J_PAGECACHE": "64m",
    }
    started = _cli("start", env=env)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        assert "Downloaded" not in started.stdout  # the jars were reused
        pid = process.running_pid(home.resolve())
        assert pid is not None and process.owns(pid, home.resolve())

        began = time.monotonic()
        again = _cli("start", env=env)
        assert again.returncode == 0 and "already running" in again.stdout
        assert time.monotonic() - began < 30  # no JVM is started; generous for loaded CI boxes
        assert _cli("status", env=env).returncode == 0
    finally:
        stopped = _cli("stop", env=env)
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    assert not process.alive(pid)
    assert not process.pid_file(home.resolve()).exists()
    assert not [p for p in Path("/proc").glob("[0-9]*") if _serves(p, home.resolve())]
    status = _cli("status", env=env)
    assert status.returncode == 1 and "stopped" in status.stdout


def _serves(proc: Path, home: Path) -> bool:
    try:
        return f"--home-dir={home}" in (proc / "cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return False
