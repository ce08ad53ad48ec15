"""Neo4j Browser's guide (`guide.html`) and style sheet (`style.grass`), shipped as package data: an
installed API (a wheel, the Docker image) serves the files it was built with, no checkout needed."""

from __future__ import annotations

from importlib.resources import files

FILES = ("guide.html", "style.grass")


def read(name: str) -> str:
    """Text of one of `FILES`."""
    if name not in FILES:
        raise KeyError(f"no Browser file {name!r} (have {', '.join(FILES)})")
    return files(__name__).joinpath(name).read_text(encoding="utf-8")
