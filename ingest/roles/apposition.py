"""Titles after names: "X, director of Y", "X (D-CT) and Y (R-MO), Chair and Ranking Member of Z",
"X, assistant secretary of war for industrial base policy", "X, Professor of Law at Y and Fellow at Z",
"X, of Y" (a bare affiliation), "X, who heads Y"; and copulas, "X is chancellor of Y"."""

from __future__ import annotations

from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from graph.model import ActorType
from ingest.context import DocContext
from ingest.lexicon import ORG_HEADS, ROLE_MARKERS, TITLE_HEADS
from ingest.names.resolve import Ref, possessive
from ingest.names.titles import party_tag_end
from ingest.roles.base import APPOINTED, Roles, clean_title, has_title, person_at
from ingest.roles.indirect import indirect_org, title_then_org
from ingest.roles.orgs import misread_remit, org_refs, title_org

_T = TypeVar("_T")
_AFFILIATION_PREPS = {"of", "at", "from", "with"}
_ORG_PREPS = {"of", "at", "in", "with", "for", "on"}
_HEAD_VERBS = {
    "heads": "head", "leads": "head", "runs": "head", "chairs": "chair", "directs": "director",
    "headed": "head", "led": "head", "ran": "head", "chaired": "chair",
}  # fmt: skip
_COPULAS = {"is", "was", "became", "becomes", "remains", "serves", "served", "be"}
_ACTING = (
    "performing the duties of",
    "serving as",
    "acting as",
)  # "X, performing the duties of the director"
_END = {".", ";", ":", "(", ")", "—", "–", "“", "”", '"'}
_MAX = 40


def _acronym(doc: Doc, i: int) -> bool:
    return i + 2 < len(doc) and doc[i + 2].text == ")" and doc[i + 1].text.isupper() and len(doc[i + 1]) <= 8


def apposition_end(doc: Doc, start: int) -> int:
    """End of an apposition: the next comma outside a name, or stronger punctuation; stops before
    "and" + a new person ("A, U.S. Attorney for X and B, Director, FBI")."""
    end = start
    while end < len(doc) and end - start < _MAX:
        tok = doc[end]
        if tok.text == "(" and _acronym(doc, end):  # "the Special Compliance Coordinator (SCC) for X"
            end += 3
            continue
        if tok.text in _END or tok.is_space or (tok.is_sent_start and end > start):
            break
        if tok.text == "," and not (
            tok.ent_iob_ == "I" and end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I"
        ):
            break
        if tok.lower_ == "and" and end + 1 < len(doc) and doc[end + 1].ent_type_ == "PERSON":
            break
        end += 1
    return end


def _group(doc: Doc, ctx: DocContext, r: Ref) -> tuple[list[Ref], int]:
    """The persons listed with `r` ("A (D-CT) and B (R-MO)") and where their list ends."""
    people, i = [r], party_tag_end(doc, r.end)
    while i + 1 < len(doc) and doc[i].lower_ in ("and", "&"):
        nxt = person_at(ctx, i + 1)
        if nxt is None or nxt.start != i + 1:
            break
        people.append(nxt)
        i = party_tag_end(doc, nxt.end)
    return people, i


def _split_titles(app: Span) -> list[Span]:
    """ "Chair and Ranking Member of X" -> "Chair", "Ranking Member of X"; one span when "and" joins
    two words of one title ("Vice Chair and President of X")."""
    parts, start = [], app.start
    for t in app:
        if t.lower_ == "and" and t.ent_iob_ != "I" and t.i > start and has_title(app.doc[start : t.i]):
            parts.append(app.doc[start : t.i])
            start = t.i + 1
    parts.append(app.doc[start : app.end])
    return [p for p in parts if len(p)]


def _described(tok: Token) -> bool:
    """Words between a preposition and a body that describe it: "at (law firm) X", "of (Beijing-based) X"."""
    doc = tok.doc
    based = (
        tok.lower_ == "based"
        or tok.text == "-"
        or (tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ == "based")
    )
    return tok.lower_ == "the" or based or (tok.is_alpha and tok.is_lower and tok.lower_ not in _ORG_PREPS)


def _body(ctx: DocContext, r: Ref) -> bool:
    """A known body, or a name ending in an organisation word: after "for" anything else is a remit
    ("assistant director for Computer and Information Science")."""
    last = ctx.doc[r.end - 1].lower_
    return bool(ctx.resolver.gazetteer.get(r.key)) or last in ORG_HEADS


def _title_and_org(ctx: DocContext, part: Span) -> tuple[Span, str | None, str]:
    """The title words of `part` and its organisation: the first body after a preposition, else the
    one the title implies ("assistant secretary of war" -> the Department of War)."""
    doc = part.doc
    found: list[tuple[Ref, int]] = []
    for r in org_refs(ctx, part.start, part.end):
        if misread_remit(ctx, r):
            continue
        k = r.start - 1
        while k > part.start and _described(doc[k]):
            k -= 1
        if k > part.start and doc[k].lower_ in _ORG_PREPS and (doc[k].lower_ != "for" or _body(ctx, r)):
            found.append((r, k))
    bodies = [f for f in found if f[0].type is not ActorType.COUNTRY]
    named = [f for f in bodies if _body(ctx, f[0]) or f[0].end - f[0].start > 1]  # not "of Research"
    if named or bodies or found:
        org, cut = (named or bodies or found)[0]
        return doc[part.start : cut], org.key, "apposition"
    implied = title_org(ctx, part)
    if implied is None:
        return part, None, ""
    return part, implied.key, f"apposition.{implied.how}"


