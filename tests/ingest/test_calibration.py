"""Confidence that means something: on the shared corpus, facts in each confidence band are right about
as often as the band says, and the table covers the rules the extractors use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.calibrate import judge, load_scorer
from ingest.calibration import load_calibration

TOLERANCE = 0.15
MIN_BAND = 10


def test_bands_are_right_as_often_as_they_say(
    scorer: Path, shared_corpus: Path, extract_folder: Callable
) -> None:
    _, records = extract_folder(shared_corpus)
    judged = judge(load_scorer(scorer), shared_corpus, records)
    assert len(judged) > 200
    bands: dict[int, list[tuple[bool, float]]] = {}
    for _, _, ok, confidence in judged:
        bands.setdefault(min(9, int(confidence * 10)), []).append((ok, confidence))
    checked = 0
    for band, facts in bands.items():
        if len(facts) < MIN_BAND:
            continue
        share = sum(ok for ok, _ in facts) / len(facts)
        mean = sum(c for _, c in facts) / len(facts)
        assert abs(share - mean) <= TOLERANCE, (band, share, mean, len(facts))
        checked += 1
    assert checked >= 2


def test_the_table_is_in_range_and_names_real_rules(extract_folder: Callable, shared_corpus: Path) -> None:
    table = load_calibration()
    assert table and all(0.0 < v < 1.0 for v in table.values())
    _, records = extract_folder(shared_corpus)
    used = {r["evidence"]["extractor"] for r in records}
    assert len(used & set(table)) >= 0.8 * len(used), sorted(used - set(table))
