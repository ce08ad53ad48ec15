"""Reading files into Documents: front matter, offsets, and refusals with clear messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.errors import ExtractionError
from ingest.reader import find_documents, parse_front_matter, read_document


def test_front_matter_sets_metadata_and_offsets_are_relative_to_the_body(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "---\ntitle: A title\nurl: https://x.org/a\npublished: 2024-01-29\n---\nBody “text” here.\n"
    )
    doc = read_document(path)
    assert (doc.title, doc.url, doc.published) == ("A title", "https://x.org/a", date(2024, 1, 29))
    assert doc.text.startswith("Body")
    assert doc.text[doc.text.index("text") :].startswith("text")


def test_front_matter_values_may_be_quoted_or_start_with_a_quote() -> None:
    meta, _ = parse_front_matter(
        "---\ntitle: 'Open science' and its critics\nurl: \"https://x.org\"\n---\nBody"
    )
    assert meta == {"title": "'Open science' and its critics", "url": "https://x.org"}


def test_text_without_front_matter_is_all_body() -> None:
    meta, body = parse_front_matter("No front matter\n---\nnot: this\n")
    assert meta == {} and body.startswith("No front matter")


def test_crlf_and_bom_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes("\ufeffLine one.\r\nLine two.\r\n".encode())
    assert read_document(path).text == "Line one.\nLine two.\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"---\ntitle: only metadata\n---\n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"caf\xe9 au lait", "not UTF-8"),
    ],
)
def test_unusable_files_raise_extraction_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ExtractionError, match=message):
        read_document(path)


def test_missing_file_is_an_extraction_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="cannot read"):
        read_document(tmp_path / "nope.txt")


def test_folders_are_searched_for_txt_and_md(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.md", "c.json", "README.md"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in find_documents([tmp_path])] == ["a.txt", "b.md"]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('"' * 100, "not prose"),
        ('" ' * 200, "not prose"),
        ("(" * 600 + ")" * 600, "not prose"),
        ("Vestager said " + "([{<" * 50 + "x" + ">}])" * 50, "not prose"),
        ("".join(chr(c) for c in range(1, 32)) * 5, "not prose"),
        ("a" * 999 + " " + "b. " * 10, None),
    ],
)
def test_texts_that_are_not_prose_are_refused_before_parsing(text: str, why: str | None) -> None:
    from ingest.reader import check_text

    if why is None:
        check_text(text, "ok.txt")
        return
    with pytest.raises(ExtractionError, match=why):
        check_text(text, "bad.txt")


def test_oversized_files_are_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Words and more words. " * 200_000)
    with pytest.raises(ExtractionError, match="split it"):
        read_document(path)
