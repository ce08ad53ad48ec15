"""Calibrate confidence per rule on a gold corpus: `python -m ingest.calibrate [GOLD_DIR]`.

Runs extraction over GOLD_DIR (default `../shared/corpus`) with each rule's own default confidence,
matches every fact against the gold with the shared scorer (`../shared/eval/score.py`), and writes,
per rule, how often its facts were right to `ingest/data/confidence.yaml`, pulled towards the rule's
default by PRIOR facts' worth (so a rule seen twice keeps most of its default). Prints the
calibration table: for each band of confidence, how many facts fell in it and how many of them were
right, and the same table for each half scored with the rates learnt on the other half.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import ModuleType

import yaml

from ingest.calibration import CALIBRATION_PATH
from ingest.evaluate import KINDS

PRIOR = 3  # the rule's default confidence counts as this many facts
BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


@contextmanager
def _defaults_only() -> Iterator[None]:
    """Extraction with every rule's own default confidence, as if no table had been written."""
    import ingest.context

    real = ingest.context.load_calibration
    ingest.context.load_calibration = lambda: {}  # type: ignore[assignment]
    try:
        yield
    finally:
        ingest.context.load_calibration = real


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judge(score: ModuleType, gold_dir: Path, records: list[dict]) -> list[tuple[str, str, bool, float]]:
    """(document, rule, right?) for every fact a gold entry decides; facts only an optional gold entry
    matches are left out: the gold does not say whether they are right."""
    by_doc: dict[str, dict[str, list[dict]]] = {}
    for r in records:
        kind = KINDS.get(r["kind"])
        if kind:
            by_doc.setdefault(r["doc"], {}).setdefault(kind, []).append(r)
    out = []
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = gold.get("doc") or gold_path.name.replace(".gold.json", ".txt")
        for kind, same in score.MATCHERS.items():
            preds = by_doc.get(doc, {}).get(kind, [])
            golds = gold.get(kind, [])
            required = [g for g in golds if not g.get("optional")]
            _, _, _, _, unmatched_required = score.match(required, preds, same)
            _, _, _, _, spurious = score.match(golds, preds, same)
            right = [p for p in preds if not any(p is u for u in unmatched_required)]
            for p in preds:
                rule, default = p["evidence"]["extractor"], float(p["evidence"]["confidence"])
                if any(p is q for q in right):
                    out.append((doc, rule, True, default))
                elif any(p is s for s in spurious):
                    out.append((doc, rule, False, default))
    return out


def rates(judged: list[tuple[str, str, bool, float]]) -> dict[str, dict[str, float | int]]:
    """Rule -> confidence (right / judged, pulled towards the rule's default), right, wrong, default."""
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    default: dict[str, float] = {}
    for _, rule, ok, prior in judged:
        seen[rule] += 1
        right[rule] += ok
        default.setdefault(rule, prior)
    return {
        rule: {
            "confidence": round((right[rule] + PRIOR * default[rule]) / (seen[rule] + PRIOR), 3),
            "right": right[rule],
            "wrong": seen[rule] - right[rule],
            "default": default[rule],
        }
        for rule in sorted(seen)
    }


def bands(judged: list[tuple[str, str, bool, float]], table: dict[str, dict[str, float | int]]) -> list[str]:
    """Rows of the calibration table: confidence band, facts, right, share right, mean confidence."""
    rows = []
    scored = [(ok, float(table[r]["confidence"])) for _, r, ok, _ in judged if r in table]
    for lo, hi in itertools.pairwise(BANDS):
        inside = [(ok, c) for ok, c in scored if lo <= c < hi]
        if not inside:
            continue
        n, good = len(inside), sum(ok for ok, _ in inside)
        mean = sum(c for _, c in inside) / n
        rows.append(f"| {lo:.1f}–{min(hi, 1.0):.1f} | {n} | {good} | {good / n:.2f} | {mean:.2f} |")
    return rows


def extract_records(gold_dir: Path) -> list[dict]:
    from graph.factset.records import fact_record
    from ingest.pipeline import extract_each
    from ingest.reader import read_document

    docs = [read_document(p) for p in sorted(gold_dir.glob("*.txt"))]
    return [
        fact_record(f, Path(ex.document.source).name)
        for ex in extract_each(docs)
        for f in ex.facts
        if f.kind != "mention"
    ]


def _half(score: ModuleType, judged: list[tuple[str, str, bool, float]], half: int) -> list:
    return [j for j in judged if score.half_of(j[0]) == half]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dir", type=Path, nargs="?", default=Path("../shared/corpus"))
    ap.add_argument("--scorer", type=Path, default=None, help="default: GOLD_DIR/../eval/score.py")
    ap.add_argument("--out", type=Path, default=CALIBRATION_PATH)
    ap.add_argument("--dry-run", action="store_true", help="print the tables, write nothing")
    args = ap.parse_args(argv)
    scorer = args.scorer or args.gold_dir.parent / "eval" / "score.py"
    if not args.gold_dir.is_dir() or not scorer.is_file():
        raise SystemExit(f"need the gold corpus {args.gold_dir} and the scorer {scorer}")
    score = load_scorer(scorer)

    with _defaults_only():
        judged = judge(score, args.gold_dir, extract_records(args.gold_dir))
    table = rates(judged)
    print("| confidence | facts | right | share right | mean confidence |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print("\n".join(bands(judged, table)))
    for half in (1, 2):  # learnt on one half, checked on the other
        held = _half(score, judged, half)
        # a rule the other half never fired keeps its default, as it would on a text unlike the corpus
        other = rates(_half(score, judged, 3 - half))
        learnt = {**{r: {"confidence": d} for _, r, _, d in held}, **other}
        unseen = sum(1 for _, r, _, _ in held if r not in other)
        print(f"\nhalf {half}, rates learnt on half {3 - half} ({unseen} of {len(held)} facts by rules "
              "that half never fired, at their defaults):")
        print("\n".join(bands(held, learnt)))
    if args.dry_run:
        return
    header = (
        f"# Confidence per rule: how often its facts were right on {args.gold_dir.name} "
        f"({len(judged)} judged facts), written by `python -m ingest.calibrate` on {date.today()}.\n"
        f"# confidence = (right + {PRIOR} x default) / (judged + {PRIOR}): the rule's own default counts as\n"
        f"# {PRIOR} facts. Rules missing here keep their default.\n"
    )
    args.out.write_text(header + yaml.safe_dump({"rules": table}, sort_keys=True), encoding="utf-8")
    print(f"\nwrote {len(table)} rules to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
