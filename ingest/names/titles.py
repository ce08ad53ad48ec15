"""Titles before names ("Under Secretary of Commerce for Industry and Security Alan Estevez").

A plural title gives each name of the list after it the title ("U.S. Senators A (D-CT), B (R-MO) and
C"); a party tag after a name ("(R-Ohio)") belongs to the name. The small model often swallows such
names into an ORG; the `policygraph_titles` component (`ingest.nlp.title_names`) re-marks each name as
PERSON so every later stage sees the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ingest.lexicon import (
    CONNECTORS,
    CUE_VERBS,
    HEADLINE_VERBS,
    ORG_NOUNS,
    ORG_WORDS,
    ROLE_MARKERS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from ingest.names.forms import PARTY_TAG
from ingest.names.titlebook import load_titles

_INITIAL = re.compile(r"[A-Z]\.?")
_POSSESSIVE = {"'s", "’s", "'", "’"}
_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
_MAX_LIST = 12


@dataclass(frozen=True)
class TitledName:
    """Token spans of a title and one name it precedes, plus markers and a possessor org.

    Names of a list share the title: [title_start, title_end) is the title, [name_start, name_end)
    this name."""

    title_start: int
    name_start: int
    name_end: int
    markers: tuple[str, ...] = ()
    possessor_end: int | None = None  # token after "Y's": Y ends just before the possessive
    title_end: int = -1  # -1: the title ends where the name starts
    plural: bool = False

    @property
    def title_stop(self) -> int:
        return self.name_start if self.title_end < 0 else self.title_end


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


def _name_like(tok: Token, places: bool = False) -> bool:
    """A word a name can have; with `places`, also words the model read as a place ("Hana Ward" GPE)."""
    if _INITIAL.fullmatch(tok.text) or _hyphen_inside(tok):
        return True
    if tok.lower_ in _SUFFIXES and tok.i > 0 and _cap(tok.doc[tok.i - 1]):
        return True
    if not (_cap(tok) and tok.is_alpha) or tok.ent_kb_id_:
        return False
    if tok.ent_type_ in ("GPE", "LOC", "NORP", "FAC") and not places:
        return False  # "the Senate Foreign Relations [East Asia] subcommittee": a place, not a name
    low = tok.lower_
    if low in ORG_WORDS or low in TITLE_HEADS or low in TITLE_MODIFIERS:
        return False
    return not (tok.is_upper and len(tok) > 1)


def _is_head(tok: Token) -> bool:
    return tok.lower_ in TITLE_HEADS


def _acronym_paren(doc: Doc, i: int) -> bool:
    """ "(DOC)" at token `i`: an acronym in parentheses."""
    return (
        i >= 0
        and i + 2 < len(doc)
        and doc[i].text == "("
        and doc[i + 2].text == ")"
        and doc[i + 1].text.isupper()
        and 2 <= len(doc[i + 1].text) <= 8
    )


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
        if tok.text == ")" and _acronym_paren(doc, i - 2):  # "Department of Commerce (DOC) Secretary"
            i -= 3
            continue
        opener = (
            tok.is_sent_start and not tok.ent_type_ and (tok.is_stop or tok.pos_ not in ("PROPN", "NOUN"))
        )
        inside = tok.ent_iob_ == "I" and tok.ent_type_ not in ("PERSON", "")  # "Energy & Commerce Committee"
        if low in CUE_VERBS or (tok.is_punct and not _hyphen_inside(tok) and not inside) or opener:
            break
        person = tok.ent_type_ == "PERSON" and low not in TITLE_MODIFIERS and low not in TITLE_HEADS
        if tok.is_space or person:  # "Gina Raimondo and Assistant Secretary X": not part of the title
            break
        if inside or (low in ORG_NOUNS and i == head - 1):  # "Senate Committee on Commerce, Science, and
            start = i  # Transportation Committee Chairman"; "company head"
            i -= 1
            continue
        if low in TITLE_MODIFIERS or low in TITLE_HEADS or (_cap(tok) and tok.ent_type_ != "DATE"):
            start = i
        elif low in CONNECTORS and i > 0 and _cap(doc[i - 1]) and low != "the":
            if low == "of" and doc[i - 1].lower_ == "office" and all(
                t.ent_type_ == "GPE" or t.lower_ in ROLE_MARKERS or t.lower_ in TITLE_MODIFIERS
                for t in doc[i + 1 : head]
            ):
                break  # "the Office of [U.S. Senator] X": the senator's office, not a title
            titled = doc[i - 1].lower_ in TITLE_HEADS or doc[i - 1].lower_ in TITLE_MODIFIERS
            if low in ("and", "&") and _title_follows(doc, i + 1) and not titled:
                break  # "... District of Texas and FBI Assistant Director": the title starts after "and"
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


def party_tag_end(doc: Doc, i: int) -> int:
    """The token after a party tag starting at `i` ("(R-FL)"), or `i` when there is none."""
    if i >= len(doc) or doc[i].text != "(":
        return i
    for j in range(i + 1, min(len(doc), i + 10)):
        if doc[j].text == ")":
            return j + 1 if PARTY_TAG.fullmatch(doc[i : j + 1].text.replace(" )", ")")) else i
    return i


def _model_person(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The model's own PERSON starting inside a title's run: the name, wherever the run ends."""
    for k in range(start, end):
        if doc[k].ent_type_ == "PERSON" and doc[k].ent_iob_ == "B":
            e = k + 1
            while e < len(doc) and doc[e].ent_iob_ == "I":
                e += 1
            while k < e - 1 and doc[k].lower_ in ORG_WORDS:
                k += 1  # "Secretary of [Agriculture] Ann Smith": the model ran the remit into the name
            return None if _is_head(doc[k]) else (k, e)
    return None


