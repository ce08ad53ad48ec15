"""Regression floors on the held-out set (tests/data/heldout): ten texts an evaluator wrote
without looking at ingest/, scored by the shared scorer so quality cannot slip silently."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"
# Reached 2026-11-28: quotes 1.000, roles 1.000, funding 1.000; floors sit 0.05 below.
FLOORS = {"quotes": 0.95, "roles": 0.95, "funding": 0.95}


def _load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", path)
    if spec is None or spec.loader is None:
        pytest.skip(f"cannot import the shared scorer from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _f1(score: ModuleType, records: list[dict]) -> dict[str, float]:
    preds: dict[str, dict[str, list]] = {}
    for fact in records:
        kind = score.KIND_OF.get(str(fact.get("kind", "")).lower())
        if kind:
            preds.setdefault(Path(str(fact["doc"])).name, {}).setdefault(kind, []).append(fact)
    totals = {k: [0, 0, 0] for k in score.MATCHERS}
    for gold_path in sorted(HELDOUT.glob("*.gold.json")):
        gold = score.json.loads(gold_path.read_text(encoding="utf-8"))
        doc = gold.get("doc") or gold_path.name.replace(".gold.json", ".txt")
        for kind, same in score.MATCHERS.items():
            tp, fp, fn, _, _ = score.match(gold.get(kind, []), preds.get(doc, {}).get(kind, []), same)
            for i, v in enumerate((tp, fp, fn)):
                totals[kind][i] += v
    return {k: score.prf(*v)["f1"] for k, v in totals.items()}


def test_heldout_set_is_complete() -> None:
    texts = sorted(HELDOUT.glob("*.txt"))
    assert len(texts) == 10
    assert all((HELDOUT / (t.stem + ".gold.json")).is_file() for t in texts)


def test_heldout_meets_the_floors(scorer: Path, extract_folder: Callable) -> None:
    """`scorer` skips, saying where it looked, when ../shared is absent."""
    score = _load_scorer(scorer)
    _, records = extract_folder(HELDOUT)
    f1 = _f1(score, records)
    for kind, floor in FLOORS.items():
        assert f1[kind] >= floor, (kind, f1)
