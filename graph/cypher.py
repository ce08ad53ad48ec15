"""Every Cypher statement lives in `queries/**/*.cypher`; code loads them by name, e.g. `read/quotes`.

The files are package data of `queries`, read through `importlib.resources`, so an installed wheel (or
the Docker image) runs the statements it shipped with and never looks for a checkout.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

QUERIES: Traversable = resources.files("queries")


def _at(path: str) -> Traversable:
    """The entry at a `/`-separated path under `queries/`, joined one part at a time."""
    entry = QUERIES
    for part in path.split("/"):
        entry = entry / part
    return entry


@cache
def load(name: str) -> str:
    """Text of `queries/<name>.cypher` (name like `read/quotes`), comments stripped of `//` lines."""
    entry = _at(f"{name}.cypher")
    if not entry.is_file():
        raise KeyError(f"no query named {name!r} (looked for {name}.cypher in {QUERIES})")
    text = entry.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("//")]
    text = "\n".join(lines).strip()
    if not text:
        raise KeyError(f"query {name!r} is empty")
    return text


def _walk(folder: Traversable, prefix: str) -> Iterator[str]:
    for entry in folder.iterdir():
        path = f"{prefix}/{entry.name}" if prefix else entry.name
        if entry.is_dir():
            yield from _walk(entry, path)
        elif entry.name.endswith(".cypher"):
            yield path.removesuffix(".cypher")


def names(prefix: str = "") -> list[str]:
    """All query names under an optional folder prefix, sorted (schema statements run in this order)."""
    root = _at(prefix) if prefix else QUERIES
    return sorted(_walk(root, prefix)) if root.is_dir() else []
