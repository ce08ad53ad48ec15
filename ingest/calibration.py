"""Calibrated confidence per rule (`data/confidence.yaml`): how often a rule's facts were right on the
shared real corpus, so that a fact at 0.9 is right about nine times in ten. Written by
`python -m ingest.calibrate`; a rule missing from the table keeps the default its code gives."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import yaml

CALIBRATION_PATH = Path(str(files("ingest").joinpath("data", "confidence.yaml")))


@lru_cache(maxsize=2)
def load_calibration(path: Path = CALIBRATION_PATH) -> dict[str, float]:
    """Rule name -> confidence in [0, 1]; empty when the table has not been written."""
    if not path.is_file():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rules = raw.get("rules", {}) if isinstance(raw, dict) else {}
    out = {}
    for rule, row in rules.items():
        value = row.get("confidence") if isinstance(row, dict) else row
        if isinstance(value, int | float) and 0.0 <= value <= 1.0:
            out[str(rule)] = float(value)
    return out
