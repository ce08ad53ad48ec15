"""Lay out a NEO4J_HOME and write its `neo4j.conf` from settings: loopback only, hardened for development.

The same knobs appear as `NEO4J_*` variables in `docker-compose.yml`; `tests/test_compose.py` checks
that the two stay in step through `server_config()`.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.settings import Settings
from localserver.errors import LocalServerError

HOME_DIRS = ("conf", "data", "logs", "run", "import", "plugins")

# Procedures and functions that may be loaded from plugins/: only the namespaces Browser calls on connect.
# Neo4j's built-in procedures are not subject to this list, so Browser keeps working; anything dropped
# into plugins/ (APOC, GDS, ...) stays unloaded unless it is added here on purpose.
PROCEDURE_ALLOWLIST = (
    "db.*",
    "dbms.components",
    "dbms.clientConfig",
    "dbms.showCurrentUser",
    "dbms.info",
    "dbms.listConfig",
    "dbms.routing.getRoutingTable",
    "dbms.cluster.routing.getRoutingTable",
)

_MEMORY = re.compile(r"^\d+[kKmMgG]?$")

# Flags the `neo4j` launcher script would add; we start the JVM ourselves, so we add them ourselves.
_JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)


def memory(value: str, name: str) -> str:
    """Validate a size such as `2g` or `512m` (the syntax both neo4j.conf and `java -Xmx` accept)."""
    if not _MEMORY.match(value):
        raise LocalServerError(f"{name}={value!r} is not a memory size like 2g or 512m")
    return value


_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


def heap_share(heap: str, parts: int) -> str:
    """`heap / parts` as a size Neo4j reads, in MiB (at least 16m): `heap_share("2g", 8) == "256m"`."""
    size = memory(heap, "neo4j_heap")
    value = int(size.rstrip("kKmMgG")) * _UNITS[size[-1].lower() if size[-1].isalpha() else ""]
    return f"{max(16, value // parts >> 20)}m"


def server_config(settings: Settings) -> dict[str, str]:
    """Every setting of the local server, as neo4j.conf keys and values."""
    home = settings.neo4j_home.resolve()
    host = "127.0.0.1"
    return {
        "server.default_listen_address": host,
        "server.default_advertised_address": host,
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"{host}:{settings.neo4j_bolt_port}",
        # Browser learns the Bolt address from HTTP discovery: advertise the real port, not 7687.
        "server.bolt.advertised_address": f"{host}:{settings.neo4j_bolt_port}",
        "server.http.enabled": "true",
        "server.http.listen_address": f"{host}:{settings.neo4j_http_port}",
        "server.http.advertised_address": f"{host}:{settings.neo4j_http_port}",
        "server.https.enabled": "false",
        "server.memory.heap.initial_size": memory(settings.neo4j_heap, "neo4j_heap"),
        "server.memory.heap.max_size": memory(settings.neo4j_heap, "neo4j_heap"),
        "server.memory.pagecache.size": memory(settings.neo4j_pagecache, "neo4j_pagecache"),
        "db.transaction.timeout": settings.neo4j_tx_timeout,
        # Allocation bombs (collect of everything, huge sorts, DISTINCT) die with a clear error instead
        # of filling the heap: per transaction, and for all transactions together.
        "db.memory.transaction.max": memory(
            settings.neo4j_tx_memory_max or heap_share(settings.neo4j_heap, 8), "neo4j_tx_memory_max"),
        "dbms.memory.transaction.total.max": memory(
            settings.neo4j_tx_memory_total_max or heap_share(settings.neo4j_heap, 4),
            "neo4j_tx_memory_total_max"),
        "dbms.security.auth_enabled": "true",
        "dbms.security.procedures.unrestricted": "",
        "dbms.security.procedures.allowlist": ",".join(PROCEDURE_ALLOWLIST),
        "dbms.security.allow_csv_import_from_file_urls": "false",
        # LOAD CSV may reach no address at all, loopback included (issue 8: no network from Cypher).
        "internal.dbms.cypher_ip_blocklist": "0.0.0.0/0,::/0",
        "dbms.usage_report.enabled": "false",
        # Browser may fetch guides (`:play <url>`) from loopback only, e.g. the API's starter guide.
        "browser.remote_content_hostname_whitelist": "localhost,127.0.0.1",
        "server.directories.data": str(home / "data"),
        "server.directories.logs": str(home / "logs"),
        "server.directories.run": str(home / "run"),
        "server.directories.import": str(home / "import"),
        "server.directories.plugins": str(home / "plugins"),
    }


def render_conf(settings: Settings) -> str:
    lines = [
        "# Written by `policygraph neo4j start` from POLICYGRAPH_* settings; edits are overwritten.",
        *(f"{key}={value}" for key, value in server_config(settings).items()),
    ]
    return "\n".join(lines) + "\n"


def prepare_home(settings: Settings) -> Path:
    """Create the NEO4J_HOME folders and (re)write conf/neo4j.conf; return the home."""
    home = settings.neo4j_home.resolve()
    for name in HOME_DIRS:
        (home / name).mkdir(parents=True, exist_ok=True)
    conf = home / "conf" / "neo4j.conf"
    conf.write_text(render_conf(settings))
    conf.chmod(0o600)
    return home


def jvm_options(settings: Settings) -> list[str]:
    """Heap flags from settings plus the launcher script's usual flags."""
    heap = memory(settings.neo4j_heap, "neo4j_heap")
    return [f"-Xms{heap}", f"-Xmx{heap}", *_JVM_FLAGS]
