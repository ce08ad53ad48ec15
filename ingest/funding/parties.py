"""The two parties of a flow as phrases of the text: a named actor where the text names one ("the
University of Cincinnati"), else the noun phrase that describes it ("28 Tribal entities", "rural
residents, farmers, and business owners"), and the grammar around an amount that both sides share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from graph.model import ActorType
from ingest.context import DocContext
from ingest.funding.amounts import Amount
from ingest.funding.vocabulary import vocabulary
from ingest.names.resolve import Ref

SOURCE_TYPES = (ActorType.ORGANISATION, ActorType.COUNTRY, ActorType.POLICY)
TARGET_TYPES = (ActorType.ORGANISATION, ActorType.COUNTRY, ActorType.POLICY, ActorType.SECTOR)
_ARTICLES = {"the", "a", "an", "its", "their", "his", "her", "our", "these", "those", "this", "each", "all"}
_STOP = {",", ";", ".", ":", "!", "?", "(", ")", "–", "—", '"', "“", "”"}
_SECTOR_HEADS = {
    "sector",
    "industry",
    "industries",
    "research",
    "technology",
    "technologies",
    "manufacturing",
}
_SENTENCE_END = re.compile(r"[A-Za-z]*\d[A-Za-z\d]*\.")  # "5G.", "2025." (not "U.S.")
_PLACE_NOUNS = {"city", "county", "town", "village", "borough", "municipality", "state", "province", "region",
                "district", "parish", "township", "commonwealth"}  # fmt: skip
_QUOTES = {"“", "”", '"', "‘", "’", "'", "«", "»", "„", "‹", "›"}
_CARRY = {"totaling", "totalling", "worth", "valued", "amounting", "bringing", "making", "including"}


@dataclass(frozen=True)
class Party:
    """One side of a flow: the actor's key, the tokens that name it, and the rule that found it."""

    key: str
    start: int
    end: int
    how: str


def refs(ctx: DocContext, start: int, end: int, types: tuple[ActorType, ...]) -> list[Ref]:
    return [r for r in ctx.resolver.refs_between(start, end) if r.type in types]


def gives(tok: Token) -> bool:
    """A verb of giving, whatever the tagger made of it ("the Act funds X": "funds" read as a noun)."""
    vocab = vocabulary().give_verbs
    if tok.lemma_ == "set":  # "set aside 3.9 trillion yen"
        return any(c.lower_ == "aside" for c in tok.children)
    return tok.lemma_ in vocab or (tok.lower_.endswith("s") and tok.lower_[:-1] in vocab)


def definite_funding(tok: Token) -> bool:
    """ "The aid", "these grants", "the funding": a flow the text has already named."""
    return tok.lower_ in vocabulary().funding_nouns and any(
        c.dep_ == "det" and c.lower_ in ("the", "these", "this", "those") for c in tok.children
    )


def clause_verb(tok: Token) -> Token:
    """The verb an amount belongs to, climbing through "totaling", "worth" and the nouns between."""
    funding = vocabulary().funding_nouns
    node = tok
    for _ in range(12):
        if (
            node.pos_ in ("VERB", "AUX")
            and node.dep_ not in ("amod", "compound")
            and node.lower_ not in _CARRY
            and node.lower_ not in funding  # "selected for funding worth $X": "funding" is no verb
        ):
            return node
        if node.head.i == node.i:
            return node
        node = node.head
    return node


_LEFT_SKIP = {"a", "an", "the", "total", "of", "additional", "further", "another", "some", "nearly", "up"}


def amount_verb(doc: Doc, amount: Amount) -> Token:
    """The verb of an amount: the one written just before it ("will award $40 million") when there is
    one, which survives a parse that hangs the amount elsewhere; else `clause_verb`."""
    i = amount.start - 1
    while i >= 0 and amount.start - i <= 4 and (doc[i].lower_ in _LEFT_SKIP or doc[i].pos_ == "ADV"):
        i -= 1
    if i >= 0 and doc[i].pos_ == "VERB" and doc[i].dep_ not in ("amod", "compound") and doc[i].lemma_ != "be":
        return doc[i]
    root = doc[amount.start : amount.end].root
    if root.pos_ in ("VERB", "AUX") and root.head.i != root.i:
        root = root.head  # "26 trillion won": the currency read as a verb
    own = [
        c
        for c in root.children
        if c.dep_ in ("relcl", "acl")
        and c.pos_ == "VERB"
        and c.i >= amount.end
        and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)  # "to support": a purpose
    ]
    if own and gives(own[0]):  # "$120 million that was pumped into X", "$X awarded to Y"
        return own[0]
    return clause_verb(root)


