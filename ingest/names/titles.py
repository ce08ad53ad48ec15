"""Titles before names ("Under Secretary of Commerce for Industry and Security Alan Estevez").

The small model often swallows such names into an ORG; the `policygraph_titles` component
(`ingest.nlp.title_names`) re-marks the name as PERSON so every later stage sees the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ingest.lexicon import CONNECTORS, CUE_VERBS, ORG_WORDS, ROLE_MARKERS, TITLE_HEADS, TITLE_MODIFIERS

_INITIAL = re.compile(r"[A-Z]\.?")
_POSSESSIVE = {"'s", "’s", "'", "’"}


@dataclass(frozen=True)
class TitledName:
    """Token spans of a title and the name it precedes, plus markers and a possessor org."""

    title_start: int
    name_start: int
    name_end: int
    markers: tuple[str, ...] = ()
    possessor_end: int | None = None  # token after "Y's": Y ends just before the possessive


def _cap(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _hyphen_inside(tok: Token) -> bool:
    """The "-" of "Okafor-Reyes": no space on either side, a capital after it."""
    doc = tok.doc
    return (
        tok.text == "-"
        and not tok.whitespace_
        and tok.i > 0
        and not doc[tok.i - 1].whitespace_
        and tok.i + 1 < len(doc)
        and doc[tok.i + 1].text[:1].isupper()
    )


def _name_like(tok: Token) -> bool:
    if _INITIAL.fullmatch(tok.text) or _hyphen_inside(tok):
        return True
    if not (_cap(tok) and tok.is_alpha) or tok.ent_kb_id_:
        return False
    low = tok.lower_
    if low in ORG_WORDS or low in TITLE_HEADS or low in TITLE_MODIFIERS:
        return False
    return not (tok.is_upper and len(tok) > 1)


def _is_head(tok: Token) -> bool:
    return tok.lower_ in TITLE_HEADS


def _title_start(doc: Doc, head: int) -> tuple[int, list[str], int | None]:
    """Walk back from a title head over modifiers, org premodifiers and markers."""
    start, markers = head, list[str]()
    i = head - 1
    while i >= 0:
        tok = doc[i]
        low = tok.lower_
        if tok.text in _POSSESSIVE:
            return start, markers, i
        if low in ROLE_MARKERS:
            markers.append(low)
            i -= 1
            continue
        opener = (
            tok.is_sent_start and not tok.ent_type_ and (tok.is_stop or tok.pos_ not in ("PROPN", "NOUN"))
        )
        if low in CUE_VERBS or (tok.is_punct and not _hyphen_inside(tok)) or opener:
            break
        if low in TITLE_MODIFIERS or low in TITLE_HEADS or (_cap(tok) and tok.ent_type_ != "DATE"):
            start = i
        elif low in CONNECTORS and i > 0 and _cap(doc[i - 1]) and low != "the":
            pass
        else:
            break
        i -= 1
    return start, markers, None


def _person_start(doc: Doc, k: int, j: int) -> int:
    """The model's own start of a PERSON ending at `j`, when it lies inside the name run."""
    if j == 0 or doc[j - 1].ent_type_ != "PERSON" or (j < len(doc) and doc[j].ent_iob_ == "I"):
        return k
    m = j - 1
    while m > k and doc[m].ent_iob_ == "I":
        m -= 1
    return m if k < m and doc[m].ent_iob_ == "B" else k


def find_titled_names(doc: Doc) -> list[TitledName]:
    """Every "TITLE Name" in `doc`, outermost title first."""
    found: list[TitledName] = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        prev = doc[i - 1] if i > 0 else None
        lower_ok = prev is not None and (
            _cap(prev)
            or prev.lower_ in ROLE_MARKERS
            or prev.lower_ in TITLE_MODIFIERS
            or prev.text in _POSSESSIVE
        )
        if not _is_head(tok) or (not _cap(tok) and not lower_ok):
            i += 1
            continue
        j = i + 1
        portfolio = False  # "Commissioner for Startups, Research and Innovation X": a list of remits
        while j < n:
            t = doc[j]
            portfolio = portfolio or t.lower_ == "for"
            if (
                (t.lower_ in CONNECTORS and j + 1 < n and _cap(doc[j + 1]))
                or (_cap(t) and not t.is_punct)
                or _INITIAL.fullmatch(t.text)
                or _hyphen_inside(t)
                or (portfolio and t.text == "," and j + 1 < n and _cap(doc[j + 1]) and doc[j + 1].is_alpha)
            ):
                j += 1
            else:
                break
        k = j
        floor = i + 1
        if portfolio:  # "... Climate and Housing Petra Nyberg": the word after the last "and" is a remit
            floor = max([floor, *(m + 2 for m in range(i, j) if doc[m].lower_ in ("and", "for", "&"))])
        while k > floor and _name_like(doc[k - 1]):
            k -= 1
        k = _person_start(doc, k, j)
        if k < j and doc[k].lower_ not in CONNECTORS and (j - k >= 2 or doc[k].ent_type_ == "PERSON"):
            start, markers, possessive = _title_start(doc, i)
            markers += [t.lower_ for t in doc[start:k] if t.lower_ in ROLE_MARKERS]
            found.append(TitledName(start, k, j, tuple(dict.fromkeys(markers)), possessive))
        i = max(j, i + 1)
    return found