def _next_name(doc: Doc, i: int, listed: bool = False) -> tuple[int, int] | None:
    """A name starting at `i`: the model's PERSON there, else a run of name-like words (two or more)."""
    if i < len(doc) and doc[i].lower_ in load_titles().honorifics and doc[i].lower_ != "the":
        i += 1  # "Dr. Steven Walker"
    if i >= len(doc):
        return None
    if doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "B":
        j = i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        return i, j
    j = i
    while j < len(doc) and j - i < 5 and _name_like(doc[j], places=listed):
        j += 1
    return (i, j) if j - i >= 2 else None


def _skip_apposition(doc: Doc, i: int) -> int:
    """ "A (D-CT), chair of X, and B (R-MO)": past an apposition to the "and" before the next tagged name."""
    if i + 1 >= len(doc) or doc[i].text != "," or doc[i + 1].text[:1].isupper():
        return i
    for j in range(i + 1, min(len(doc), i + 30)):
        if doc[j].is_sent_start or doc[j].text in (";", "."):
            return i
        if doc[j].lower_ == "and" and doc[j - 1].text == ",":
            found = _next_name(doc, j + 1)
            if found is not None and party_tag_end(doc, found[1]) > found[1]:
                return j - 1
    return i


def _listed_names(doc: Doc, end: int) -> list[tuple[int, int]]:
    """Further names of a list after a plural title's first name: ", B (tag), and C"."""
    out: list[tuple[int, int]] = []
    i = party_tag_end(doc, end)
    while len(out) < _MAX_LIST and i < len(doc):
        i = _skip_apposition(doc, i)
        j = i
        if j < len(doc) and doc[j].text == ",":
            j += 1
        if j < len(doc) and doc[j].lower_ in ("and", "&"):
            j += 1
        if j == i:
            break
        found = _next_name(
            doc, j, listed=True
        )  # "Senators A and [Hana Ward]": a name, whatever the model says
        if found is None:
            break
        out.append(found)
        i = party_tag_end(doc, found[1])
    return out


def _place(tok: Token) -> bool:
    """ "of the [United States]", "for the [Western District]": a place a title is of or for."""
    return _cap(tok) and (tok.ent_type_ in ("GPE", "LOC") or bool(tok.ent_kb_id_))  # "of the Treasury"


def _body_then_name(doc: Doc, i: int) -> bool:
    """ "of the [Exchequer George Osborne]", "of the [Army Jane Roe]": capitalised words from `i` that end
    in a name the model found, so the body a title is of runs up to that name."""
    j = i
    while j < len(doc) and _cap(doc[j]) and not doc[j].is_punct:
        if doc[j].ent_type_ == "PERSON" and doc[j].ent_iob_ == "B":
            return j > i
        j += 1
    return False


def _title_follows(doc: Doc, i: int) -> bool:
    """A title starts at `i`: capitalised modifiers, then a head ("Assistant Secretary")."""
    for k in range(i, min(len(doc), i + 4)):
        if _is_head(doc[k]) and doc[k].text[:1].isupper():
            return True
        body = doc[k].is_upper or (doc[k].ent_type_ == "ORG" and _cap(doc[k]))  # "FBI Assistant Director"
        if doc[k].lower_ not in TITLE_MODIFIERS and not body:
            return False
    return False