def _line_between(a: Token, b: Token) -> bool:
    """A line break lies between two tokens: the parser ran a headline into the next sentence."""
    lo, hi = sorted((a.i, b.i))
    return any(t.is_space and "\n" in t.text for t in a.doc[lo:hi])


def subject_of(verb: Token) -> Token | None:
    """The subject of `verb`, or of the verb it is coordinated with or complements."""
    for _ in range(3):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subj:
            return subj[0] if not _line_between(verb, subj[0]) else None
        if (
            verb.dep_ in ("conj", "xcomp", "advcl")
            and verb.head.i != verb.i
            and not _line_between(verb, verb.head)
        ):
            verb = verb.head
        else:
            return None
    return None


_DASHES = {"-", "–", "—", "--"}
_NOT_PLACES = {"ORG", "PERSON", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "MONEY"}


def dateline_end(doc: Doc, start: int) -> int:
    """After a news dateline opening the paragraph at `start` ("WASHINGTON –", "BOSTON (Reuters) -",
    "SAN FRANCISCO, Dec 3 (Reuters) —"); `start` when there is none. A dateline is never a party."""
    if start >= len(doc) or not (doc[start].is_alpha and doc[start].is_upper and len(doc[start]) > 1):
        return start
    depth = 0
    for k in range(start, min(len(doc), start + 14)):
        t = doc[k]
        if depth == 0 and t.text in _DASHES and k > start:
            after = doc[k + 1] if k + 1 < len(doc) else None
            money = after is not None and (after.ent_type_ == "MONEY" or after.like_num or after.is_currency)
            return start if money else k + 1  # "NDSU – $890,800 ...": a list item's label
        if depth == 0 and not _place_word(t):
            return start
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth -= 1
        elif "\n" in t.text or (depth == 0 and t.is_alpha and t.is_lower):
            return start  # a line or a sentence, not a dateline
    return start


def _place_word(tok: Token) -> bool:
    """A dateline names a place, never a body: "NDSU – $890,800 for ..." is a list item's label."""
    return tok.ent_type_ not in _NOT_PLACES


def paragraph_start(doc: Doc, i: int) -> int:
    """First token of the paragraph (line) holding token `i`, after its dateline if it has one."""
    while i > 0 and not (doc[i - 1].is_space and "\n" in doc[i - 1].text):
        i -= 1
    return dateline_end(doc, i)


def line_subject_start(verb: Token) -> int | None:
    """Where the subject of `verb` starts when the parser ran a headline into its sentence and lost
    it: the line's first noun phrase, before the verb ("[Seven major projects] ... have received")."""
    doc = verb.doc
    start = max(paragraph_start(doc, verb.i), verb.sent.start)
    subj = subject_of(verb)
    if subj is not None and subj.i >= start:
        return None
    if start >= verb.i or doc[start].pos_ in ("VERB", "AUX", "ADP", "SCONJ", "PRON"):
        return None
    return start


def _skip_start(doc: Doc, i: int, end: int) -> int:
    """Past articles, quote marks and counting words: "the", "a share of", "thousands of"."""
    vocab = vocabulary()
    while i < end:
        low = doc[i].lower_
        if low in _ARTICLES or low in _QUOTES or doc[i].is_space:
            i += 1
        elif low in vocab.quantity_words and i + 1 < end and doc[i + 1].lower_ == "of":
            i += 2
        elif (
            i + 3 < end
            and doc[i + 1].text in ("'s", "’s")
            and doc[i + 2].lower_ in vocab.quantity_words
            and doc[i + 3].lower_ == "of"
        ):
            i += 4  # "Europe's network of AI factories"
        elif doc[i].like_num and i + 1 < end and doc[i + 1].lower_ == "of":
            i += 2  # "19 of them"
        else:
            break
    return i


