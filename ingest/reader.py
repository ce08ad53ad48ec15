"""Read a file into a `Document`: UTF-8 text, not binary, not empty, optional front matter.

Front matter is a `---` block of `key: value` lines at the very top (title, url, published).
`Document.text` is the body after it, so every offset is relative to the body.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from graph.errors import ExtractionError
from graph.model import Document

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
TEXT_SUFFIXES = (".txt", ".md")


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(metadata, body). Text without a front-matter block is all body."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return meta, text[m.end() :].lstrip("\n")


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def decode(data: bytes, source: str) -> str:
    """UTF-8 text with normalised newlines, or `ExtractionError` for binary and other encodings."""
    head = data[:8192]
    if b"\x00" in head:
        raise ExtractionError(f"{source}: binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractionError(f"{source}: not UTF-8 text (byte {exc.start})") from exc
    if len(_CONTROL.findall(text[:8192])) > max(8, len(text[:8192]) // 100):
        raise ExtractionError(f"{source}: binary file (control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def document_from_text(text: str, source: str) -> Document:
    """A `Document` from already-decoded text (front matter removed, emptiness checked)."""
    meta, body = parse_front_matter(text)
    if not body.strip():
        raise ExtractionError(f"{source}: empty document (no text after front matter)")
    return Document(
        source=source,
        text=body,
        title=meta.get("title") or None,
        url=meta.get("url") or None,
        published=_date(meta.get("published") or meta.get("date")),
    )


def read_document(path: Path) -> Document:
    """The document stored at `path`; `ExtractionError` if it is unreadable, binary or empty."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot read ({exc.strerror or exc.__class__.__name__})") from exc
    if not data.strip():
        raise ExtractionError(f"{path}: empty file")
    return document_from_text(decode(data, str(path)), str(path))


def find_documents(paths: list[Path]) -> list[Path]:
    """Files named directly, plus *.txt and *.md found recursively under folders, in order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file()))
        else:
            found.append(path)
    return list(dict.fromkeys(found))
