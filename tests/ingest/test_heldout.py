"""The held-out set (tests/data/heldout): ten press-release and news texts an evaluator wrote without
looking at ingest/. Its floors run with our own gold in test_scores.py."""

from __future__ import annotations

from pathlib import Path

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"


def test_heldout_set_is_complete() -> None:
    texts = sorted(HELDOUT.glob("*.txt"))
    assert len(texts) == 10
    assert all((HELDOUT / (t.stem + ".gold.json")).is_file() for t in texts)
