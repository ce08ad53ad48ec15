"""Who pays: the source of a money flow, found only where the grammar ties it to the amount.

A "by / from / under / through / as part of X" phrase counts only when it hangs from the
amount, its funding noun or its funding verb ("equipment made by X" belongs to "made"). Then
a possessor or premodifier ("NSF's $150 million investment"), then the subject of the funding
verb, climbing through "voted to allocate"; a passive award verb's subject is the recipient.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from graph.model import ActorType
from ingest.funding.phrases import ARTICLES, anchors, governing_verb, is_verb
from ingest.lexicon import ORG_NOUNS, POLICY_HEADS
from ingest.names.resolve import Ref, Resolver

SOURCE_PREPS = {"under", "through", "via", "from", "by"}
SOURCE_TYPES = (ActorType.ORGANISATION, ActorType.COUNTRY, ActorType.POLICY)
FUNDING_NOUNS = {
    "funding", "funds", "grants", "grant", "investment", "investments", "loans", "subsidies",
    "incentives", "awards", "financing", "support", "credits", "money", "spending", "aid",
}  # fmt: skip
RECEIVE_VERBS = {"receive", "get", "win", "secure", "obtain", "gain"}
# Verbs whose passive subject is the recipient: "X was awarded $Y (by Z)".
GIVE_VERBS = {"award", "grant", "give", "allocate", "provide", "offer", "promise", "allot"}
_SUBNATIONAL = {"state", "province", "city", "region", "county", "commonwealth"}
_NAMED_LABELS = ("ORG", "LAW", "LOC", "GPE", "FAC", "PRODUCT", "NORP")


def funding_verb(money: Span) -> Token:
    """The verb of the amount, climbing from "to allocate" to "voted" when it has no subject."""
    verb = governing_verb(money.root)
    for _ in range(3):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or verb.dep_ not in ("xcomp",):
            break
        verb = verb.head
    return verb


def recipient_subject(money: Span) -> Token | None:
    """The subject that receives: of "receive" or of a passive award verb."""
    verb = governing_verb(money.root)
    if verb.pos_ != "VERB":
        return None
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return None
    named = [c for c in subj[0].children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    who: Token | None = named[0] if named else subj[0]  # "Veridian's rival, Northgate Microsystems, received"
    if who is not None and who.pos_ == "PRON":
        who = _antecedent(verb, who)
    if who is None:
        return None
    if verb.lemma_ in RECEIVE_VERBS and subj[0].dep_ == "nsubj":
        return who
    if verb.lemma_ in GIVE_VERBS and subj[0].dep_ == "nsubjpass":
        return who
    return None


def _antecedent(verb: Token, pron: Token) -> Token | None:
    """ "X said it had secured $Y": X; "X, which was granted $Y": X (named antecedents only)."""
    if pron.lower_ in ("which", "that", "who") and verb.dep_ == "relcl" and verb.head.ent_type_ == "ORG":
        return verb.head
    if pron.lower_ in ("it", "they") and verb.dep_ == "ccomp":
        subj = [c for c in verb.head.children if c.dep_ == "nsubj" and c.ent_type_ == "ORG"]
        return subj[0] if subj else None
    return None


def attached(money: Span) -> set[int]:
    """Tokens a source phrase may hang from: the amount's anchors and its funding nouns."""
    heads = anchors(money) | {funding_verb(money).i}
    heads |= {t.i for t in money.root.subtree if t.lower_ in FUNDING_NOUNS}
    return heads


