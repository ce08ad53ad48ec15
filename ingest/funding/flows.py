"""Which policy or funder puts how much money into which sector or recipient.

Money is tied to a target by "for / into / to / in" after it, or by the subject of
"receive"; to a source by "as part of / under / through / from X", a possessor or
premodifier ("NSF's $150 million investment"), or the subject of a funding verb. A
sentence that names no source inherits the previous funding fact's source.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from graph.model import ActorType, Funding
from ingest.context import DocContext
from ingest.funding.judgements import a_price, free_funder, headline_restated
from ingest.funding.money import parse_money
from ingest.funding.phrases import ARTICLES, STOP, anchors, is_time, noun_phrase, paragraph_of, period
from ingest.funding.source import FUNDING_NOUNS as _FUNDING_NOUNS
from ingest.funding.source import RECEIVE_VERBS as _RECEIVE_VERBS
from ingest.funding.source import SOURCE_TYPES as _SOURCE_TYPES
from ingest.funding.source import SourceFinder, funding_verb, recipient_subject
from ingest.names.resolve import Ref

EXTRACTOR = "funding.rules"
_TARGET_PREPS = {"for", "into", "to", "in", "toward", "towards"}
_SECTOR_HEADS = {
    "sector",
    "industry",
    "industries",
    "manufacturing",
    "research",
    "technology",
    "technologies",
    "development",
}
_PURPOSE_VERBS = {
    "support", "fund", "finance", "subsidise", "subsidize", "back", "help", "bankroll",
    "boost", "accelerate", "advance", "strengthen",
}  # fmt: skip
_CARRY_SENTENCES = 8


class _Finder:
    def __init__(self, doc: Doc, ctx: DocContext) -> None:
        self.doc, self.ctx, self.res = doc, ctx, ctx.resolver
        self.sources = SourceFinder(doc, ctx.resolver)

    def refs(self, start: int, end: int, types: tuple[ActorType, ...] = _SOURCE_TYPES) -> list[Ref]:
        return [r for r in self.res.refs_between(start, end) if r.type in types]

    def target(self, money: Span, sent: Span) -> tuple[str, Span] | None:
        doc = self.doc
        verb = money.root.head
        subj = recipient_subject(money)
        named = self.res.ref_at(subj.i) if subj is not None else None
        if named is not None and named.type in _SOURCE_TYPES:
            return named.key, doc[named.start : named.end]
        if subj is not None:
            np = noun_phrase(doc, subj.left_edge.i, subj.right_edge.i + 1)
            if np is not None:
                return self._target_actor(np), np
        heads = anchors(money)
        via = {  # "invest $X from the Y Programme in Z": the "in" hangs from Y in the parse
            c.i
            for h in heads
            for p in doc[h].children
            if p.dep_ == "prep" and p.lower_ in ("from", "under", "through")
            for c in p.children
            if c.dep_ == "pobj"
        }
        for child in verb.children if verb.pos_ == "VERB" else ():
            if child.dep_ == "dative" or (
                child.dep_ == "dobj"
                and child.i not in range(money.start, money.end)
                and child.pos_ == "PROPN"
            ):
                np = noun_phrase(doc, child.left_edge.i, child.i + 1)
                if np is not None:
                    return self._target_actor(np), np
        for tok in doc[money.end : sent.end]:
            if tok.text in STOP or (tok.is_space and "\n" in tok.text):
                break
            spend_on = tok.lower_ == "on" and funding_verb(money).lemma_ in ("spend", "invest")
            if (tok.lower_ not in _TARGET_PREPS and not spend_on) or tok.i + 1 >= sent.end:
                continue
            nxt = doc[tok.i + 1]
            if tok.lower_ == "to" and nxt.lemma_ in _PURPOSE_VERBS and _governs(nxt, money):
                objs = [c for c in nxt.children if c.dep_ == "dobj"]  # "to support research in X"
                np = doc[objs[0].left_edge.i : _complement_end(objs[0])] if objs else None
                if np is not None:
                    return self._target_actor(np), np
                continue
            if tok.head.i not in heads and not (tok.lower_ in ("in", "into") and tok.head.i in via):
                continue
            if (
                nxt.pos_ in ("VERB", "AUX")
                or nxt.ent_type_ == "MONEY"
                or is_time(nxt)
                or (tok.i + 2 < sent.end and is_time(doc[tok.i + 2]) and nxt.like_num)
            ):
                continue
            np = noun_phrase(doc, tok.i + 1, sent.end)
            if np is not None and np.root.lower_ in _FUNDING_NOUNS:
                heads.add(np.root.i)  # "$X in grants for Y": Y hangs from the grants
                continue
            if np is None or is_time(np.root):
                continue
            return self._target_actor(np), np
        return None

    def _target_actor(self, np: Span) -> str:
        words = [t for t in np if t.lower_ not in ARTICLES]
        if not words:
            return self.res.add_actor(np.text, ActorType.ORGANISATION)
        phrase = self.doc[words[0].i : words[-1].i + 1]
        refs = self.refs(phrase.start, phrase.end, (*_SOURCE_TYPES, ActorType.SECTOR))
        quantified = phrase[0].lower_ in ("each", "every", "these", "those", "all") or any(
            t.like_num for t in phrase
        )
        if refs and not quantified:
            exact = [
                r
                for r in refs
                if r.start == phrase.start
                and r.end >= phrase.end - 1
                and (
                    r.type is not ActorType.SECTOR
                    or r.end >= phrase.end
                    or phrase[-1].lower_ in _SECTOR_HEADS
                )
            ]
            last = phrase[-1]  # "AI factories" are factories; "AI research" is the sector
            sectors = [
                r
                for r in refs
                if r.type is ActorType.SECTOR and (r.start <= last.i < r.end or last.lower_ in _SECTOR_HEADS)
            ]
            if exact:
                return exact[0].key
            if sectors:
                return sectors[0].key
        type_ = ActorType.SECTOR if phrase.root.lower_ in _SECTOR_HEADS else ActorType.ORGANISATION
        return self.res.add_actor(phrase.text, type_)

    def source(self, money: Span, sent: Span) -> Ref | None:
        return self.sources.source(money, sent)


def _governs(verb: Token, money: Span) -> bool:
    """The purpose verb hangs from the amount or from one of its ancestors."""
    node = money.root
    for _ in range(12):
        if verb.head.i == node.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _complement_end(noun: Token) -> int:
    """End of "research in quantum sensing": the noun plus an "in/on/for" complement."""
    preps = [
        c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "on", "for") and c.i > noun.i
    ]
    return preps[0].right_edge.i + 1 if preps else noun.i + 1


def _names_its_own_funder(money: Span) -> bool:
    """ "The ministry will invest $X": a subject we cannot resolve, so no source is inherited."""
    verb = funding_verb(money)
    if verb.pos_ != "VERB" or verb.lemma_ in _RECEIVE_VERBS:
        return False
    return any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") and not is_time(c) for c in verb.children)


_FUNDS_FORMS = {
    "funds",
    "finances",
    "supports",
    "subsidises",
    "subsidizes",
    "bankrolls",
    "funded",
    "financed",
}


def _sized_funder(f: _Finder, money: Span, sent: Span) -> tuple[Ref, tuple[str, Span]] | None:
    """ "The $52.7 billion X Act funds Y": the amount sizes the funder named right after it,
    whatever the parse makes of the verb."""
    doc = f.doc
    after = f.refs(money.end, min(sent.end, money.end + 10))
    if not after or after[0].start != money.end:
        return None
    verb = after[0].end
    if verb >= sent.end or doc[verb].lower_ not in _FUNDS_FORMS:
        return None
    np = noun_phrase(doc, verb + 1, sent.end)
    return (after[0], (f._target_actor(np), np)) if np is not None else None


def extract_funding(doc: Doc, ctx: DocContext) -> list[Funding]:
    """Every (source, target, amount) money flow in `doc`."""
    f = _Finder(doc, ctx)
    res = ctx.resolver
    facts: list[Funding] = []
    stated: set[tuple[str, float]] = set()
    headline_target: tuple[float, tuple[str, Span] | None] = (0.0, None)
    last_source: Ref | None = None
    last_sent = -10
    moneys = [e for e in doc.ents if e.label_ == "MONEY"]
    for n, money in enumerate(moneys):
        parsed = parse_money(money.text)
        sent = paragraph_of(doc, money, money.sent)
        if parsed is not None and headline_restated(money, sent, parsed.value, moneys[n + 1 :]):
            src = f.source(money, sent)  # the headline's funder is the one the body goes on with
            if src is not None:
                last_source, last_sent = src, ctx.sentence_index(money.start_char)
            headline_target = (parsed.value, f.target(money, sent))  # and its purpose, if the body omits it
            continue
        sent_index = ctx.sentence_index(money.start_char)
        if parsed is None:
            continue
        src = f.source(money, sent)
        found = f.target(money, sent)
        if found is None and headline_target[1] is not None and abs(headline_target[0] - parsed.value) < 1:
            found = headline_target[1]
        sized = _sized_funder(f, money, sent) if found is None else None
        if sized is not None:
            src, found = sized
        if found is None and money.root.head.lower_ == "of" and src is not None:
            policies = [r for r in f.refs(sent.start, sent.end, (ActorType.POLICY,)) if r.key != src.key]
            if policies:
                found = (policies[0].key, doc[policies[0].start : policies[0].end])
        confidence = 0.8
        if src is None and _names_its_own_funder(money):
            continue
        if src is None and a_price(money):
            continue  # "building a $17 billion plant": what it costs, not who pays
        if src is None and last_source is not None and sent_index - last_sent <= _CARRY_SENTENCES:
            src, confidence = last_source, 0.6
        if src is None and found is not None and recipient_subject(money) is None:
            nearby = [
                r for r in f.refs(sent.start, sent.end) if r.key != found[0] and free_funder(doc, r, money)
            ]
            if nearby:
                src, confidence = min(nearby, key=lambda r: abs(r.start - money.start)), 0.5
        if src is None or found is None or found[0] == src.key or (src.key, parsed.value) in stated:
            continue  # "Total funding of $X" restates an amount this funder already gave
        stated.add((src.key, parsed.value))
        target_key, target_span = found
        start = min(money.start, src.start, target_span.start)
        end = max(money.end, src.end, target_span.end)
        facts.append(
            Funding(
                source=res.actor(src.key),
                target=res.actor(target_key),
                amount=money.text,
                amount_value=parsed.value,
                currency=parsed.currency,
                period=period(doc, money, sent),
                evidence=ctx.evidence(
                    doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), EXTRACTOR, confidence
                ),
            )
        )
        last_source, last_sent = src, sent_index
    return facts