def _modifier_verb(doc: Doc, j: int, end: int) -> bool:
    """ "the selected projects", "processing companies", "new and existing programs": a verb form
    used as an adjective before a noun."""
    tok = doc[j]
    if tok.pos_ != "VERB" or j + 1 >= end or doc[j + 1].pos_ == "ADP":
        return False
    return tok.dep_ in ("amod", "compound") or (
        tok.tag_ in ("VBG", "VBN") and doc[j + 1].pos_ in ("NOUN", "ADJ", "PROPN")
    )


def _np_end(doc: Doc, i: int, end: int) -> int:
    """End of a plain noun phrase from `i`: adjectives, nouns, numbers and their coordination."""
    j = i
    while j < end:
        tok = doc[j]
        if j > i and (tok.ent_type_ in ("DATE", "TIME", "MONEY") or tok.is_sent_start):
            break  # "quantum sensing [last year]", "... go to 5G. [Juniper Robotics]"
        if tok.text in ("-", "’s", "'s", "&") or tok.pos_ in ("ADJ", "NOUN", "PROPN", "NUM"):
            j += 1
            if _SENTENCE_END.fullmatch(tok.text):
                break  # "... will go to 5G. Juniper ...": a full stop the tokenizer left on the word
            continue
        if _modifier_verb(doc, j, end):
            j += 1
            continue
        closed = any(t.lower_ in ("and", "or") for t in doc[j : min(end, j + 8)])  # "A, B, and C"
        if (tok.text == "," and closed) or tok.lower_ in ("and", "or"):
            nxt = j + 1 + (j + 1 < end and doc[j + 1].lower_ in ("and", "or"))
            if (
                nxt < end
                and (doc[nxt].pos_ in ("ADJ", "NOUN", "PROPN", "NUM") or _modifier_verb(doc, nxt, end))
                and doc[nxt].ent_type_ != "DATE"
            ):
                j = nxt
                continue
        if tok.text == "(" and j + 2 < end and doc[j + 2].text == ")":
            j += 3  # "a Silicon Carbide ('SiC') wafer plant": an acronym in passing
            continue
        break
    while j > i and (doc[j - 1].text in (",", "-") or doc[j - 1].lower_ in ("and", "or")):
        j -= 1
    return j


