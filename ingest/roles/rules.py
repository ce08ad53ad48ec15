"""Titles that stand apart from the name: before it, "the new director of Y, X", "Y's chief executive,
X"; or in the next sentence, "X is ... . The new director of Y has revealed ..." (the person in focus)."""

from __future__ import annotations

from spacy.tokens import Doc

from graph.model import ActorType
from ingest.context import DocContext
from ingest.lexicon import ROLE_MARKERS, TITLE_HEADS
from ingest.names.resolve import Ref
from ingest.roles.base import APPOSITION_STOP, Roles, clean_title, has_title
from ingest.roles.indirect import indirect_org
from ingest.roles.orgs import org_refs


def before_name(doc: Doc, ctx: DocContext, r: Ref, out: Roles) -> None:
    """ "the new director of Y, X"."""
    if r.start < 3 or doc[r.start - 1].text != ",":
        return
    end = r.start - 1
    start = end
    while (
        start > 0
        and end - start < 12
        and doc[start - 1].text not in APPOSITION_STOP
        and not doc[start - 1].is_sent_end
        and "\n" not in doc[start - 1].text  # a headline the parser ran into the sentence
    ):
        start -= 1
    orgs = org_refs(ctx, start, end)
    span = doc[start:end]
    if not len(span):
        return
    if span[0].lower_ in ("its", "the") and indirect_org(ctx, doc, start, end) is not None:
        indirect = indirect_org(
            ctx, doc, start, end
        )  # "Its executive director, X"; "The group's president, X"
        title, markers = clean_title(doc[indirect[1] if indirect else start + 1 : end])
        if indirect is not None and title:
            out.add(r.key, indirect[0], title, markers, (start, r.end), 0.7, "before-name.indirect")
        return
    poss = [t.i for t in span if t.text in ("'s", "’s", "'", "’")]
    if poss and has_title(doc[poss[-1] + 1 : end]):  # "Y's chief executive, X"
        owner = [r for r in orgs if r.end == poss[-1]]
        o = poss[-1]
        while o > start and doc[o - 1].pos_ == "PROPN":
            o -= 1
        key = (
            owner[-1].key
            if owner
            else (
                ctx.resolver.add_actor(doc[o : poss[-1]].text, ActorType.ORGANISATION)
                if o < poss[-1]
                else None
            )
        )
        title, markers = clean_title(doc[poss[-1] + 1 : end])
        if key and title:
            out.add(r.key, key, title, markers, (o, r.end), 0.75, "before-name.possessive")
        return
    if not orgs or orgs[-1].end != end or not has_title(doc[start : orgs[-1].start]):
        return
    if span[0].lower_ not in ("the", "a", "an", *ROLE_MARKERS) and not span[0].text[:1].isupper():
        # "... said the new director of Y, X" still works: find the determiner
        dets = [t.i for t in span if t.lower_ in ("the", "a", "an")]
        if not dets:
            return
        start = dets[0]
    title, markers = clean_title(doc[start : orgs[-1].start])
    if title:
        out.add(r.key, orgs[-1].key, title, markers, (start, r.end), 0.8, "before-name")


def definite_subject(doc: Doc, ctx: DocContext, out: Roles) -> None:
    """ "X is ... . The new director of Y has revealed ..." binds to X, the person in focus."""
    for tok in doc:
        if tok.lower_ not in TITLE_HEADS or tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        det = [c for c in tok.children if c.dep_ == "det" and c.lower_ == "the"]
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "at")]
        if not det or not preps or tok.right_edge.i + 1 >= len(doc) or doc[tok.right_edge.i + 1].text == ",":
            continue
        orgs = org_refs(ctx, preps[0].i, tok.right_edge.i + 1)
        sent = tok.sent
        if not orgs or sent.start == 0:
            continue
        prev = doc[sent.start - 1].sent
        persons = [r for r in ctx.resolver.refs_between(prev.start, prev.end) if r.type is ActorType.PERSON]
        subjects = [r for r in persons if r.subject]
        if not subjects:
            continue
        title, markers = clean_title(doc[det[0].i : orgs[0].start])
        out.add(
            subjects[-1].key, orgs[0].key, title, markers, (det[0].i, orgs[0].end), 0.6, "definite-subject"
        )
