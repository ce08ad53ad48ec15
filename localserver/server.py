"""Start, stop and inspect the local Neo4j server described by settings; the CLI is a thin shell over this."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

from graph.db import create_driver
from graph.settings import Settings
from localserver import process
from localserver.config import jvm_options, prepare_home
from localserver.errors import LocalServerError
from localserver.install import Installation, ensure_installed, file_lock
from localserver.toolchain import find_java

Progress = Callable[[str], None]

AUTH_FILE = Path("data") / "dbms" / "auth.ini"
STOP_GRACE_S = 60.0


@dataclass(frozen=True)
class ServerStatus:
    """What `status` reports. `pid` is None when the server is not ours (or not running)."""

    running: bool
    pid: int | None
    managed: bool
    bolt_uri: str
    browser_url: str
    home: Path
    version: str


@dataclass(frozen=True)
class StartResult:
    status: ServerStatus
    already_running: bool
    installation: Installation | None
    seconds: float


def _home(settings: Settings) -> Path:
    return settings.neo4j_home.resolve()


def _status(settings: Settings, pid: int | None, running: bool) -> ServerStatus:
    return ServerStatus(
        running=running,
        pid=pid,
        managed=pid is not None,
        bolt_uri=settings.neo4j_uri,
        browser_url=settings.browser_url,
        home=_home(settings),
        version=settings.neo4j_version,
    )


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _ping(driver: Driver, database: str) -> None:
    """One auto-commit query: unlike `execute_query` it does not retry (and log) on its own."""
    with driver.session(database=database) as session:
        session.run("RETURN 1").consume()


def bolt_answers(settings: Settings) -> bool:
    """True when a real Cypher query succeeds with the configured credentials."""
    try:
        with create_driver(settings) as driver:
            _ping(driver, settings.neo4j_database)
        return True
    except (Neo4jError, ServiceUnavailable, SessionExpired, OSError):
        return False


def status(settings: Settings) -> ServerStatus:
    """Running if our pid file names a live server for this home, or a foreign server answers Bolt."""
    pid = process.running_pid(_home(settings))
    if pid is not None:
        return _status(settings, pid, running=True)
    foreign = _port_open(settings.neo4j_bolt_port) and bolt_answers(settings)
    return _status(settings, None, running=foreign)


def start(settings: Settings, progress: Progress | None = None) -> StartResult:
    """Install if needed, configure, launch and wait until Bolt answers a query. Idempotent."""
    home = _home(settings)
    # Two concurrent starts of one home would launch two JVMs and lose one pid: serialise them.
    with file_lock(home / "run"):
        return _start(settings, home, progress or (lambda _msg: None))


def _start(settings: Settings, home: Path, say: Progress) -> StartResult:
    began = time.monotonic()
    current = status(settings)
    if current.running:
        return StartResult(current, already_running=True, installation=None, seconds=0.0)
    for port in (settings.neo4j_bolt_port, settings.neo4j_http_port):
        if _port_open(port):
            raise LocalServerError(
                f"Port {port} on 127.0.0.1 is taken by another process; stop it or choose other ports "
                "(POLICYGRAPH_NEO4J_URI, POLICYGRAPH_NEO4J_HTTP_PORT)."
            )
    java = find_java()
    say(f"Checking Neo4j {settings.neo4j_version} jars in {settings.neo4j_cache_dir}")
    installation = ensure_installed(settings)
    if installation.downloaded:
        say(f"Downloaded Neo4j from Maven Central in {installation.seconds:.1f} s")
    prepare_home(settings)
    if not (home / AUTH_FILE).exists():
        say("Setting the initial password of a fresh database")
        process.set_initial_password(
            java, installation.classpath, home, settings.neo4j_password.get_secret_value()
        )
    say(f"Starting Neo4j in {home}")
    pid = process.launch(java, installation.classpath, jvm_options(settings), home)
    _wait_for_bolt(settings, pid, home)
    return StartResult(
        _status(settings, pid, running=True),
        already_running=False,
        installation=installation,
        seconds=time.monotonic() - began,
    )


def _wait_for_bolt(settings: Settings, pid: int, home: Path) -> None:
    """Poll with a real query until it answers; on death, timeout or a bad password, clean up and say why."""
    deadline = time.monotonic() + settings.neo4j_start_timeout_s
    with create_driver(settings) as driver:
        while True:
            if not process.alive(pid):
                process.pid_file(home).unlink(missing_ok=True)
                raise LocalServerError(f"Neo4j exited during start-up.\n{process.log_tail(home)}")
            try:
                _ping(driver, settings.neo4j_database)
                return
            except AuthError as exc:
                _abandon(pid, home)
                raise LocalServerError(
                    f"Neo4j refused the configured password. The database in {home / 'data'} was created "
                    "with another one: set POLICYGRAPH_NEO4J_PASSWORD to it, or delete that folder to start "
                    "afresh."
                ) from exc
            except (Neo4jError, ServiceUnavailable, SessionExpired, OSError):
                pass
            if time.monotonic() > deadline:
                _abandon(pid, home)
                raise LocalServerError(
                    f"Neo4j did not answer on {settings.neo4j_uri} "
                    f"within {settings.neo4j_start_timeout_s:.0f} s "
                    f"(POLICYGRAPH_NEO4J_START_TIMEOUT_S); it was stopped.\n{process.log_tail(home)}"
                )
            time.sleep(0.5)


def _abandon(pid: int, home: Path) -> None:
    process.terminate(pid, grace_s=20.0)
    process.pid_file(home).unlink(missing_ok=True)


def stop(settings: Settings) -> ServerStatus | None:
    """Stop this home's server (SIGTERM, then SIGKILL after a grace period). None if it was not running."""
    home = _home(settings)
    pid = process.running_pid(home)
    if pid is None:
        return None
    process.terminate(pid, grace_s=STOP_GRACE_S)
    process.pid_file(home).unlink(missing_ok=True)
    return _status(settings, pid, running=False)
