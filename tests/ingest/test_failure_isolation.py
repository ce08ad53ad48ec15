"""A rule that raises on one sentence loses only what it would have found there: the failure is logged
with the document and the sentence, and every other fact of the document lands."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

import ingest.pipeline
import ingest.roles
from graph.model import Document
from ingest.context import DocContext
from ingest.names.resolve import Ref
from ingest.pipeline import extract
from ingest.roles.base import Roles

TEXT = (
    "“We act now,” said Mara Quill, director of the Harbor Policy Institute. "
    "Tobias Brink, chair of the Bogus Council, disagreed. "
    "Lena Hart, head of the Northgate Trust, agreed. "
    "The Northgate Trust awarded $3 million to the Lakeside Robotics Consortium."
)


def _broken_on_bogus(real: Callable) -> Callable:
    def rule(doc: Doc, ctx: DocContext, r: Ref, out: Roles) -> None:
        if "Bogus" in doc[r.start].sent.text:
            raise RuntimeError("rule bug")
        real(doc, ctx, r, out)

    return rule


def test_a_failing_rule_loses_only_its_sentence(monkeypatch: pytest.MonkeyPatch, caplog, nlp) -> None:
    monkeypatch.setattr(ingest.roles, "after_name", _broken_on_bogus(ingest.roles.after_name))
    with caplog.at_level(logging.WARNING, logger="policygraph.extract"):
        ex = extract(Document(source="isolation.txt", text=TEXT), nlp)
    roles = {(f.person.name, f.org.name) for f in ex.of_kind("role")}
    assert ("Mara Quill", "Harbor Policy Institute") in roles
    assert ("Lena Hart", "Northgate Trust") in roles
    assert not any(person == "Tobias Brink" for person, _ in roles)  # the failing sentence's role is lost
    assert [f.speaker.name for f in ex.of_kind("quote")] == ["Mara Quill"]
    assert [(f.source.name, f.amount_value) for f in ex.of_kind("funding")] == [("Northgate Trust", 3e6)]
    assert len(ex.failures) == 1 and "roles.apposition @ sentence 1" in ex.failures[0]
    record = next(r for r in caplog.records if "rule roles.apposition failed" in r.getMessage())
    assert (
        "isolation.txt" in record.getMessage()
        and "Tobias Brink, chair of the Bogus Council" in record.getMessage()
    )


def test_a_whole_extractor_failing_keeps_the_other_relations(monkeypatch: pytest.MonkeyPatch, nlp) -> None:
    def broken(*args: object, **kwargs: object) -> list:
        raise ValueError("extractor bug")

    monkeypatch.setattr(ingest.pipeline, "extract_funding", broken)
    ex = extract(Document(source="isolation.txt", text=TEXT), nlp)
    assert ex.of_kind("quote") and ex.of_kind("role") and not ex.of_kind("funding")
    assert any(f.startswith("funding @") for f in ex.failures)


def test_without_failures_the_extraction_has_none(nlp) -> None:
    ex = extract(Document(source="isolation.txt", text=TEXT), nlp)
    assert ex.failures == ()
    assert ("Tobias Brink", "Bogus Council") in {(f.person.name, f.org.name) for f in ex.of_kind("role")}