class SourceFinder:
    def __init__(self, doc: Doc, res: Resolver) -> None:
        self.doc, self.res = doc, res

    def refs(self, start: int, end: int, types: tuple[ActorType, ...] = SOURCE_TYPES) -> list[Ref]:
        return [r for r in self.res.refs_between(start, end) if r.type in types]

    def source(self, money: Span, sent: Span) -> Ref | None:
        return self._prep(money, sent) or self._owner(money) or self._subject(money, sent)

    def _prep(self, money: Span, sent: Span) -> Ref | None:
        doc, heads = self.doc, attached(money)
        for tok in sent:
            low = tok.lower_
            part_of = low == "of" and tok.i >= 2 and doc[tok.i - 1].lower_ == "part"
            if not (low in SOURCE_PREPS or part_of) or tok.i in range(money.start, money.end):
                continue
            up = tok.head.head if part_of and tok.head.dep_ == "pobj" else tok.head
            if up.i not in heads and not (part_of and up.head.i in heads):
                continue
            after = self.refs(tok.i + 1, min(sent.end, tok.i + 12))
            if after and all(not t.is_alpha or t.lower_ in ARTICLES for t in doc[tok.i + 1 : after[0].start]):
                return after[0]
            named = self._unknown_name(tok, sent)
            if named is not None:
                return named
        return None

    def _unknown_name(self, prep: Token, sent: Span) -> Ref | None:
        """ "from Horizon Europe": a proper name the resolver did not keep, right after the preposition."""
        objs = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
        if not objs or objs[0].ent_type_ not in _NAMED_LABELS:
            return None
        ent = next((e for e in self.doc.ents if e.start <= objs[0].i < e.end), None)
        if ent is None or ent.start > prep.i + 2 or ent.label_ in ("PERSON", "NORP"):
            return None
        type_ = ActorType.POLICY if ent[-1].lower_ in POLICY_HEADS else ActorType.ORGANISATION
        words = [t for t in ent if t.lower_ not in ARTICLES]
        if not words:
            return None
        key = self.res.add_actor(self.doc[words[0].i : words[-1].i + 1].text, type_)
        return Ref(start=words[0].i, end=words[-1].i + 1, key=key, type=type_)

    def _owner(self, money: Span) -> Ref | None:
        head = money.root.head
        if money.root.dep_ == "pobj" and head.lower_ == "of":
            head = head.head
        nominal = head.pos_ in ("NOUN", "PROPN") or (head.pos_ == "VERB" and not is_verb(head))
        if nominal and head.i not in range(money.start, money.end):
            owners = [
                r
                for r in self.refs(head.left_edge.i, head.i + 1)
                if r.end <= money.start or r.start >= money.end
            ]
            if owners:
                return owners[0]
        of = [p for p in money.root.children if p.lower_ == "of"]  # "£X of government funding"
        nouns = [head, *(c for p in of for c in p.children if c.dep_ == "pobj")]
        for noun in nouns:
            public = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.lower_ == "government"]
            if public and noun.lower_ in FUNDING_NOUNS:
                return self._government(public[0])
        return None

    def _subject(self, money: Span, sent: Span) -> Ref | None:
        verb = funding_verb(money)
        if verb.pos_ != "VERB" or verb.lemma_ in RECEIVE_VERBS:
            return None
        for subj in (c for c in verb.children if c.dep_ == "nsubj" and sent.start <= c.i < sent.end):
            owners = self.refs(max(sent.start, subj.left_edge.i), min(sent.end, subj.right_edge.i + 1))
            if owners:
                return owners[-1]
            if subj.lower_ in _SUBNATIONAL:
                return self._subnational(subj)
            if subj.ent_type_ == "GPE" and subj.pos_ == "PROPN":  # "Texas will provide": a state government
                ent = next(e for e in self.doc.ents if e.start <= subj.i < e.end)
                key = self.res.add_actor(ent.text, ActorType.ORGANISATION)
                return Ref(start=ent.start, end=ent.end, key=key, type=ActorType.ORGANISATION)
            if subj.lower_ == "government" and any(c.lower_ == "the" for c in subj.children):
                return self._government(subj)
            if subj.lower_ in ORG_NOUNS and any(c.lower_ == "the" for c in subj.children):
                return self.definite(subj)
        return None

    def definite(self, noun: Token) -> Ref | None:
        """ "the ministry": the latest organisation named with that word."""
        for r in reversed(self.refs(0, noun.i, (ActorType.ORGANISATION,))):
            if noun.lower_ in self.res.actor(r.key).name.lower():
                return r
        return None

    def _subnational(self, noun: Token) -> Ref | None:
        """ "The state of Ohio will provide": the state government, named "State of Ohio"."""
        for prep in (c for c in noun.children if c.lower_ == "of"):
            objs = [c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ == "GPE"]
            if objs:
                name = f"{noun.text.capitalize()} of {self.doc[objs[0].left_edge.i : objs[0].i + 1].text}"
                key = self.res.add_actor(name, ActorType.ORGANISATION)
                return Ref(start=noun.i, end=objs[0].i + 1, key=key, type=ActorType.ORGANISATION)
        return None

    def _government(self, noun: Token) -> Ref | None:
        """ "The government will provide": the government of the country the text names most."""
        counts: dict[str, int] = {}
        for r in self.res.refs:
            if r.type is ActorType.COUNTRY:
                counts[r.key] = counts.get(r.key, 0) + 1
        if not counts:
            return None
        entry = self.res.gazetteer.get(max(counts, key=lambda k: counts[k]))
        if entry is None:
            return None
        short = entry.acronyms[0] if entry.acronyms else entry.name
        key = self.res.add_actor(f"{short} government", ActorType.ORGANISATION)
        return Ref(start=noun.i, end=noun.i + 1, key=key, type=ActorType.ORGANISATION)
