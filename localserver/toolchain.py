"""Find the Java 17+ runtime and the Maven client the local server needs, or say clearly what is missing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from localserver.errors import LocalServerError

MIN_JAVA = 17
DOCKER_HINT = "Alternatively run Neo4j with Docker: `docker compose up -d neo4j`."

_VERSION = re.compile(r'version "(\d+)(?:\.(\d+))?')


def java_major(version_output: str) -> int | None:
    """The major version in `java -version` output (`"1.8.0_…"` is 8, `"17.0.15"` is 17)."""
    match = _VERSION.search(version_output)
    if match is None:
        return None
    major = int(match.group(1))
    if major == 1 and match.group(2):
        return int(match.group(2))
    return major


def find_java() -> Path:
    """The `java` executable (JAVA_HOME first, then PATH), checked to be version 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    if candidate is None or not candidate.is_file():
        found = shutil.which("java")
        candidate = Path(found) if found else None
    if candidate is None:
        raise LocalServerError(
            f"Java {MIN_JAVA}+ is required to run the local Neo4j server but `java` was not found "
            f"(set JAVA_HOME or install e.g. openjdk-17-jre-headless). {DOCKER_HINT}"
        )
    proc = subprocess.run(
        [str(candidate), "-version"], capture_output=True, text=True, timeout=60, check=False
    )
    major = java_major(proc.stderr + proc.stdout)
    if major is None or major < MIN_JAVA:
        raise LocalServerError(
            f"Java {MIN_JAVA}+ is required, but {candidate} is version {major or 'unknown'}. "
            f"Point JAVA_HOME at a JDK {MIN_JAVA}. {DOCKER_HINT}"
        )
    return candidate


def find_maven() -> Path:
    """The `mvn` executable; needed only for the first start, which downloads Neo4j from Maven Central."""
    found = shutil.which("mvn")
    if found is None:
        raise LocalServerError(
            "Maven (`mvn`) is required once to download Neo4j from Maven Central, but it was not found "
            f"(install e.g. the `maven` package). {DOCKER_HINT}"
        )
    return Path(found)
