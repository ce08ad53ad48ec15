"""The Neo4j JVM as an operating-system process: launch it detached, track its pid file, end it.

A pid is trusted only while its command line still names `CommunityEntryPoint` and this home, so a
stale pid file (after a reboot, say) can never make `stop` signal an unrelated process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

from localserver.errors import LocalServerError

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
PID_FILE = Path("run") / "policygraph-neo4j.pid"
CONSOLE_LOG = Path("logs") / "console.log"


def pid_file(home: Path) -> Path:
    return home / PID_FILE


def _cmdline(pid: int) -> list[str]:
    proc = Path(f"/proc/{pid}/cmdline")
    if proc.parent.is_dir():
        try:
            return proc.read_bytes().decode(errors="replace").split("\0")
        except OSError:
            return []
    ps = ["ps", "-o", "command=", "-p", str(pid)]
    out = subprocess.run(ps, capture_output=True, text=True, check=False)
    return out.stdout.split()


def _is_zombie(pid: int) -> bool:
    """An exited child not yet reaped still answers `kill(pid, 0)`; reap it if it is ours."""
    with contextlib.suppress(ChildProcessError, OSError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(pid)


def owns(pid: int, home: Path) -> bool:
    """True when `pid` is a Neo4j server started for exactly this home."""
    args = _cmdline(pid)
    return MAIN_CLASS in args and f"--home-dir={home}" in args


def running_pid(home: Path) -> int | None:
    """The pid of this home's server if it runs; a stale pid file is removed."""
    path = pid_file(home)
    try:
        pid = int(path.read_text().strip())
    except (OSError, ValueError):
        return None
    if alive(pid) and owns(pid, home):
        return pid
    path.unlink(missing_ok=True)
    return None


def set_initial_password(java: Path, classpath: str, home: Path, password: str) -> None:
    """Run `neo4j-admin dbms set-initial-password` before the first start of a fresh home."""
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    command = [str(java), "-Xmx256m", "-cp", classpath, ADMIN_CLASS, "dbms", "set-initial-password", password]
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    if proc.returncode != 0:
        # The output never contains the password, but keep only its tail.
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise LocalServerError(f"Setting the initial Neo4j password failed (exit {proc.returncode}):\n{tail}")


def launch(java: Path, classpath: str, jvm_options: list[str], home: Path) -> int:
    """Start the server in its own session (it outlives this process); write and return its pid."""
    command = [
        str(java),
        *jvm_options,
        "-cp",
        classpath,
        MAIN_CLASS,
        f"--home-dir={home}",
        f"--config-dir={home / 'conf'}",
    ]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    log = home / CONSOLE_LOG
    with log.open("ab") as out:
        proc = subprocess.Popen(
            command,
            cwd=home,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            close_fds=True,
        )
    pid_file(home).write_text(f"{proc.pid}\n")
    return proc.pid


def terminate(pid: int, grace_s: float = 60.0) -> bool:
    """SIGTERM `pid`, then SIGKILL after `grace_s`; wait until it is gone. True if it had to be killed."""
    killed = False
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    if not _wait_gone(pid, grace_s):
        killed = True
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        if not _wait_gone(pid, 15.0):
            raise LocalServerError(f"Neo4j (pid {pid}) did not exit even after SIGKILL")
    return killed


def _wait_gone(pid: int, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.2)
    return not alive(pid)


def log_tail(home: Path, lines: int = 20) -> str:
    """The last lines of the console and user logs, for error messages."""
    parts = []
    for path in (home / CONSOLE_LOG, home / "logs" / "neo4j.log"):
        try:
            text = path.read_text(errors="replace").strip().splitlines()[-lines:]
        except OSError:
            continue
        if text:
            parts.append(f"--- {path} ---\n" + "\n".join(text))
    return "\n".join(parts) or f"(no logs yet in {home / 'logs'})"
