"""Written forms of names: cleaning a mention, shorter forms and initials of a longer name."""

from __future__ import annotations

import re

from spacy.tokens import Span

from ingest.lexicon import ORG_WORDS, TITLE_HEADS, TITLE_MODIFIERS

# "(R-Ohio)", "(D- NY)", "(both D-Calif.)", "(D-CA-12)", "(I-Vt.)": a member of Congress's party and state.
PARTY_TAG = re.compile(r"\((?:both |all )?[RDI] ?- ?[A-Za-z][A-Za-z .\-0-9]{0,22}\)")


def clean_person(span: Span) -> tuple[str, Span]:
    toks = list(span)
    while toks and (toks[0].lower_ in TITLE_HEADS or toks[0].lower_ in TITLE_MODIFIERS):
        toks = toks[1:]
    while toks and (toks[-1].text in {"'s", "’s", "'", "’"} or toks[-1].is_punct):
        toks = toks[:-1]
    if not toks:
        return "", span
    sub = span.doc[toks[0].i : toks[-1].i + 1]
    return sub.text, sub


def clean_name(text: str) -> str:
    for poss in ("’s ", "'s "):  # "Agriculture's National Institute of X": the institute is the name
        if poss in text and text.split(poss, 1)[1][:1].isupper():
            text = text.split(poss, 1)[1]
    for prefix in ("the ", "The "):
        text = text.removeprefix(prefix)
    return text.removesuffix("’s").removesuffix("'s").rstrip("'’ ")


def acronym_like(ent: Span) -> bool:
    """ "JCTT" tagged PRODUCT by the small model is still an organisation's short name."""
    return len(ent) == 1 and ent.text.isupper() and ent.text.isalpha() and 2 <= len(ent.text) <= 8


def shorter_form(short: str, long: str) -> bool:
    """ "Central Policy" of "Central Policy Research Office"; one word only if it leads the name
    ("Corvane" of "Corvane Science Agency") or ends a two-word one ("Party" of "Communist Party")."""
    s, words = short.lower().split(), long.lower().split()
    if not set(s) < set(words):
        return False
    if len(s) >= 2:
        return True
    return s[0] == words[0] or (len(words) == 2 and s[0] == words[-1])


def initials(name: str) -> str:
    small = {"of", "and", "the", "for", "on", "in", "&"}
    return "".join(w[0].upper() for w in name.split() if w.lower() not in small)


def portfolio_word(ent: Span) -> bool:
    """A lone remit word right before a title head: "Education" in "Education Secretary"."""
    doc = ent.doc
    return (
        len(ent) == 1
        and ent.text.lower() in ORG_WORDS
        and ent.end < len(doc)
        and doc[ent.end].lower_ in TITLE_HEADS
    )