def _run_end(doc: Doc, i: int, n: int) -> tuple[int, bool, int | None]:
    """End of the capitalised run after a head at `i` (remits, portfolios and the name itself), whether
    it lists portfolios, and where the model's own name starts when a name ended the run."""
    j = i + 1
    portfolio = False  # "Commissioner for Startups, Research and Innovation X": a list of remits
    while j < n:
        t = doc[j]
        portfolio = portfolio or t.lower_ == "for"
        if t.text == "(" and _acronym_paren(doc, j):  # "Chief Financial Officer (CFO) Wanzhou Meng"
            j += 3
            continue
        if t.lower_ == "for":  # "Under Secretary of Commerce for industry and security Alan Estevez"
            m = j + 1
            while m < n and m - j <= 6 and doc[m].is_alpha and doc[m].is_lower:
                m += 1
            if m > j + 1 and m < n and doc[m].ent_type_ == "PERSON" and doc[m].ent_iob_ == "B":
                j = m
                continue
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and not _is_head(t):
            e = j + 1
            while e < n and doc[e].ent_iob_ == "I":
                e += 1
            if not portfolio or doc[j - 1].lower_ in ("and", "&"):
                while j < e - 1 and doc[j].lower_ in ORG_WORDS:
                    j += 1  # "... Research and [Innovation] Tomas Dragulescu": the remit's last word
                return e, portfolio, j  # the name after the title: the run ends with it
        if t.lower_ in ("and", "&") and _title_follows(doc, j + 1):
            break  # "Secretary X and Assistant Secretary Y": a second title starts
        if (
            (t.lower_ in CONNECTORS and j + 1 < n and _cap(doc[j + 1]))
            or (
                t.lower_ in ("of", "for")
                and j + 2 < n
                and doc[j + 1].lower_ == "the"
                and (_place(doc[j + 2]) or _body_then_name(doc, j + 2))
            )
            or (t.lower_ == "the" and doc[j - 1].lower_ in ("of", "for") and j + 1 < n and _place(doc[j + 1]))
            or (_cap(t) and not t.is_punct)
            or _INITIAL.fullmatch(t.text)
            or _hyphen_inside(t)
            or (t.lower_ in _SUFFIXES and j > i + 1)
            or (portfolio and t.text == "," and j + 1 < n and _cap(doc[j + 1]) and doc[j + 1].is_alpha)
        ):
            j += 1
        else:
            break
    return j, portfolio, None


def find_titled_names(doc: Doc) -> list[TitledName]:
    """Every "TITLE Name" in `doc` (one per name of a list after a plural title), outermost first."""
    book = load_titles()
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
            or prev.lower_ in ORG_NOUNS  # "company head C.C. Wei"
        )
        if not _is_head(tok) or (not _cap(tok) and not lower_ok):
            i += 1
            continue
        j, portfolio, model_start = _run_end(doc, i, n)
        comma = False
        if (
            j == i + 1
            and j + 1 < n
            and doc[j].text == ","
            and (_cap(tok) or (prev is not None and _cap(prev)))
        ):
            # "UK Science Minister, George Freeman,": a capitalised title, a comma, then the name
            named = _next_name(doc, j + 1)
            if named is not None and doc[named[0]].ent_type_ == "PERSON":
                j, comma = named[1], True
        k = j
        floor = named[0] if comma and named is not None else i + 1
        if portfolio:  # "... Climate and Housing Petra Nyberg": the word after the last "and" is a remit
            floor = max([floor, *(m + 2 for m in range(i, j) if doc[m].lower_ in ("and", "for", "&"))])
        while k > floor and _name_like(doc[k - 1]):
            k -= 1
        if model_start is not None and not comma:
            k = model_start
            if doc[k - 1].lower_ in ("and", "&"):  # "U.S. Attorney for the X District and [Christopher
                i = max(j, i + 1)  # Wray]": a title whose name came before it, then the next person
                continue
        elif (model := _model_person(doc, floor, j)) is not None:
            k, j = model
        else:
            k = _person_start(doc, k, j)
        while k < j and doc[k].lower_ in _SUFFIXES:
            k += 1
        surname = (  # "Secretary Raimondo", "Sec. Raimondo"
            j - k == 1
            and k == i + 1
            and _cap(tok)
            and _name_like(doc[k])
            and doc[k].is_alpha
            and doc[k].lower_ not in HEADLINE_VERBS
        )
        is_name = j - k >= 2 or doc[k].ent_type_ == "PERSON" or surname if k < j else False
        if k < j and doc[k].lower_ not in CONNECTORS and doc[k].text not in _POSSESSIVE and is_name:
            start, markers, possessive = _title_start(doc, i)
            markers += [t.lower_ for t in doc[start:k] if t.lower_ in ROLE_MARKERS]
            title_end = k - 1 if comma else k
            heads = [t for t in doc[i:title_end] if _is_head(t)]
            plural = bool(heads) and book.is_plural(heads[-1].text)
            names = [(k, j), *(_listed_names(doc, j) if plural else [])]
            for s, e in names:
                found.append(
                    TitledName(start, s, e, tuple(dict.fromkeys(markers)), possessive, title_end, plural)
                )
            j = max(j, names[-1][1])
        i = max(j, i + 1)
    return found
