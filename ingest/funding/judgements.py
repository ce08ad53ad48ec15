"""Judgements about an amount in its sentence: a flow of funding or something else (a penalty, a loss,
a price, a hypothetical), and a headline amount that the body states again."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ingest.funding.amounts import Amount
from ingest.funding.parties import amount_verb, gives
from ingest.funding.vocabulary import vocabulary

_BOUNDS = {",", ";", ":", ".", "–", "—", "(", ")"}
_MODALS = {"could", "might"}  # "would provide" is what a bill does, and counts


def not_a_flow(doc: Doc, amount: Amount, sent: Span) -> str | None:
    """Why `amount` is not a flow of funding ("penalty", "would"), or None when it may be one."""
    vocab = vocabulary()
    start, end = max(sent.start, amount.start - 3), min(sent.end, amount.end + 3)
    for i in range(amount.start - 1, start - 1, -1):  # the amount's own phrase: not past a comma
        if doc[i].text in _BOUNDS:
            start = i + 1
            break
    for i in range(amount.end, end):
        if doc[i].text in _BOUNDS:
            end = i
            break
    near = doc[start:end]
    for tok in near:
        if tok.ent_type_ and tok.ent_type_ != "MONEY":
            continue  # "Inflation Reduction Act": a name, not a reduction
        if tok.lower_ in vocab.not_flow_nouns and not (tok.i < amount.start and tok.lower_ == "share"):
            return tok.lower_
    verb = amount_verb(doc, amount)
    if verb.lemma_ in vocab.not_flow_verbs:
        return verb.lemma_
    if any(c.lower_ in _MODALS for c in verb.children) or any(
        t.lower_ == "if" for t in doc[sent.start : amount.start]
    ):
        return "hypothetical"
    return None


def sized_thing(doc: Doc, amount: Amount) -> bool:
    """The amount sizes a thing that is not funding ("a $17 billion plant", "TSMC's $8-billion project")."""
    vocab = vocabulary()
    root = doc[amount.start : amount.end].root
    head = root.head
    after = doc[amount.end] if amount.end < len(doc) else None
    if after is not None and after.pos_ in ("NOUN", "PROPN") and after.lower_ not in vocab.funding_nouns:
        nxt = [t for t in doc[amount.end : amount.end + 4] if t.pos_ == "NOUN"]
        if (
            nxt
            and nxt[-1].lower_ not in vocab.funding_nouns
            and all(t.lower_ not in vocab.funding_nouns for t in doc[amount.end : amount.end + 4])
        ):
            return root.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod") or head.i >= amount.end
    return False


def has_flow_words(doc: Doc, amount: Amount, sent: Span) -> bool:
    """Some word of the sentence says money moves: a funding verb or noun, or "receive"."""
    vocab = vocabulary()
    for tok in sent:
        if tok.lower_ in vocab.funding_nouns or tok.lemma_ in vocab.receive_verbs:
            return True
        if tok.pos_ == "VERB" and gives(tok):
            return True
    return False


def headline_restated(doc: Doc, text: str, headline: set[int], amount: Amount, later: list[Amount]) -> bool:
    """A headline amount that the body states again: the body sentence is the evidence. A headline is
    a Title Case line (`headline`), or the text's first line."""
    first_line = "\n" not in text[: doc[amount.start].idx].strip()
    if amount.start not in headline and not first_line:
        return False
    value = amount.money.value
    return any(abs(a.money.value - value) <= 0.01 * value for a in later)