def phrase_party(
    ctx: DocContext,
    i: int,
    end: int,
    how: str,
    types: tuple[ActorType, ...],
    owner: bool = False,
    complement: bool = False,
) -> Party | None:
    """The party named by the noun phrase starting at token `i` (before `end`); with `owner`, a name
    before a possessive stands for the phrase ("under [CHIPS NAPMP]'s first Notice"); with
    `complement`, an "in"/"on" phrase stays with its noun ("research in quantum sensing")."""
    doc, vocab = ctx.doc, vocabulary()
    first = i
    i = _skip_start(doc, i, end)
    # a name may start at the article or quote mark skipped ("the University of Leeds", "“Made in ...”")
    named = sorted(
        (r for r in refs(ctx, first, end, types) if first <= r.start <= i), key=lambda r: r.start - r.end
    )  # the longest name starting here: "the UK Research Partnership Investment Fund", not "UK"
    if named and named[0].type is ActorType.COUNTRY:  # "UK [Research Partnership Investment Fund]"
        rest = [r for r in refs(ctx, named[0].end, end, types) if r.start == named[0].end]
        named = rest or named
    if named and i < end and doc[i].pos_ in ("VERB", "AUX"):
        r = named[0]
        return Party(r.key, r.start, r.end, how)  # "Made in China 2025": a name that starts with a verb
    if i >= end:
        return None
    verb_start = doc[i].pos_ in ("VERB", "AUX") and not _modifier_verb(doc, i, end)
    if doc[i].text in _STOP or verb_start or doc[i].pos_ in ("PRON", "ADP", "SCONJ"):
        return None
    np_end = _np_end(doc, i, end)
    pp_end = np_end
    if complement and np_end + 1 < end and doc[np_end].lower_ in ("in", "on"):
        inner = _skip_start(doc, np_end + 1, end)
        after = _np_end(doc, inner, end)
        if after > inner:
            pp_end = after  # "research in quantum sensing", "research on the polar ice caps"
    if owner:  # "the CHIPS [NAPMP]'s first Notice": the body before the possessive
        owners = [r for r in refs(ctx, i, np_end, types) if _possessed(doc, r)]
        if owners:
            return Party(owners[-1].key, owners[-1].start, owners[-1].end, how)
    if named and _covers(doc, named[0], np_end, owner):
        r = named[0]
        return Party(r.key, r.start, r.end, how)
    if np_end <= i:
        return None
    head = doc[np_end - 1]
    last_word = doc[max(i, np_end - 3) : np_end].text.replace(" ", "").lower()
    light = head.lower_ in vocab.light_nouns or last_word.endswith(
        tuple(w for w in vocab.light_nouns if "-" in w)
    )
    if light and np_end + 1 < end and doc[np_end].lower_ == "of":
        return phrase_party(ctx, np_end + 1, end, how, types)  # "the construction of a plant"
    if (
        head.lower_ in _PLACE_NOUNS
        and np_end + 1 < end
        and doc[np_end].lower_ == "of"
        and doc[np_end + 1].text[:1].isupper()
    ):
        np_end = _np_end(doc, np_end + 1, end)  # "the city of Eagle Pass": the place is the name
        head = doc[np_end - 1]
    if np_end + 1 < end and doc[np_end].lower_ == "at":  # "research at the University of Southampton"
        at = [r for r in refs(ctx, np_end + 1, end, types) if r.start <= np_end + 2]
        if at:
            return Party(at[0].key, at[0].start, at[0].end, how)
    if head.lower_ in vocab.funding_nouns or head.ent_type_ in ("DATE", "TIME", "MONEY"):
        return None
    if pp_end > np_end and not refs(ctx, np_end, pp_end, SOURCE_TYPES):
        np_end = pp_end  # keep the "in X" phrase, unless it names a body (a recipient of its own)
    words = doc[i:np_end]
    text = " ".join(t.text for t in words if not (t.text == "(" or t.text == ")")).replace(" - ", "-")
    text = text.replace(" ’s", "’s").replace(" 's", "'s").replace(" ,", ",").rstrip(".")
    type_ = ActorType.SECTOR if head.lower_ in _SECTOR_HEADS else ActorType.ORGANISATION
    # "semiconductor manufacturing", "AI research": the sector itself; "AI factories" are factories
    sectors = [
        r
        for r in refs(ctx, i, np_end, (ActorType.SECTOR,))
        if r.start == i and (r.end >= np_end or (r.end == np_end - 1 and head.lower_ in _SECTOR_HEADS))
    ]
    if sectors and pp_end == np_end:
        return Party(sectors[0].key, i, np_end, how)
    return Party(ctx.resolver.add_actor(text, type_), i, np_end, how)


def _possessed(doc: Doc, r: Ref) -> bool:
    nxt = doc[r.end].text if r.end < len(doc) else ""
    return nxt in ("'s", "’s") or (nxt in ("'", "’") and doc[r.end - 1].text.endswith("s"))


def _covers(doc: Doc, r: Ref, np_end: int, owner: bool) -> bool:
    """A name that is the whole phrase: "NSF" in "NSF Engine" is not; "UKRI (UK Research ...)" or
    "CHIPS NAPMP's first Notice" (a body and what it owns) is."""
    if r.end >= np_end:
        return True
    nxt = doc[r.end].text if r.end < len(doc) else ""
    paren_last = nxt == "(" and r.end + 3 >= np_end  # "UK Research and Innovation (UKRI)"
    return paren_last or (owner and _possessed(doc, r))


def sizing_verb(ctx: DocContext, amount: Amount) -> tuple[Ref, Token] | None:
    """ "The $369 billion Inflation Reduction Act funds X": the funder named right after the amount, and
    its verb of giving (the tagger may read "funds" as a noun; a plural-looking form is taken)."""
    doc = ctx.doc
    after = refs(ctx, amount.end, min(len(doc), amount.end + 10), SOURCE_TYPES)
    if not after or after[0].start != amount.end or after[0].end >= len(doc):
        return None
    verb = doc[after[0].end]
    if not gives(verb) or not (verb.pos_ == "VERB" or verb.lower_.endswith("s")):
        return None
    return after[0], verb


def ref_party(r: Ref, how: str) -> Party:
    return Party(r.key, r.start, r.end, how)


def span_of(doc: Doc, party: Party) -> Span:
    return doc[party.start : party.end]
