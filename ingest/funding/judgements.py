"""Judgements about an amount in its sentence: a price rather than a flow, a headline the body
restates, a last-resort funder that belongs to another verb."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ingest.funding.money import parse_money
from ingest.funding.phrases import anchors
from ingest.funding.source import FUNDING_NOUNS
from ingest.names.resolve import Ref


def a_price(money: Span) -> bool:
    """The amount sizes a thing that is not funding ("a $17 billion plant", "a $7 million effort")."""
    head = money.root.head
    return (
        money.root.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod")
        and head.pos_ in ("NOUN", "PROPN")
        and head.lower_ not in FUNDING_NOUNS
    )


def free_funder(doc: Doc, r: Ref, money: Span) -> bool:
    """A last-resort funder: not the object of another verb's phrase ("equipment made by X")."""
    heads = anchors(money)
    tok = doc[r.start : r.end].root
    return not (tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB" and tok.head.head.i not in heads)


def headline_restated(money: Span, sent: Span, value: float, later: list[Span]) -> bool:
    """A headline amount that the body states again: the body sentence is the evidence. A headline
    is Title Case, or the text's first line when it ends without a full stop."""
    words = [t for t in sent if t.is_alpha]
    first_line = (
        "\n" not in sent.doc.text[: sent.start_char].strip() and sent.text.rstrip()[-1:] not in '.!?"”'
    )
    if sum(t.text[:1].isupper() for t in words) < 0.6 * max(1, len(words)) and not first_line:
        return False
    return any((p := parse_money(m.text)) is not None and abs(p.value - value) <= 0.01 * value for m in later)
