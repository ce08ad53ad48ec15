"""Every Cypher statement lives in `queries/**/*.cypher`; code loads them by name, e.g. `read/quotes`."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import queries

QUERIES_DIR = Path(str(resources.files(queries)))


@cache
def load(name: str) -> str:
    """Text of `queries/<name>.cypher` (name like `read/quotes`), comments stripped of `//` lines."""
    path = QUERIES_DIR / f"{name}.cypher"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} (looked for {path})")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.lstrip().startswith("//")]
    text = "\n".join(lines).strip()
    if not text:
        raise KeyError(f"query {name!r} is empty")
    return text


def names(prefix: str = "") -> list[str]:
    """All query names under an optional folder prefix, sorted (schema statements run in this order)."""
    root = QUERIES_DIR / prefix if prefix else QUERIES_DIR
    return sorted(
        p.relative_to(QUERIES_DIR).with_suffix("").as_posix() for p in root.rglob("*.cypher")
    )
