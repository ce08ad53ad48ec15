"""Small syntactic helpers for money sentences: noun phrases, time expressions, attachment points."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

STOP = {",", ";", ".", ":", "!", "?", "(", ")"}
ARTICLES = {"the", "a", "an", "its", "their", "his", "her", "our"}
# A word the tagger calls a verb but the parse uses as a noun ("a $9 million grant" as object).
_NOMINAL_DEPS = {"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos", "compound"}


def is_verb(tok: Token) -> bool:
    return tok.pos_ == "VERB" and tok.dep_ not in _NOMINAL_DEPS


def is_time(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in ("year", "years", "decade", "months")


def _inside_name(tok: Token) -> bool:
    """ "of" in "University of Arizona": a word inside a named entity, not a phrase boundary."""
    return tok.ent_iob_ == "I" and tok.ent_type_ in ("ORG", "LAW", "FAC", "GPE", "LOC", "NORP")


def noun_phrase(doc: Doc, start: int, end: int) -> Span | None:
    """The noun phrase starting at `start`: up to the next preposition, verb or punctuation."""
    i = start
    while i < end and doc[i].lower_ in ("“", "‘", '"', "'"):
        i += 1
    j = i
    while (
        j < end
        and doc[j].text not in STOP
        and (
            _inside_name(doc[j])
            or doc[j].pos_ not in ("VERB", "AUX", "ADP", "SCONJ", "PRON")
            or doc[j].dep_ in ("amod", "compound", "poss")
        )
        and doc[j].lower_ not in ("that", "which", "who", "to")
        and (j == i or doc[j].ent_type_ not in ("DATE", "TIME", "MONEY"))
    ):
        j += 1
    while j > i and doc[j - 1].text in ("”", "’", '"', "'"):
        j -= 1
    return doc[i:j] if j > i else None


def period(doc: Doc, money: Span, sent: Span) -> str | None:
    for tok in doc[money.end : sent.end]:
        if tok.text in STOP:
            break
        if (
            tok.lower_ in ("over", "for", "in", "during", "through")
            and tok.i + 1 < sent.end
            and is_time(doc[tok.i + 1])
        ) or (tok.i + 2 < sent.end and is_time(doc[tok.i + 2]) and tok.lower_ in ("over", "for", "in")):
            end = tok.i + 1
            while end < sent.end and (
                doc[end].ent_type_ in ("DATE", "TIME") or is_time(doc[end]) or doc[end].lower_ in ARTICLES
            ):
                end += 1
            return doc[tok.i : end].text
    return None


def anchors(money: Span) -> set[int]:
    """Tokens a target preposition may hang from: the amount, its noun, its verbs."""
    root = money.root
    heads = {root.i, *(c.i for c in root.children if c.dep_ in ("relcl", "acl"))}
    node = root
    for _ in range(12):  # walk up to the governing verb; the root is its own head
        if node.head.i == node.i:
            break
        node = node.head
        heads.add(node.i)
        if is_verb(node):
            break
    return heads


def governing_verb(tok: Token) -> Token:
    """The nearest verb at or above `tok` (or the sentence root)."""
    for _ in range(12):
        if is_verb(tok) or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def paragraph_of(doc: Doc, money: Span, sent: Span) -> Span:
    """`sent` clipped at blank lines: a headline the parser ran into the body stays apart."""
    start, end = sent.start, sent.end
    for tok in doc[sent.start : money.start]:
        if tok.is_space and tok.text.count("\n") >= 2:
            start = tok.i + 1
    for tok in doc[money.end : sent.end]:
        if tok.is_space and tok.text.count("\n") >= 2:
            end = tok.i
            break
    return doc[start:end]
