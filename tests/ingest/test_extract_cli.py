"""`policygraph extract`: JSON lines in the shared format, a table, and bad files reported, not fatal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "policygraph.cli", "extract", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_jsonl_folder_with_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        "---\ntitle: T\n---\n“We will act,” said Harbor Foundation director Pilar Esquivel.\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00")
    (tmp_path / "latin1.md").write_bytes(b"caf\xe9")
    result = _cli(str(tmp_path), "--jsonl")
    assert result.returncode == 1
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = {f["kind"] for f in facts}
    assert kinds == {"quote", "role"}
    quote = next(f for f in facts if f["kind"] == "quote")
    assert (quote["doc"], quote["speaker"], quote["text"]) == ("good.txt", "Pilar Esquivel", "We will act,")
    assert {"id", "start", "end", "evidence", "speaker_key"} <= quote.keys()
    assert quote["evidence"]["start"] <= quote["start"] < quote["end"] <= quote["evidence"]["end"]
    assert 0 < quote["evidence"]["confidence"] <= 1
    for name, why in (("empty.txt", "empty"), ("binary.txt", "binary"), ("latin1.md", "UTF-8")):
        assert name in result.stderr and why in result.stderr
    assert "3 document(s) failed" in result.stderr


def test_table_summary_without_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("“Markets will not fix this,” said Teodor Lisk.\n", encoding="utf-8")
    result = _cli(str(path))
    assert result.returncode == 0, result.stderr
    assert "Teodor Lisk" in result.stdout and "quote" in result.stdout


def test_a_folder_without_documents_is_an_error(tmp_path: Path) -> None:
    result = _cli(str(tmp_path), "--jsonl")
    assert result.returncode == 1 and "no documents found" in result.stderr
