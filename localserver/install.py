"""Download the Neo4j Community and Browser jars once, from Maven Central, into the cache folder.

The jars land in `<neo4j_cache_dir>/neo4j-<version>/lib`. A marker file written after a complete
download makes every later start skip Maven entirely; a file lock keeps two concurrent first starts
(say `make demo` and `make test`) from downloading into the same folder.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from graph.settings import Settings
from localserver.errors import LocalServerError
from localserver.toolchain import DOCKER_HINT, find_maven

MARKER = ".complete.json"
ENTRY_JAR = "neo4j-server-{version}.jar"
MAVEN_TIMEOUT_S = 30 * 60


@dataclass(frozen=True)
class Installation:
    """Where the jars are, and whether this call had to download them."""

    lib: Path
    downloaded: bool
    seconds: float

    @property
    def classpath(self) -> str:
        return str(self.lib / "*")


def install_dir(settings: Settings) -> Path:
    return settings.neo4j_cache_dir / f"neo4j-{settings.neo4j_version}"


# Bumped when pom.xml gains jars, so an older complete download is fetched again (from ~/.m2: seconds).
JAR_SET = "2"  # 2: the Parquet reader's jars for neo4j-admin import (issue 15)


def _wanted(settings: Settings) -> dict[str, str]:
    return {"neo4j": settings.neo4j_version, "browser": settings.neo4j_browser_version, "jars": JAR_SET}


def is_installed(settings: Settings) -> bool:
    """True when a previous download completed for exactly these versions."""
    marker = install_dir(settings) / MARKER
    try:
        recorded = json.loads(marker.read_text())
    except (OSError, ValueError):
        return False
    entry = install_dir(settings) / "lib" / ENTRY_JAR.format(version=settings.neo4j_version)
    return recorded == _wanted(settings) and entry.is_file()


@contextmanager
def file_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder/.lock` (created if needed) for the duration of the block."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_installed(settings: Settings) -> Installation:
    """Return the jar folder, downloading it with Maven only when no complete copy exists."""
    began = time.monotonic()
    home = install_dir(settings)
    if is_installed(settings):
        return Installation(home / "lib", downloaded=False, seconds=time.monotonic() - began)
    with file_lock(home):
        if not is_installed(settings):  # another process may have finished while we waited
            _download(settings, home)
    return Installation(home / "lib", downloaded=True, seconds=time.monotonic() - began)


def _download(settings: Settings, home: Path) -> None:
    mvn = find_maven()
    pom = home / "pom.xml"
    pom.write_bytes(resources.files("localserver").joinpath("pom.xml").read_bytes())
    partial, lib = home / "lib.partial", home / "lib"
    shutil.rmtree(partial, ignore_errors=True)
    (home / MARKER).unlink(missing_ok=True)
    command = [
        str(mvn),
        "-q",
        "-B",
        "-f",
        str(pom),
        f"-Dneo4j.version={settings.neo4j_version}",
        f"-Dneo4j.browser.version={settings.neo4j_browser_version}",
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        f"-DoutputDirectory={partial}",
    ]
    try:
        proc = subprocess.run(
            command, cwd=home, capture_output=True, text=True, timeout=MAVEN_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise LocalServerError(f"Maven did not finish downloading Neo4j within {MAVEN_TIMEOUT_S} s") from exc
    entry = partial / ENTRY_JAR.format(version=settings.neo4j_version)
    if proc.returncode != 0 or not entry.is_file():
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
        raise LocalServerError(
            f"Downloading Neo4j {settings.neo4j_version} from Maven Central failed "
            f"(mvn exit code {proc.returncode}). {DOCKER_HINT}\n{tail}"
        )
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    (home / MARKER).write_text(json.dumps(_wanted(settings)))
