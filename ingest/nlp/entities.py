"""Repairs to the small model's entities, by rules of English naming.

"Lantern Policy Lab" is an organisation because of its last word, "the Advanced Packaging
Resilience Act" a law; a capitalised run ending in such a word is one entity even when the
model missed it; "the new director of Y, Firstname Lastname," names a person.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ingest.lexicon import CUE_VERBS, ORG_HEADS, ORG_WORDS, POLICY_HEADS, TITLE_HEADS, TITLE_MODIFIERS
from ingest.nlp.headlines import headline_tokens, trim_headline_person

ENTITIES_COMPONENT = "policygraph_entities"
_REPAIRABLE = {"ORG", "WORK_OF_ART", "PERSON", "PRODUCT", "FAC", "NORP", "GPE", "LOC", "EVENT", "LAW"}
_INNER = {"of", "for", "and", "on", "&"}


def _cap(tok: Token) -> bool:
    return (tok.is_alpha and tok.text[:1].isupper()) or tok.text == "&"


def _head_label(tok: Token) -> str | None:
    if not tok.text[:1].isupper():
        return None
    if tok.lower_ in ORG_HEADS:
        return "ORG"
    if tok.lower_ in POLICY_HEADS:
        return "LAW"
    return None


def _repaired(doc: Doc, ent: Span) -> Span:
    """Extend over a following head word ("Lantern Policy" + "Lab") and relabel by the last word."""
    if ent.kb_id_ or ent.label_ not in _REPAIRABLE:
        return ent
    end = ent.end
    while end < len(doc) and _head_label(doc[end]) and end - ent.start < 10:
        end += 1
    label = _head_label(doc[end - 1]) or ent.label_
    if end == ent.end and label == ent.label_:
        return ent
    return Span(doc, ent.start, end, label=label)


def _joined_by_and(doc: Doc, ent: Span) -> Span:
    """ "the Engineering and Physical Sciences Research Council": a name the NER cut at "and"."""
    if ent.label_ != "ORG" or ent.start < 3 or doc[ent.start - 1].lower_ != "and":
        return ent
    i = ent.start - 1
    while i > 0 and _cap(doc[i - 1]) and doc[i - 1].ent_type_ in ("", "SECTOR") and ent.start - i < 6:
        i -= 1
    if i < ent.start - 1 and i > 0 and doc[i - 1].lower_ == "the":
        return Span(doc, i, ent.end, label=ent.label_, kb_id=ent.kb_id_)
    return ent


def _named_runs(doc: Doc, taken: set[int]) -> list[Span]:
    """Capitalised runs ending in an organisation or policy word that no entity covers."""
    found = []
    for tok in doc:
        label = _head_label(tok)
        if not label or tok.i in taken:
            continue
        start = tok.i
        while start > 0 and start - 1 not in taken:
            prev = doc[start - 1]
            if (_cap(prev) and not prev.is_sent_start) or (
                prev.lower_ in _INNER and start - 2 >= 0 and _cap(doc[start - 2]) and start - 2 not in taken
            ):
                start -= 1
            else:
                break
        while start < tok.i and doc[start].lower_ in _INNER:
            start += 1
        if start < tok.i:
            found.append(Span(doc, start, tok.i + 1, label=label))
    return found


def _appositive_names(doc: Doc, taken: set[int]) -> list[Span]:
    """ "the new director of Y, Firstname Lastname," : two or three capitalised words after a title."""
    found = []
    for i, tok in enumerate(doc):
        if tok.text != "," or i + 3 >= len(doc):
            continue
        j = i + 1
        while j < len(doc) and j - i <= 3 and _cap(doc[j]) and j not in taken and doc[j].pos_ == "PROPN":
            j += 1
        if not (3 <= j - i <= 4) or j >= len(doc) or doc[j].text not in (",", "."):
            continue
        left = doc[max(0, i - 12) : i]
        if any(t.lower_ in TITLE_HEADS for t in left):
            found.append(Span(doc, i + 1, j, label="PERSON"))
    return found


def _name_word(tok: Token) -> bool:
    low = tok.lower_
    return (
        tok.pos_ == "PROPN"
        and tok.is_alpha
        and tok.text[:1].isupper()
        and not tok.is_upper
        and low not in ORG_HEADS
        and low not in ORG_WORDS
        and low not in TITLE_HEADS
    )


def _unnamed_people(doc: Doc, taken: set[int]) -> list[Span]:
    """Two or three proper nouns the model left untagged, acting as a subject or after "said"."""
    found = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 3 and j not in taken and _name_word(doc[j]):
            j += 1
        if j - i >= 2 and (j >= len(doc) or not _name_word(doc[j])):
            span = doc[i:j]
            before = doc[i - 1].lower_ if i > 0 else ""
            if span.root.dep_ in ("nsubj", "nsubjpass", "appos") or before in CUE_VERBS:
                found.append(Span(doc, i, j, label="PERSON"))
        i = max(j, i + 1)
    return found


def _person_before_title(doc: Doc, ent: Span) -> Span:
    """ "Nadia Ferrer, head of research at Y" read as ORG: a name followed by an appositive title."""
    if ent.label_ != "ORG" or ent.kb_id_ or not 2 <= len(ent) <= 3 or not all(_name_word(t) for t in ent):
        return ent
    after = doc[ent.end : ent.end + 4]
    if len(after) < 2 or after[0].text != ",":
        return ent
    words = [t for t in after[1:] if t.lower_ not in ("a", "an", "the")]
    if words and (words[0].lower_ in TITLE_HEADS or words[0].lower_ in TITLE_MODIFIERS):
        return Span(doc, ent.start, ent.end, label="PERSON")
    return ent


def _no_trailing_words(doc: Doc, ent: Span) -> Span | None:
    """An organisation never ends in "of"/"and", nor runs on into "and Fellow at ..." (a second title):
    "Boston University School of Law and Fellow" -> "Boston University School of Law"."""
    if ent.label_ not in ("ORG", "LAW") or ent.kb_id_:
        return ent
    end = ent.end
    for tok in ent:
        if tok.lower_ in ("and", "&") and tok.i + 1 < ent.end and doc[tok.i + 1].lower_ in TITLE_HEADS:
            end = tok.i
            break
    while end > ent.start and (doc[end - 1].lower_ in _INNER or doc[end - 1].text in ("'s", "’s")):
        end -= 1  # "The Corvane Science Agency's": the possessive belongs to the sentence
    if end == ent.end:
        return ent
    return Span(doc, ent.start, end, label=ent.label_) if end > ent.start else None


def _listed_name(doc: Doc, ent: Span) -> Span:
    """ "House Commerce, Justice, Science, and Related Agencies Appropriations Bill": a name whose
    words list portfolios, which the model cuts at every comma. Only a list closed by ", and" counts."""
    if not ent[-1].text[:1].isupper() or _head_label(ent[-1]) is None:
        return ent
    i = ent.start
    listed = False
    while i > 0:
        prev = doc[i - 1]
        word = _cap(prev) and not prev.is_sent_start and prev.ent_type_ not in ("PERSON", "DATE", "MONEY")
        if word or (prev.text == "," and i > 1 and _cap(doc[i - 2])):
            i -= 1
        elif prev.lower_ in ("and", "&") and i > 1 and doc[i - 2].text == ",":
            listed = True
            i -= 1
        elif _cap(prev) and prev.is_sent_start and prev.ent_type_ not in ("PERSON", "DATE", "MONEY"):
            i -= 1
            break
        else:
            break
    if not listed or i >= ent.start:
        return ent
    label = _head_label(ent[-1]) or ent.label_
    return Span(doc, i, ent.end, label=label)


def _first_name_left_out(doc: Doc, ent: Span) -> Span:
    """ "Christopher [A. Wray]": a name never starts with its middle initial; take the first name in."""
    if ent.label_ != "PERSON" or ent.start == 0 or not re.fullmatch(r"[A-Z]\.", ent[0].text):
        return ent
    prev = doc[ent.start - 1]
    low = prev.lower_
    if (
        prev.is_alpha
        and prev.text[:1].isupper()
        and prev.pos_ == "PROPN"
        and not prev.ent_type_
        and (low not in TITLE_HEADS and low not in TITLE_MODIFIERS and low not in ORG_WORDS)
    ):
        return Span(doc, ent.start - 1, ent.end, label="PERSON")
    return ent


def _one_line(doc: Doc, ent: Span) -> Span | None:
    """A name never runs over a line break: keep the part before it."""
    for tok in ent:
        if tok.is_space and "\n" in tok.text:
            return (
                Span(doc, ent.start, tok.i, label=ent.label_, kb_id=ent.kb_id_) if tok.i > ent.start else None
            )
    return ent


_NAMED_LABELS = {"ORG", "PERSON", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW"}


def _a_name(ent: Span) -> bool:
    """A name has a capital or a digit somewhere: "the research department" is a common noun phrase
    the model took for an organisation (gazetteer matches are names whatever their case)."""
    if ent.kb_id_ or ent.label_ not in _NAMED_LABELS:
        return True
    return any(not t.is_lower for t in ent if t.is_alpha and t.lower_ not in ("the", "a", "an")) or any(
        t.like_num for t in ent
    )


def _open_paren(doc: Doc, ent: Span) -> Span | None:
    """ "International Capital Corp (CICC": a name ends before a parenthesis it does not close."""
    opened = [t.i for t in ent if t.text == "("]
    if not opened or any(t.text == ")" for t in ent):
        return ent
    if opened[0] == ent.start:
        return None
    return Span(doc, ent.start, opened[0], label=ent.label_, kb_id=ent.kb_id_)


def _country_led(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "[China] [International Capital Corp]": a country word that starts a company's name is part of
    it, when the model left the company unknown and its last word says it is an organisation."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ == "GPE"
            and prev.end == ent.start
            and ent.label_ == "ORG"
            and not ent.kb_id_
            and _head_label(doc[ent.end - 1]) == "ORG"
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


class EntityRepairer:
    def __call__(self, doc: Doc) -> Doc:
        headline = headline_tokens(doc)
        lines = [e for e in (_one_line(doc, e) for e in doc.ents) if e is not None and _a_name(e)]
        lines = _country_led(doc, [e for e in (_open_paren(doc, e) for e in lines) if e is not None])
        lines = [e for e in (trim_headline_person(doc, e, headline) for e in lines) if e is not None]
        lines = [e for e in (_no_trailing_words(doc, e) for e in lines) if e is not None]
        lines = [_listed_name(doc, e) if not e.kb_id_ else e for e in lines]
        lines = [_first_name_left_out(doc, e) for e in lines]
        ents = [_person_before_title(doc, _joined_by_and(doc, _repaired(doc, e))) for e in lines]
        ents = filter_spans(ents)
        taken = {i for e in ents for i in range(e.start, e.end)}
        extra = _named_runs(doc, taken)
        taken |= {i for e in extra for i in range(e.start, e.end)}
        extra += _appositive_names(doc, taken)
        taken |= {i for e in extra for i in range(e.start, e.end)}
        extra += [e for e in _unnamed_people(doc, taken) if not headline.intersection(range(e.start, e.end))]
        if extra or ents != list(doc.ents):
            doc.ents = filter_spans([*ents, *extra])
        return doc


@Language.factory(ENTITIES_COMPONENT)
def make_entity_repairer(nlp: Language, name: str) -> EntityRepairer:
    return EntityRepairer()
