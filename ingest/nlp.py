"""Builds the spaCy pipeline once: the small English model plus the gazetteer ruler.

This is the only module that calls `spacy.load`; models come from settings, never downloads.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from graph.errors import ExtractionError
from graph.model import ActorType
from graph.settings import get_settings
from ingest.entities import ENTITIES_COMPONENT
from ingest.gazetteer import Gazetteer, load_gazetteer
from ingest.titles import TITLES_COMPONENT

GAZETTEER_COMPONENT = "policygraph_gazetteer"


class GazetteerRuler:
    """Marks known actors as entities before the statistical NER, which then fills around them.

    Multi-word names match case-insensitively; single words and acronyms match as written,
    so "US" is a country and "us" stays a pronoun.
    """

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.by_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.entries = {e.id: e for e in gazetteer.entries}
        for e in gazetteer.entries:
            lower, orth = [], []
            for form in e.forms():
                tokens = nlp.make_doc(form)
                many_words = len(tokens) > 1 and form not in e.acronyms
                if e.type is ActorType.SECTOR and form.islower():
                    orth.extend([tokens, nlp.make_doc(form[:1].upper() + form[1:])])
                elif many_words:
                    lower.append(tokens)
                else:
                    orth.append(tokens)
            if lower:
                self.by_lower.add(e.id, lower)
            if orth:
                self.by_orth.add(e.id, orth)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for matcher in (self.by_lower, self.by_orth):
            for match_id, start, end in matcher(doc):
                entry = self.entries[doc.vocab.strings[match_id]]
                if entry.type is ActorType.SECTOR and _inside_proper_name(doc, start, end):
                    continue
                spans.append(Span(doc, start, end, label=entry.label, kb_id=entry.id))
        doc.ents = filter_spans([*spans, *doc.ents])
        return doc


def _inside_proper_name(doc: Doc, start: int, end: int) -> bool:
    """ "Robotics" in "Acme Robotics" is part of a company name, not the sector."""
    if not doc[start].text[:1].isupper():
        return False
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None

    def proper(t: Token | None) -> bool:
        return (
            t is not None
            and t.is_alpha
            and t.text[:1].isupper()
            and (not t.is_sent_start or t.pos_ == "PROPN")
        )

    return proper(before) or proper(after)


@Language.factory(GAZETTEER_COMPONENT)
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    return GazetteerRuler(nlp, load_gazetteer())


def load_model(names: list[str]) -> Language:
    """The first installed model among `names`; refuses to download anything."""
    errors = []
    for name in names:
        try:
            return spacy.load(name)
        except OSError as exc:
            errors.append(f"{name}: {exc.__class__.__name__}")
    raise ExtractionError(f"no spaCy model installed; tried {', '.join(errors) or 'none'}")


def build_nlp(names: list[str] | None = None) -> Language:
    """A fresh pipeline: model + gazetteer ruler before `ner` + entity repairs after it."""
    nlp = load_model(names or get_settings().spacy_models)
    if "ner" in nlp.pipe_names:
        nlp.add_pipe(GAZETTEER_COMPONENT, before="ner")
    else:
        nlp.add_pipe(GAZETTEER_COMPONENT)
    nlp.add_pipe(ENTITIES_COMPONENT, last=True)
    nlp.add_pipe(TITLES_COMPONENT, last=True)
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide pipeline, built on first use."""
    return build_nlp()
