"""The gazetteer ruler: known actors become entities before the statistical NER fills around them."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from graph.model import ActorType
from ingest.lexicon import ORG_HEADS
from ingest.names.gazetteer import Gazetteer, load_gazetteer

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
                if entry.type is ActorType.COUNTRY and end - start == 1 and _names_a_body(doc, end):
                    continue
                spans.append(Span(doc, start, end, label=entry.label, kb_id=entry.id))
        doc.ents = filter_spans([*spans, *doc.ents])
        return doc


def _names_a_body(doc: Doc, end: int) -> bool:
    """ "Taipei University of Commerce": a place word leading an institution's name is not the country."""
    return end < len(doc) and doc[end].text[:1].isupper() and doc[end].lower_ in ORG_HEADS


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
