"""The public pipeline: extract, extract_many, evidence offsets that point at the supporting words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from graph.errors import ExtractionError
from graph.model import Document, Funding, Quote, Role
from ingest.pipeline import extract, extract_each, extract_many
from ingest.roles.base import display_title

OWN_CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _check_offsets(text: str, facts: list) -> int:
    checked = 0
    for fact in facts:
        ev = fact.evidence
        span = text[ev.start : ev.end]
        assert 0 <= ev.start < ev.end <= len(text)
        if isinstance(fact, Quote):
            assert text[fact.start : fact.end] == fact.text
            assert fact.text in span
        elif isinstance(fact, Role):
            assert fact.person.name.split()[-1] in span or any(a in span for a in fact.person.aliases)
            org_words = [*fact.org.name.split(), *fact.org.aliases]
            written = display_title(span)  # stored titles write short forms out ("Sens." -> "Senator")
            assert any(w in span for w in org_words) or all(w in written for w in fact.title.split()), (
                fact.title,
                span,
            )
        elif isinstance(fact, Funding):
            assert fact.amount in span
        checked += 1
    return checked


def test_every_offset_points_at_the_supporting_words_own_corpus(extract_folder: Callable) -> None:
    extractions, _ = extract_folder(OWN_CORPUS)
    assert sum(_check_offsets(ex.document.text, list(ex.facts)) for ex in extractions) > 30


def test_every_offset_points_at_the_supporting_words_shared_corpus(
    shared_corpus: Path, extract_folder: Callable
) -> None:
    extractions, _ = extract_folder(shared_corpus)
    assert sum(_check_offsets(ex.document.text, list(ex.facts)) for ex in extractions) > 20


def test_extract_many_keeps_order_and_matches_extract(nlp: Language) -> None:
    docs = [Document(source=f"d{i}.txt", text=f"“Point {i} stands,” said Ana Torres.") for i in range(3)]
    many = list(extract_many(docs, batch_size=2, nlp=nlp))
    assert [m.document.source for m in many] == ["d0.txt", "d1.txt", "d2.txt"]
    assert many[1].facts == extract(docs[1], nlp).facts


def test_worker_processes_give_the_same_extractions_in_order(nlp: Language) -> None:
    """Two workers parse and extract in batches of two (five tasks, some in flight at once): the same
    extractions as one process, in input order, and an unreadable document fails alone, in place."""
    docs = [Document(source=f"d{i}.txt", text=f"“Point {i} stands,” said Ana Torres.") for i in range(9)]
    docs.insert(4, Document(source="empty.txt", text="  \n"))
    failed: list[tuple[str, str]] = []
    one = list(extract_each(docs, n_process=1, batch_size=2, nlp=nlp))
    two = list(
        extract_each(
            docs,
            n_process=2,
            batch_size=2,
            nlp=nlp,
            on_failure=lambda d, e: failed.append((d.source, type(e).__name__)),
        )
    )
    assert [e.document.source for e in two] == [d.source for d in docs if d.source != "empty.txt"]
    assert [e.model_dump() for e in two] == [e.model_dump() for e in one]
    assert all(len(e.of_kind("quote")) == 1 for e in two)
    assert failed == [("empty.txt", "ExtractionError")]
    with pytest.raises(ExtractionError, match=r"empty\.txt"):
        list(extract_many(docs, n_process=2, batch_size=2, nlp=nlp))


def test_evidence_carries_document_sentence_and_extractor(run: Callable) -> None:
    ex = run("It rained. “We act,” said Ana Torres.")
    (quote,) = ex.of_kind("quote")
    ev = quote.evidence
    assert (
        ev.doc_id == ex.document.id and ev.sentence_index == 1 and ev.extractor == "quotes.after"
    )  # the cue after the quotation names the speaker
    assert 0 < ev.confidence <= 1


def test_mentions_keep_every_actor(run: Callable) -> None:
    ex = run("The Brookings Institution and Huawei met in China.")
    assert {m.actor.key for m in ex.of_kind("mention")} >= {"tt:brookings", "co:huawei", "country:cn"}


def test_an_empty_document_is_refused(nlp: Language) -> None:
    with pytest.raises(ExtractionError):
        extract(Document(source="e.txt", text="   \n"), nlp)
