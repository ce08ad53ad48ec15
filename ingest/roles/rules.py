"""Who holds which role where: titles before names, appositions, "who heads", copulas.

"Under Secretary of Commerce for Industry and Security Alan Estevez"; "X, of Y" (a bare
affiliation, empty title); "X, director of Y"; "the new director of Y, X"; "Y's chief
executive X"; "X, who heads Y"; "X is the director of Y". A subject "the new director of Y"
with no name beside it refers to the person in focus in the sentence before.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from graph.model import ActorType, Role
from ingest.context import DocContext
from ingest.lexicon import ORG_WORDS, ROLE_MARKERS, TITLE_HEADS, TITLE_MODIFIERS
from ingest.names.resolve import Ref
from ingest.names.titles import find_titled_names
from ingest.roles.base import APPOINTED, APPOSITION_STOP, Roles, clean_title, has_title, person_at
from ingest.roles.indirect import indirect_org, of_affiliation, title_then_org
from ingest.roles.orgs import (
    fitting_body,
    official_title,
    org_after_name,
    org_in_title,
    org_refs,
)

_HONORIFICS = {"mr", "mrs", "ms", "dr", "dr.", "prof", "prof.", "sir", "mr.", "mrs.", "ms."}
_AFFILIATION_PREPS = {"of", "at", "from", "with"}
_HEAD_VERBS = {
    "heads": "head",
    "leads": "head",
    "runs": "head",
    "chairs": "chair",
    "directs": "director",
    "headed": "head",
    "led": "head",
    "ran": "head",
    "chaired": "chair",
}
_COPULAS = {"is", "was", "became", "becomes", "remains", "serves", "served"}


def _from_titles(doc: Doc, ctx: DocContext, out: Roles) -> None:
    mentioned = {r.key for r in ctx.resolver.refs}
    for t in find_titled_names(doc):
        person = person_at(ctx, t.name_start)
        title_span = doc[t.title_start : t.name_start]
        if person is None or all(w.lower_ in _HONORIFICS for w in title_span):
            continue
        org = org_in_title(ctx, doc, t) or org_after_name(ctx, doc, t.name_end)
        confidence = 0.85
        if org is not None and org not in mentioned:  # a body this text names beats a default one
            org = fitting_body(ctx, title_span) or org
        if org is None:
            org, confidence = fitting_body(ctx, title_span), 0.6
        if org is None and official_title(title_span):
            org, confidence = ctx.issuing_body(), 0.5
        if org is None:
            continue
        title, markers = clean_title(_without_org_name(title_span, ctx.resolver.actor(org).name))
        start = t.possessor_end - 1 if t.possessor_end is not None else t.title_start
        out.add(person.key, org, title, [*t.markers, *markers], (max(0, start), t.name_end), confidence)


def _without_org_name(span: Span, org: str) -> Span:
    """ "Halden CFO" at Halden Robotics: the title is "CFO"."""
    names = set(org.lower().split())
    i = span.start
    while i < span.end - 1 and span.doc[i].lower_ in names and span.doc[i].lower_ not in ORG_WORDS:
        i += 1
    head = span.doc[i].lower_
    return span.doc[i : span.end] if head in TITLE_HEADS or head in TITLE_MODIFIERS else span


def _apposition_end(doc: Doc, start: int) -> int:
    end = start
    while end < len(doc) and end - start < 14 and doc[end].text not in APPOSITION_STOP:
        end += 1
    return end


def _after_name(doc: Doc, ctx: DocContext, r: Ref, out: Roles) -> None:
    """ "X, of Y" / "X, director of Y" / "X, Y's chief executive" / "X, who heads Y"."""
    if r.end + 1 >= len(doc) or doc[r.end].text != ",":
        return
    start = r.end + 1
    end = _apposition_end(doc, start)
    if end >= len(doc) or doc[end].text not in (",", ".", ";", ":", "(", "—", "–"):
        return
    app = doc[start:end]
    orgs = org_refs(ctx, start, end)
    indirect = indirect_org(ctx, doc, start, end) if app and app[0].lower_ in ("the", "its") else None
    if indirect is not None:
        title, markers = clean_title(doc[indirect[1] : end])
        if title:
            out.add(r.key, indirect[0], title, markers, (r.start, end), 0.7)
        return
    if not orgs and app and doc[end].text == "," and has_title(app):
        title_then_org(doc, ctx, r, start, end, out)
    if not orgs or not app:
        return
    org = orgs[-1] if not has_title(doc[orgs[0].end : end]) else orgs[0]
    first = app[0].lower_
    if first == "who" and len(app) > 1:
        verb = app[1].lower_
        org = orgs[0]  # "who leads AIRA at the University of X": the object of the verb
        if verb in _HEAD_VERBS and org.start in (start + 2, start + 3):
            out.add(r.key, org.key, _HEAD_VERBS[verb], [], (r.start, end), 0.8)
        elif verb in _COPULAS:
            _copula_role(doc, ctx, r, start + 2, end, out)
        return
    if any(t.pos_ in ("VERB", "AUX") for t in app if t.lower_ not in TITLE_HEADS):
        return
    if first in _AFFILIATION_PREPS and org.start <= start + 2 and org.end == end:
        out.add(r.key, org.key, "", [], (r.start, end), 0.8)
        return
    if has_title(app):
        title_span = doc[start : org.start] if org.start > start else doc[org.end : end]
        title, markers = clean_title(title_span)
        if title and any(w.lower() in TITLE_HEADS for w in title.replace("’s", "").split()):
            out.add(r.key, org.key, title, markers, (r.start, end), 0.8)


def _copula_role(doc: Doc, ctx: DocContext, r: Ref, start: int, end: int, out: Roles) -> None:
    """ "(X) is the new director of Y", "(X, who) was named director of Y" from token `start`."""
    orgs = org_refs(ctx, start, end)
    if not orgs:
        return
    span = doc[start : orgs[0].start]
    if has_title(span) and all(
        t.pos_ != "VERB" or t.lower_ in ROLE_MARKERS or t.lower_ in APPOINTED for t in span
    ):
        title, markers = clean_title(span)
        if title:
            out.add(r.key, orgs[0].key, title, markers, (r.start, orgs[0].end), 0.75)


def _before_name(doc: Doc, ctx: DocContext, r: Ref, out: Roles) -> None:
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
    if span[0].lower_ in ("its", "the") and indirect_org(ctx, doc, start, end) is not None:
        indirect = indirect_org(
            ctx, doc, start, end
        )  # "Its executive director, X"; "The group's president, X"
        title, markers = clean_title(doc[indirect[1] if indirect else start + 1 : end])
        if indirect is not None and title:
            out.add(r.key, indirect[0], title, markers, (start, r.end), 0.7)
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
            out.add(r.key, key, title, markers, (o, r.end), 0.75)
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
        out.add(r.key, orgs[-1].key, title, markers, (start, r.end), 0.8)


def _definite_subject(doc: Doc, ctx: DocContext, out: Roles) -> None:
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
        out.add(subjects[-1].key, orgs[0].key, title, markers, (det[0].i, orgs[0].end), 0.6)


def extract_roles(doc: Doc, ctx: DocContext) -> list[Role]:
    """Every person-role-organisation fact in `doc`, one per (person, organisation)."""
    out = Roles(ctx)
    _from_titles(doc, ctx, out)
    for r in ctx.resolver.refs:
        if r.type is not ActorType.PERSON or r.end - r.start < 1 or doc[r.start].pos_ == "PRON":
            continue
        _after_name(doc, ctx, r, out)
        _before_name(doc, ctx, r, out)
        of_affiliation(doc, ctx, r, out)
        if r.end + 1 < len(doc) and doc[r.end].lower_ in _COPULAS:
            _copula_role(doc, ctx, r, r.end + 1, _apposition_end(doc, r.end + 1), out)
    _definite_subject(doc, ctx, out)
    return list(out.by_pair.values())
