"""The language of money flows as data (`data/funding.yaml`), loaded and validated once."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

FUNDING_PATH = Path(str(files("ingest").joinpath("data", "funding.yaml")))


class Vocabulary(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    give_verbs: frozenset[str]
    receive_verbs: frozenset[str]
    purpose_verbs: frozenset[str]
    funding_nouns: frozenset[str]
    not_flow_nouns: frozenset[str]
    not_flow_verbs: frozenset[str]
    light_nouns: frozenset[str]
    quantity_words: frozenset[str]
    programme_preps: frozenset[str]


@lru_cache(maxsize=2)
def vocabulary(path: Path = FUNDING_PATH) -> Vocabulary:
    """The funding vocabulary at `path`, parsed once per process."""
    return Vocabulary.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
