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


def _evaluate(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "160"}
    return subprocess.run([sys.executable, "-m", "policygraph.cli", "evaluate", *args],
                          capture_output=True, text=True, env=env, timeout=300)


def test_evaluate_scores_a_labelled_folder_and_a_facts_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("“Markets will not fix this,” said Teodor Lisk.\n", encoding="utf-8")
    gold = {"quotes": [{"speaker": "Teodor Lisk", "quote_start": "Markets will not"},
                       {"speaker": "Ana Torres", "quote_start": "Nobody said this"}]}
    (tmp_path / "a.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    extracted = _evaluate(str(tmp_path), "--verbose")  # extracts the folder's texts itself
    assert extracted.returncode == 0, extracted.stderr
    row = next(line for line in extracted.stdout.splitlines() if "quotes" in line)
    assert [c.strip() for c in row.split("│")[2:5]] == ["1.000", "0.500", "0.667"]  # precision, recall, F1
    assert "missed" in extracted.stdout and "Nobody said this" in extracted.stdout
    facts = tmp_path / "facts.jsonl"
    facts.write_text(json.dumps({"kind": "quote", "doc": "a.txt", "speaker": "Ana Torres",
                                 "text": "Nobody said this, really"}) + "\n", encoding="utf-8")
    given = _evaluate(str(tmp_path), str(facts))
    row = next(line for line in given.stdout.splitlines() if "quotes" in line)
    assert [c.strip() for c in row.split("│")[2:5]] == ["1.000", "0.500", "0.667"]
