"""Backups of the local server's database: `neo4j-admin database dump|load` from the same jars.

Neo4j Community cannot dump or load a database that a running server has mounted, so the server is
stopped first and started again afterwards (also when neo4j-admin fails), if it was running.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.settings import Settings
from localserver import process, server
from localserver.admin import run_admin
from localserver.errors import LocalServerError

ADMIN_TIMEOUT_S = 60 * 60
Progress = Callable[[str], None]


@contextmanager
def server_stopped(settings: Settings, say: Progress) -> Iterator[None]:
    """Stop this home's server for the block and start it again after, if it was running."""
    home = settings.neo4j_home.resolve()
    was_running = process.running_pid(home) is not None
    if not was_running and server.status(settings).running:
        raise LocalServerError(
            f"a Neo4j that policygraph did not start answers on {settings.neo4j_uri}; back it up with its "
            "own neo4j-admin (for docker compose see docs/api.md#backups)")
    if was_running:
        say("Stopping Neo4j (neo4j-admin needs the database offline)")
        server.stop(settings)
    try:
        yield
    finally:
        if was_running:
            say("Starting Neo4j again")
            server.start(settings)


def _admin(settings: Settings, *args: str) -> str:
    """Run `neo4j-admin <args>` for this home; its output, or raise with the output's tail."""
    proc = run_admin(settings, args, heap="512m", timeout_s=ADMIN_TIMEOUT_S)
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        tail = "\n".join(output.splitlines()[-20:])
        raise LocalServerError(f"neo4j-admin {' '.join(args[:2])} failed (exit {proc.returncode}):\n{tail}")
    return output


def dump(settings: Settings, path: Path, progress: Progress | None = None) -> Path:
    """Write the database to the archive `path` (a file; a folder gets `<database>.dump` inside)."""
    say = progress or (lambda _msg: None)
    database = settings.neo4j_database
    target = path / f"{database}.dump" if path.is_dir() else path
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".dump-") as staging, \
            server_stopped(settings, say):
        say(f"Dumping database {database!r}")
        _admin(settings, "database", "dump", database, f"--to-path={staging}")
        os.replace(Path(staging) / f"{database}.dump", target)  # whole archives only: never a partial file
    return target


def load(settings: Settings, path: Path, progress: Progress | None = None) -> None:
    """Replace the database with the archive `path` made by `dump` (or by neo4j-admin in a container)."""
    say = progress or (lambda _msg: None)
    database = settings.neo4j_database
    if not path.is_file():
        raise LocalServerError(f"no dump file at {path}")
    with tempfile.TemporaryDirectory(prefix="policygraph-load-") as staging, server_stopped(settings, say):
        # neo4j-admin reads `<database>.dump` from a folder: give it one that holds only this archive.
        source = Path(staging) / f"{database}.dump"
        try:
            source.symlink_to(path.resolve())
        except OSError:
            shutil.copyfile(path, source)
        say(f"Loading {path} into database {database!r} (replacing it)")
        _admin(settings, "database", "load", database, f"--from-path={staging}",
               "--overwrite-destination=true")
