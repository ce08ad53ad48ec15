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
_PUNCTUATION_RUN = re.compile(r"[^\w\s]+")
TEXT_SUFFIXES = (".txt", ".md")

# Limits that keep extraction bounded in time and memory (issue 8). spaCy parses at most
# `nlp.max_length` (1,000,000) characters, and its tokenizer slows quadratically on long runs
# without spaces, such as 100k quotation marks or nested brackets, which no prose contains.
MAX_DOCUMENT_CHARS = 1_000_000
MAX_FILE_BYTES = 4 * MAX_DOCUMENT_CHARS  # UTF-8: a larger file surely has too many characters
MAX_RUN_CHARS = 1_000  # characters without whitespace (long URLs fit)
MAX_PUNCTUATION_RUN = 100  # consecutive characters that are neither letters, digits nor spaces
MIN_WORD_SHARE = 0.2  # letters and digits among the visible characters


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(metadata, body). Text without a front-matter block is all body."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            value = value.strip()
            if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]  # a quoted YAML scalar
            meta[key.strip().lower()] = value
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


def check_text(text: str, source: str) -> None:
    """`ExtractionError` unless `text` looks like prose that extraction can handle in bounded time."""
    if not text.strip():
        raise ExtractionError(f"{source}: empty document (no text)")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise ExtractionError(
            f"{source}: {len(text):,} characters, more than the {MAX_DOCUMENT_CHARS:,} "
            "one document may have; split it into smaller documents"
        )
    longest = max((len(run) for run in text.split()), default=0)
    if longest > MAX_RUN_CHARS:
        raise ExtractionError(f"{source}: not prose (a run of {longest:,} characters without spaces)")
    punct = max((len(m.group()) for m in _PUNCTUATION_RUN.finditer(text)), default=0)
    if punct > MAX_PUNCTUATION_RUN:
        raise ExtractionError(f"{source}: not prose ({punct:,} punctuation marks in a row)")
    visible = len(text) - sum(c.isspace() for c in text)
    words = sum(c.isalnum() for c in text)
    if words < MIN_WORD_SHARE * visible:
        raise ExtractionError(f"{source}: not prose (only {words / visible:.0%} letters or digits)")


def document_from_text(text: str, source: str) -> Document:
    """A `Document` from already-decoded text (front matter removed, emptiness checked)."""
    meta, body = parse_front_matter(text)
    if not body.strip():
        raise ExtractionError(f"{source}: empty document (no text after front matter)")
    check_text(body, source)
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
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused unread, so memory stays bounded
            raise ExtractionError(
                f"{path}: {size / 1e6:.1f} MB, larger than the {MAX_FILE_BYTES / 1e6:.0f} MB "
                "one document may have; split it into smaller documents"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot read ({exc.strerror or exc.__class__.__name__})") from exc
    if not data.strip():
        raise ExtractionError(f"{path}: empty file")
    return document_from_text(decode(data, str(path)), str(path))


def find_documents(paths: list[Path]) -> list[Path]:
    """Files named directly, plus *.txt and *.md found recursively under folders (a folder's
    README describes the folder and is not a document), in order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in TEXT_SUFFIXES and p.is_file() and not p.stem.upper().startswith("README")
                )
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))
