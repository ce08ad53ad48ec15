"""docker-compose.yml cannot run here (no Docker), so check its shape and that it speaks our settings."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.settings import Settings
from localserver.config import PROCEDURE_ALLOWLIST, server_config

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
SETTING_ENV = {f"POLICYGRAPH_{name.upper()}" for name in Settings.model_fields}
# Keys that differ in a container on purpose: it listens on all interfaces of its own network namespace
# (the host side binds 127.0.0.1) and keeps the image's directory layout.
CONTAINER_SPECIFIC = re.compile(r"^server\.(default_|bolt\.|http\.|directories\.)")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())


def _neo4j_key(env_name: str) -> str:
    """Invert the image's convention: `NEO4J_dbms_a__b_c` is `dbms.a_b.c`."""
    return env_name.removeprefix("NEO4J_").replace("__", "\0").replace("_", ".").replace("\0", "_")


def test_services_and_image(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == {"neo4j", "api"}
    assert compose["services"]["neo4j"]["image"].startswith("neo4j:5.26-community")
    assert compose["services"]["api"]["build"] == "."
    assert (ROOT / "Dockerfile").read_text().startswith("# ") and "FROM python:3.11-slim" in (
        ROOT / "Dockerfile"
    ).read_text()


def test_ports_are_loopback_on_the_host(compose: dict[str, Any]) -> None:
    neo4j_ports = compose["services"]["neo4j"]["ports"]
    assert any(p.endswith(":7687") for p in neo4j_ports)
    assert any(p.endswith(":7474") for p in neo4j_ports)
    for service in compose["services"].values():
        for mapping in service.get("ports", []):
            assert mapping.startswith("127.0.0.1:"), mapping


def test_neo4j_healthcheck_and_api_waits_for_it(compose: dict[str, Any]) -> None:
    check = compose["services"]["neo4j"]["healthcheck"]
    assert check["test"][0] == "CMD-SHELL" and "RETURN 1" in check["test"][1]
    assert {"interval", "timeout", "retries"} <= set(check)
    api = compose["services"]["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["command"][:2] == ["policygraph", "serve"]
    assert "POLICYGRAPH_API_TOKEN" in api["environment"]


def test_data_volume(compose: dict[str, Any]) -> None:
    volumes = compose["services"]["neo4j"]["volumes"]
    assert any(v.endswith(":/data") for v in volumes)
    assert {v.split(":")[0] for v in volumes} <= set(compose["volumes"])


def test_policygraph_env_names_are_settings_fields(compose: dict[str, Any]) -> None:
    used = set(re.findall(r"\$\{(POLICYGRAPH_[A-Z0-9_]+)", COMPOSE.read_text()))
    used |= {k for k in compose["services"]["api"]["environment"] if k.startswith("POLICYGRAPH_")}
    assert used, "compose should read POLICYGRAPH_* variables"
    assert used <= SETTING_ENV, sorted(used - SETTING_ENV)


def test_neo4j_knobs_match_the_local_server(compose: dict[str, Any]) -> None:
    env = compose["services"]["neo4j"]["environment"]
    docker = {_neo4j_key(k): str(v) for k, v in env.items() if k != "NEO4J_AUTH"}
    local = {k: v for k, v in server_config(Settings()).items() if not CONTAINER_SPECIFIC.match(k)}
    assert set(docker) == set(local)
    assert docker["dbms.security.procedures.allowlist"] == ",".join(PROCEDURE_ALLOWLIST)
    for key in (
        "dbms.security.allow_csv_import_from_file_urls",
        "server.https.enabled",
        "dbms.usage_report.enabled",
    ):
        assert docker[key] == local[key] == "false"
    assert docker["dbms.security.procedures.unrestricted"] == ""


def test_memory_limits_default_like_the_local_server(compose: dict[str, Any]) -> None:
    """Compose cannot divide the heap, so its defaults are the local server's for compose's default heap."""
    env = compose["services"]["neo4j"]["environment"]

    def default(variable: str) -> str:
        match = re.fullmatch(r"\$\{POLICYGRAPH_[A-Z0-9_]+:-(\w+)\}", str(env[variable]))
        assert match is not None, env[variable]
        return match.group(1)

    local = server_config(Settings(neo4j_heap=default("NEO4J_server_memory_heap_max__size")))
    for variable, key in (("NEO4J_db_memory_transaction_max", "db.memory.transaction.max"),
                          ("NEO4J_dbms_memory_transaction_total_max", "dbms.memory.transaction.total.max")):
        assert default(variable) == local[key], (variable, env[variable], local[key])