def _pairs(people: list[Ref], titles: list[_T]) -> list[tuple[Ref, _T]]:
    """ "A and B, Chair and Ranking Member": in turn; one person or one title: every combination."""
    if len(titles) == len(people):
        return list(zip(people, titles, strict=True))
    if len(people) == 1 or len(titles) == 1:
        return [(p, t) for p in people for t in titles]
    return []


def after_name(doc: Doc, ctx: DocContext, r: Ref, out: Roles) -> None:
    """ "X, director of Y" and the other shapes of a title after a name."""
    people, i = _group(doc, ctx, r)
    if i + 1 >= len(doc) or doc[i].text != ",":
        return
    if i in ctx.headline and any(t.lower_ in TITLE_HEADS for t in doc[max(0, r.start - 3) : r.start]):
        return  # "Microsoft President A, NVIDIA Chief Scientist, & ...": a headline's list of titled people
    start = i + 1
    end = apposition_end(doc, start)
    app = doc[start:end]
    inside = ctx.resolver.refs_between(start, end)
    if not app or any(x.type is ActorType.PERSON and not possessive(doc, x) for x in inside):
        return  # "A, NVIDIA Chief Scientist B": the next titled name of a list, not A's title
    text = app.text.lower()
    for lead in _ACTING:
        if text.startswith(lead):
            app = doc[start + len(lead.split()) : end]
    first = app[0].lower_
    if first in ("the", "its"):
        indirect = indirect_org(ctx, doc, start, end)
        if indirect is not None:
            title, markers = clean_title(doc[indirect[1] : end])
            if title:
                for p in people:
                    out.add(p.key, indirect[0], title, markers, (r.start, end), 0.7, "apposition.indirect")
            return
    if first == "who":
        _who(doc, ctx, people, app, out)
        return
    if first in _AFFILIATION_PREPS:
        orgs = org_refs(ctx, start, end)
        if orgs and orgs[0].start <= start + 2 and orgs[0].end == end and not has_title(app):
            for p in people:
                out.add(p.key, orgs[0].key, "", [], (r.start, end), 0.8, "apposition.affiliation")
        return
    if not has_title(app) or any(
        t.pos_ in ("VERB", "AUX")
        and t.lower_ not in TITLE_HEADS
        and t.dep_ not in ("amod", "compound")
        and not t.ent_type_
        for t in app
    ):
        return
    if end < len(doc) and doc[end].text == "," and not org_refs(ctx, start, end):
        title_then_org(doc, ctx, r, start, end, out)  # "X, senior fellow, Atlantic Policy Institute"
    parts = _split_titles(app)
    with_orgs = [_title_and_org(ctx, p) for p in parts]
    if len(parts) > 1 and sum(org is not None for _, org, _ in with_orgs) == 1 and len(people) == 1:
        # "Vice Chair and President of X": one title whose words "and" joins
        with_orgs = [_title_and_org(ctx, app)]
    shared = next((o for _, o, _ in reversed(with_orgs) if o is not None), None)
    titled = [(t, o or shared, how or "apposition") for t, o, how in with_orgs]
    for person, (span, org, how) in _pairs(people, titled):
        if org is None:
            continue
        title, markers = clean_title(span)
        if title and has_title(span):
            out.add(person.key, org, title, markers, (r.start, end), 0.8, how, [(span.start, span.end)])


def _who(doc: Doc, ctx: DocContext, people: list[Ref], app: Span, out: Roles) -> None:
    """ "X, who heads Y" / "X, who is the director of Y"."""
    if len(app) < 3:
        return
    verb = app[1].lower_
    orgs = org_refs(ctx, app.start, app.end)
    if verb in _HEAD_VERBS and orgs and orgs[0].start in (app.start + 2, app.start + 3):
        for p in people:
            out.add(p.key, orgs[0].key, _HEAD_VERBS[verb], [], (p.start, app.end), 0.8, "who-heads")
    elif verb in _COPULAS:
        for p in people:
            copula_role(doc, ctx, p, app.start + 2, app.end, out)


def copula_role(doc: Doc, ctx: DocContext, r: Ref, start: int, end: int, out: Roles) -> None:
    """ "(X) is the new director of Y", "(X, who) was named director of Y" from token `start`."""
    span = doc[start:end]
    if not has_title(span):
        return
    head = next(t for t in span if t.lower_ in TITLE_HEADS)
    if any(t.pos_ == "VERB" and t.lower_ not in ROLE_MARKERS and t.lower_ not in APPOINTED
           for t in doc[start : head.i]):  # fmt: skip
        return
    title_span, org, how = _title_and_org(ctx, span)
    if org is None:
        return
    title, markers = clean_title(title_span)
    if title and has_title(title_span):
        out.add(r.key, org, title, markers, (r.start, end), 0.75, f"copula.{how}", [(start, end)])


def copulas(doc: Doc, ctx: DocContext, r: Ref, out: Roles) -> None:
    """ "X is chancellor of Y", "X previously served as the U.S. Attorney for Z"."""
    i = r.end
    while i < len(doc) and doc[i].pos_ == "ADV":
        i += 1
    if i + 2 < len(doc) and doc[i].lower_ == "to" and doc[i + 1].lower_ == "be":
        i += 1  # "the selection of X to be the Special Compliance Coordinator for Y"
    if i + 1 < len(doc) and doc[i].lower_ in _COPULAS:
        j = i + 1 + (doc[i + 1].lower_ == "as")
        copula_role(doc, ctx, r, j, apposition_end(doc, j), out)
