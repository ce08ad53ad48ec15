"""Titles before names: "Under Secretary of Commerce for Industry and Security Alan Estevez", "U.S.
Senators A (D-CT) and B (R-MO)", "Chairman X (R-WI) and Ranking Member Y (D-IL) of the Select Committee"."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ingest.context import DocContext
from ingest.lexicon import ORG_WORDS, TITLE_HEADS, TITLE_MODIFIERS
from ingest.names.titles import TitledName, find_titled_names, party_tag_end
from ingest.roles.base import Roles, clean_title, person_at
from ingest.roles.orgs import fitting_body, official_title, org_after_name, title_org

_HONORIFICS = {"mr", "mrs", "ms", "dr", "dr.", "prof", "prof.", "sir", "mr.", "mrs.", "ms."}
_CONFIDENCE = {"possessor": 0.85, "pattern": 0.85, "named": 0.85, "title-form": 0.85, "implied": 0.85,
               "state": 0.6, "focus": 0.6, "premodifier": 0.7}  # fmt: skip


def _without_org_name(span: Span, org: str) -> Span:
    """ "Halden CFO" at Halden Robotics: the title is "CFO"."""
    names = set(org.lower().split())
    i = span.start
    while i < span.end - 1 and span.doc[i].lower_ in names and span.doc[i].lower_ not in ORG_WORDS:
        i += 1
    head = span.doc[i].lower_
    return span.doc[i : span.end] if head in TITLE_HEADS or head in TITLE_MODIFIERS else span


def _tail(doc: Doc, end: int) -> Span | None:
    """ "U.S. Attorney X for the Northern District of Texas": words of the title after the name."""
    i = party_tag_end(doc, end)
    if (
        i + 2 < len(doc)
        and doc[i].lower_ == "for"
        and doc[i + 1].lower_ == "the"
        and doc[i + 2].text[:1].isupper()
    ):
        j = i + 2
        while j < len(doc) and (doc[j].text[:1].isupper() or doc[j].lower_ == "of") and j - i < 10:
            j += 1
        return doc[i:j]
    return None


def _group_org(ctx: DocContext, doc: Doc, found: list[TitledName], n: int) -> str | None:
    """ "Chairman A (R-WI) and Ranking Member B (D-IL) of the Select Committee": the organisation after
    the last name of titled names joined by "and" belongs to each of them."""
    end = found[n].name_end
    for t in found[n + 1 :]:
        gap = doc[party_tag_end(doc, end) : t.title_start]
        if not (1 <= len(gap) <= 2 and all(w.lower_ in ("and", ",", "&") for w in gap)):
            break
        end = t.name_end
    return org_after_name(ctx, doc, end) if end != found[n].name_end else None


def titled_names(doc: Doc, ctx: DocContext, out: Roles) -> None:
    """A role for each "TITLE Name", with the organisation the title names or implies."""
    found = find_titled_names(doc)
    for n, t in enumerate(found):
        with out.applying("titled", t.name_start):
            _one(doc, ctx, out, found, n)


def _one(doc: Doc, ctx: DocContext, out: Roles, found: list[TitledName], n: int) -> None:
    t = found[n]
    person = person_at(ctx, t.name_start)
    title_span = doc[t.title_start : t.title_stop]
    if person is None or all(w.lower_ in _HONORIFICS for w in title_span):
        return
    cues = [(t.title_start, t.title_stop)]
    how, confidence = "", 0.85
    org = org_after_name(ctx, doc, t.name_end) or _group_org(ctx, doc, found, n)
    if org is not None:
        how = "after-name"
    else:
        found_org = title_org(ctx, title_span, t.possessor_end, _tail(doc, t.name_end), person.key)
        if found_org is not None:
            org, how, confidence = found_org.key, found_org.how, _CONFIDENCE[found_org.how]
    if org is None:
        org, how, confidence = fitting_body(ctx, title_span), "fitting", 0.6
    if org is None and official_title(title_span):
        org, how, confidence = ctx.issuing_body(), "issuing", 0.5
    if org is None:
        return
    title, markers = clean_title(_without_org_name(title_span, ctx.resolver.actor(org).name))
    tail = _tail(doc, t.name_end)
    if tail is not None and how == "pattern":
        title = f"{title} {tail.text}"
        cues.append((tail.start, tail.end))
    start = t.possessor_end - 1 if t.possessor_end is not None else t.title_start
    markers = [*t.markers, *markers]
    out.add(person.key, org, title, markers, (max(0, start), t.name_end), confidence, f"titled.{how}", cues)
