"""Ingest fixtures: the spaCy pipeline is built once per test session; shared data is optional."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from graph.model import Document, Extraction

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()
OWN_CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def nlp() -> Language:
    from ingest.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def run(nlp: Language) -> Callable[[str], Extraction]:
    """Extract facts from a literal text."""
    from ingest.pipeline import extract

    def _run(text: str) -> Extraction:
        return extract(Document(source="test.txt", text=text), nlp)

    return _run


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """../shared/corpus beside the repo, or a skip saying where it was looked for."""
    corpus = SHARED / "corpus"
    if not corpus.is_dir() or not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(
            f"shared corpus and scorer not found under {SHARED} (expected beside the repo in ../shared)"
        )
    return corpus


@pytest.fixture(scope="session")
def scorer(shared_corpus: Path) -> Path:
    return SHARED / "eval" / "score.py"


@pytest.fixture(scope="session")
def extract_folder(nlp: Language) -> Callable[[Path], tuple[list[Extraction], list[dict]]]:
    """Extractions and FORMAT.md records for every *.txt in a folder, computed once per folder."""
    from graph.factset.records import fact_record
    from ingest.pipeline import extract_many
    from ingest.reader import read_document

    cache: dict[Path, tuple[list[Extraction], list[dict]]] = {}

    def _extract(folder: Path) -> tuple[list[Extraction], list[dict]]:
        if folder not in cache:
            docs = [read_document(p) for p in sorted(folder.glob("*.txt"))]
            extractions = list(extract_many(docs, nlp=nlp))
            records = [
                json.loads(json.dumps(fact_record(f, ex.document.source)))
                for ex in extractions
                for f in ex.facts
                if f.kind != "mention"
            ]
            cache[folder] = (extractions, records)
        return cache[folder]

    return _extract
