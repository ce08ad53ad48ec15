"""Who a cue names: "said X and Y", "X said", "he wrote", "they wrote", "the agency said"."""

from __future__ import annotations

from spacy.tokens import Token

from graph.model import ActorType
from ingest.context import DocContext
from ingest.lexicon import ORG_NOUNS, TITLE_HEADS
from ingest.names.resolve import possessive
from ingest.names.titlebook import load_titles

SPEAKER_TYPES = (ActorType.PERSON, ActorType.ORGANISATION, ActorType.COUNTRY)
SUBJECT_DEPS = ("nsubj", "nsubjpass")


def speakers_after(ctx: DocContext, start: int, end: int) -> list[str]:
    """ "said Under Secretary X", "according to X and Y": the first named actor, plus "and" others."""
    doc, res = ctx.doc, ctx.resolver
    if start < end and doc[start].pos_ == "PRON":
        key = res.pronoun(start)
        return [key] if key else []
    refs = [r for r in res.refs_between(start, end) if r.type in SPEAKER_TYPES]
    persons = [r for r in refs if r.type is ActorType.PERSON]
    if not refs:
        words = [t for t in doc[start:end] if t.is_alpha]
        if len(words) >= 2 and words[0].lower_ in ("the", "both") and load_titles().is_plural(words[1].text):
            return plural_group(ctx, words[1])  # "said the Senators": the senators named together
        return []
    if not persons or (refs[0].type is not ActorType.PERSON and refs[0].start < persons[0].start - 12):
        return [refs[0].key]
    out = [persons[0]]
    for r in persons[1:]:
        if any(t.lower_ == "and" for t in doc[out[-1].end : r.start]):
            out.append(r)
    return list(dict.fromkeys(r.key for r in out))


def definite_org(ctx: DocContext, noun: Token) -> list[str]:
    """ "the committee said": the latest organisation named with that word (outside anyone's
    quotation), else the body issuing the text, else the latest organisation."""
    res = ctx.resolver
    orgs = [
        r
        for r in res.refs_between(0, noun.i)
        if r.type is ActorType.ORGANISATION and r.start not in ctx.quoted
    ]
    for r in reversed(orgs):
        if noun.lower_ in res.actor(r.key).name.lower():
            return [r.key]
    issuing = ctx.issuing_body()
    if issuing is not None:
        return [issuing]
    return [orgs[-1].key] if orgs else []


def speakers_before(ctx: DocContext, start: int, cue: int, last: list[str]) -> list[str]:
    """ "X and Y said", "he wrote", "they wrote", "the agency said"."""
    doc, res = ctx.doc, ctx.resolver
    refs = [r for r in res.refs_between(start, cue) if r.type in SPEAKER_TYPES]
    persons = [r for r in refs if r.type is ActorType.PERSON and not possessive(doc, r)]
    if persons:
        return list(dict.fromkeys(r.key for r in persons))
    for tok in reversed(doc[start:cue]):
        low = tok.lower_
        if tok.pos_ == "PRON" and tok.dep_ not in SUBJECT_DEPS:
            continue
        if low in ("he", "she"):
            key = res.pronoun(tok.i)
            return [key] if key else []
        if low in ("they", "we"):
            return last if len(last) > 1 else plural_group(ctx, tok)
        if low == "it":
            return latest_org(ctx, tok.i)
        if low in ORG_NOUNS and tok.i > start and doc[tok.i - 1].lower_ in ("the", "this"):
            return definite_org(ctx, tok)
        if low in TITLE_HEADS and tok.i > start and doc[tok.i - 1].lower_ in ("the", "this"):
            return titled_person(ctx, tok)
        if load_titles().is_plural(tok.text) and tok.i > start and doc[tok.i - 1].lower_ in ("the", "both"):
            return plural_group(ctx, tok)  # "the Senators said"
    orgs = [r for r in refs if not possessive(doc, r)]
    return [orgs[-1].key] if orgs else []


def titled_person(ctx: DocContext, noun: Token) -> list[str]:
    """ "the minister said": the latest person named next to that title word."""
    doc = ctx.doc
    persons = [r for r in ctx.resolver.refs_between(0, noun.i) if r.type is ActorType.PERSON]
    for r in reversed(persons):
        near = doc[max(0, r.start - 6) : min(len(doc), r.end + 6)]
        if any(t.lower_ == noun.lower_ and t.i != noun.i for t in near):
            return [r.key]
    return []


def latest_org(ctx: DocContext, before: int) -> list[str]:
    orgs = [r for r in ctx.resolver.refs_between(0, before) if r.type is ActorType.ORGANISATION]
    return [orgs[-1].key] if orgs else []


def plural_group(ctx: DocContext, tok: Token) -> list[str]:
    """ "they": the persons named together in the nearest earlier sentence naming two or more."""
    sent = tok.sent
    for _ in range(3):
        persons = [
            r.key
            for r in ctx.resolver.refs_between(sent.start, min(sent.end, tok.i))
            if r.type is ActorType.PERSON
        ]
        if len(set(persons)) > 1:
            return list(dict.fromkeys(persons))
        if sent.start == 0:
            break
        sent = ctx.doc[sent.start - 1].sent
    return []
