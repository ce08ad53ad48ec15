"""Quality floors, measured by the shared scorer on the shared real articles and on our corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.evaluate import evaluate

OWN_CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _score(
    scorer: Path, gold_dir: Path, records: list[dict], tmp_path: Path, half: int | None = None
) -> dict[str, float]:
    pred = tmp_path / "facts.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    halves = ["--half", str(half)] if half else []
    out = subprocess.run(
        [sys.executable, str(scorer), str(gold_dir), str(pred), "--json", *halves],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    summary = json.loads(out[: out.rindex("}") + 1])
    return {kind: s["f1"] for kind, s in summary.items()}


# Issue 12's floors on the 51 real texts of ../shared/corpus, overall and on each half (a gain must
# hold on the half it was not written for). Reached 2026-12-03: quotes 1.000, roles 0.973, funding
# 0.866 overall; half 1 1.000 / 0.959 / 0.850, half 2 1.000 / 0.990 / 0.894.
SHARED_FLOORS = {"quotes": 0.92, "roles": 0.85, "funding": 0.80}
HALF_FLOORS = {"quotes": 0.88, "roles": 0.80, "funding": 0.75}


@pytest.mark.parametrize("half", [None, 1, 2], ids=["all", "half1", "half2"])
def test_shared_corpus_meets_the_floors(
    scorer: Path, shared_corpus: Path, extract_folder: Callable, tmp_path: Path, half: int | None
) -> None:
    _, records = extract_folder(shared_corpus)
    f1 = _score(scorer, shared_corpus, records, tmp_path, half)
    floors = SHARED_FLOORS if half is None else HALF_FLOORS
    for kind, floor in floors.items():
        assert f1[kind] >= floor, (kind, f1)


HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"


@pytest.mark.parametrize("gold_dir", [OWN_CORPUS, HELDOUT], ids=["corpus", "heldout"])
def test_own_gold_scores_095_on_each_kind(gold_dir: Path, extract_folder: Callable) -> None:
    """Our own gold, scored by our own evaluator: runs wherever the repository does. Both sets reached
    1.000 on every kind (2026-12-03); they were tuned on, so they guard regressions only."""
    _, records = extract_folder(gold_dir)
    scores = evaluate(gold_dir, records)
    assert all(s.tp > 0 for s in scores.values()), scores
    assert all(s.f1 >= 0.95 for s in scores.values()), {k: s.f1 for k, s in scores.items()}


def test_our_evaluator_agrees_with_the_shared_scorer(
    scorer: Path, shared_corpus: Path, extract_folder: Callable, tmp_path: Path
) -> None:
    """The same conventions, implemented twice: on the 51 real texts the two agree within 0.02 F1."""
    _, records = extract_folder(shared_corpus)
    theirs = _score(scorer, shared_corpus, records, tmp_path)
    ours = {kind: s.f1 for kind, s in evaluate(shared_corpus, records).items()}
    assert ours.keys() == theirs.keys()
    assert all(abs(ours[k] - theirs[k]) <= 0.02 for k in ours), (ours, theirs)
    poor = [{**r, "speaker": "Nobody Atall", "org": "Nowhere Inc", "source": "Nobody Atall"} for r in records]
    assert all(s.tp == 0 for s in evaluate(shared_corpus, poor).values())  # a wrong actor never matches


def test_own_corpus_is_said_to_be_fictional() -> None:
    readme = (OWN_CORPUS / "README.md").read_text(encoding="utf-8").lower()
    assert "fictional" in readme
    texts = sorted(OWN_CORPUS.glob("*.txt"))
    assert 6 <= len(texts) <= 10
    for text in texts:
        assert (
            text.with_suffix("").with_suffix(".gold.json").exists()
            or (text.parent / (text.stem + ".gold.json")).exists()
        ), text


@pytest.mark.parametrize("kind", ["quotes", "roles", "funding"])
def test_own_corpus_covers_every_kind(kind: str) -> None:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in OWN_CORPUS.glob("*.gold.json")]
    assert sum(len(g.get(kind, [])) for g in golds) >= 3
