"""Calibrate confidence per rule on a gold corpus: `python -m ingest.calibrate [GOLD_DIR]`.

Runs extraction over GOLD_DIR (default `../shared/corpus`), matches every fact against the gold with
the shared scorer (`../shared/eval/score.py`), and writes, per rule, how often its facts were right
to `ingest/data/confidence.yaml`. A rule with few facts takes the rate of its family
("roles.titled.implied" -> "roles.titled" -> "roles"). Prints the calibration table: for each band of
confidence, how many facts fell in it and how many of them were right, and the same table for each
half scored with the rates learnt on the other half, the honest check.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType

import yaml

from ingest.calibration import CALIBRATION_PATH

MIN_FACTS = 5  # a rule with fewer judged facts borrows its family's rate
KINDS = {"quote": "quotes", "role": "roles", "funding": "funding"}
BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judge(score: ModuleType, gold_dir: Path, records: list[dict]) -> list[tuple[str, str, bool]]:
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
                rule = p["extractor"].split("@")[0]
                if any(p is q for q in right):
                    out.append((doc, rule, True))
                elif any(p is s for s in spurious):
                    out.append((doc, rule, False))
    return out


def rates(judged: list[tuple[str, str, bool]]) -> dict[str, dict[str, float | int]]:
    """Rule -> confidence (right / judged, smoothed, with family back-off), right, wrong."""
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for _, rule, ok in judged:
        parts = rule.split(".")
        for n in range(1, len(parts) + 1):
            family = ".".join(parts[:n])
            seen[family] += 1
            right[family] += ok
    table: dict[str, dict[str, float | int]] = {}
    for rule in sorted({r for _, r, _ in judged}):
        parts = rule.split(".")
        family = next(
            (".".join(parts[:n]) for n in range(len(parts), 0, -1) if seen[".".join(parts[:n])] >= MIN_FACTS),
            parts[0],
        )
        confidence = (right[family] + 1) / (seen[family] + 2)  # Laplace: never 0 or 1 from few facts
        table[rule] = {
            "confidence": round(confidence, 3),
            "right": right[rule],
            "wrong": seen[rule] - right[rule],
            "from": family,
        }
    return table


def bands(judged: list[tuple[str, str, bool]], table: dict[str, dict[str, float | int]]) -> list[str]:
    """Rows of the calibration table: confidence band, facts, right, share right, mean confidence."""
    rows = []
    for lo, hi in itertools.pairwise(BANDS):
        inside = [(ok, float(table[r]["confidence"])) for _, r, ok in judged if r in table]
        inside = [(ok, c) for ok, c in inside if lo <= c < hi]
        if not inside:
            continue
        n, good = len(inside), sum(ok for ok, _ in inside)
        mean = sum(c for _, c in inside) / n
        rows.append(f"| {lo:.1f}–{min(hi, 1.0):.1f} | {n} | {good} | {good / n:.2f} | {mean:.2f} |")
    return rows


def extract_records(gold_dir: Path) -> list[dict]:
    from ingest.pipeline import extract_each
    from ingest.reader import read_document
    from ingest.records import fact_record

    docs = [read_document(p) for p in sorted(gold_dir.glob("*.txt"))]
    return [
        fact_record(f, Path(ex.document.source).name)
        for ex in extract_each(docs)
        for f in ex.facts
        if f.kind != "mention"
    ]


def _half(score: ModuleType, judged: list[tuple[str, str, bool]], half: int) -> list[tuple[str, str, bool]]:
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
    judged = judge(score, args.gold_dir, extract_records(args.gold_dir))
    table = rates(judged)
    print("| confidence | facts | right | share right | mean confidence |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print("\n".join(bands(judged, table)))
    for half in (1, 2):  # learnt on one half, checked on the other
        other = rates(_half(score, judged, 3 - half))
        held = [j for j in _half(score, judged, half) if j[1] in other]
        print(f"\nhalf {half}, rates learnt on half {3 - half}:")
        print("\n".join(bands(held, other)))
    if args.dry_run:
        return
    header = (
        f"# Confidence per rule: how often its facts were right on {args.gold_dir.name} "
        f"({len(judged)} judged facts), written by `python -m ingest.calibrate` on {date.today()}.\n"
        "# confidence = (right + 1) / (judged + 2) over the rule, or over its family (`from`) when the rule\n"
        f"# alone has fewer than {MIN_FACTS} judged facts. Rules missing here keep their default.\n"
    )
    args.out.write_text(header + yaml.safe_dump({"rules": table}, sort_keys=True), encoding="utf-8")
    print(f"\nwrote {len(table)} rules to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
