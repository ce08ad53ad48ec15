"""Which body a title names: "Secretary of Commerce", "NSF Director", "Chinese President",
"Acme's chief executive", or, for an official title with no body, the agency issuing the text."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from graph.model import ActorType
from ingest.context import DocContext
from ingest.lexicon import ORG_WORDS, ROLE_MARKERS, TITLE_HEADS, TITLE_MODIFIERS
from ingest.names.resolve import Ref
from ingest.names.titles import TitledName

_MINISTERIAL = {"department", "ministry", "office", "secretariat", "executive"}
_AFFILIATIONS = {"republican", "democratic", "democrat", "labour", "conservative", "liberal", "independent"}
ORG_TYPES = (ActorType.ORGANISATION, ActorType.COUNTRY, ActorType.PUBLICATION)


def org_refs(ctx: DocContext, start: int, end: int) -> list[Ref]:
    return [r for r in ctx.resolver.refs_between(start, end) if r.type in ORG_TYPES]


def org_in_title(ctx: DocContext, doc: Doc, t: TitledName) -> str | None:
    """Possessor ("Y's"), an actor named inside the title, or a body named by its title form."""
    res = ctx.resolver
    if t.possessor_end is not None:
        before = [
            r for r in org_refs(ctx, max(0, t.possessor_end - 8), t.possessor_end) if r.end == t.possessor_end
        ]
        if before:
            return before[-1].key
        start = t.possessor_end
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        if start < t.possessor_end:  # a name the NER missed: "Acme Robotics' chief executive"
            return res.add_actor(doc[start : t.possessor_end].text, ActorType.ORGANISATION)
    refs = org_refs(ctx, t.title_start, t.name_start)
    known = [r for r in refs if res.gazetteer.get(r.key) and r.type is not ActorType.COUNTRY]
    if known:
        return known[0].key
    named = [r for r in refs if r.start == 0 or doc[r.start - 1].lower_ != "for"]  # "for X": a portfolio
    bodies = [r for r in named if r.type is not ActorType.COUNTRY]
    countries = [r.key for r in named if r.type is ActorType.COUNTRY]
    return (
        title_form_org(ctx, doc[t.title_start : t.name_start])
        or (bodies[0].key if bodies else None)
        or (countries[0] if countries else None)
        or demonym_country(ctx, doc[t.title_start : t.name_start])
        or premodifier_org(ctx, doc[t.title_start : t.name_start])
    )


def premodifier_org(ctx: DocContext, words: Span) -> str | None:
    """ "Acme CEO X": proper nouns before the title head name the company (as "Acme's CEO" does)."""
    run = []
    for w in words:
        if (
            w.lower_ in TITLE_HEADS
            or w.lower_ in TITLE_MODIFIERS
            or not (w.is_alpha and w.text[:1].isupper())
        ):
            break
        if (
            w.lower_ in ORG_WORDS
            or w.lower_ in ROLE_MARKERS
            or w.lower_ in _AFFILIATIONS
            or w.is_stop
            or ctx.resolver.gazetteer.lookup_demonym(w.text)
        ):  # "Technology Secretary": a portfolio, not a company
            return None
        run.append(w)
    if not run or len(run) == len(words) or words[len(run)].lower_ not in TITLE_HEADS:
        return None
    text = " ".join(w.text for w in run)
    for r in ctx.resolver.refs:  # "Veridian" for a "Veridian Semiconductor" named elsewhere
        name = ctx.resolver.actor(r.key).name
        if r.type is ActorType.ORGANISATION and (name == text or name.startswith(text + " ")):
            return r.key
    return ctx.resolver.add_actor(text, ActorType.ORGANISATION)


def demonym_country(ctx: DocContext, words: Span) -> str | None:
    """ "Chinese President X": the country named by its adjective."""
    for w in words:
        entry = ctx.resolver.gazetteer.lookup_demonym(w.text)
        if entry is not None:
            return ctx.resolver.org_for_title_words(entry.name)
    return None


def title_form_org(ctx: DocContext, words: Span) -> str | None:
    """A body named by its title form: "of Commerce", "Treasury Secretary" (not a country)."""
    res = ctx.resolver
    candidates = []
    for i, w in enumerate(words):
        if w.lower_ == "of":
            run = []
            for x in words[i + 1 :]:
                if x.lower_ in ("for", "and") or not (x.text[:1].isupper() or x.lower_ == "the"):
                    break
                run.append(x.text)
            if run:
                candidates.append(" ".join(run))
    remit = next((w.i for w in words if w.lower_ == "for"), words.end)  # "for Energy": a portfolio
    candidates += [
        w.text
        for w in words
        if w.text[:1].isupper()
        and w.lower_ not in TITLE_HEADS
        and w.lower_ not in TITLE_MODIFIERS
        and w.i < remit
    ]
    for text in candidates:
        entry = res.gazetteer.lookup_title_form(text)
        if entry is not None and entry.type is not ActorType.COUNTRY:
            return res.org_for_title_words(text)
    return None


def official_title(span: Span) -> bool:
    """ "Assistant Secretary for Export Enforcement": a capitalised office "for"/"of" a portfolio."""
    words = [t for t in span if t.is_alpha]
    has_head = any(t.lower_ in TITLE_HEADS and t.text[:1].isupper() for t in words)
    return has_head and any(t.lower_ in ("for", "of") for t in words) and len(words) >= 4


def fitting_body(ctx: DocContext, span: Span) -> str | None:
    """A bare capitalised title tied to the body it fits: "Commissioner X" and the Commission,
    "Technology Secretary X" and the Department for ... Technology; the issuing body first."""
    words = [t for t in span if t.is_alpha]
    heads = [n for n, t in enumerate(words) if t.lower_ in TITLE_HEADS]
    if not heads or not all(t.text[:1].isupper() for t in words[: heads[0] + 1]):
        return None  # "Commissioner for Innovation, Research": the remit after the head is not matched
    head = words[heads[0]].lower_
    qualifiers = {
        t.lower_ for t in words[: heads[0]] if t.lower_ not in TITLE_MODIFIERS and t.lower_ not in TITLE_HEADS
    }
    counts: dict[str, int] = {}
    for r in ctx.resolver.refs:
        if r.type is ActorType.ORGANISATION and r.start < span.start + 400:
            counts[r.key] = counts.get(r.key, 0) + 1
    issuing = ctx.issuing_body()
    for key in sorted(counts, key=lambda k: (k != issuing, -counts[k])):
        name = {w.strip(",").lower() for w in ctx.resolver.actor(key).name.split()}
        body = any(len(w) >= 6 and head.startswith(w) and head != w for w in name)
        ministerial = bool(name & _MINISTERIAL)  # "Trade Minister" fits a ministry, not the WTO
        if (qualifiers and qualifiers <= name and ministerial) or (body and not qualifiers):
            return key
    return None


def org_after_name(ctx: DocContext, doc: Doc, end: int) -> str | None:
    """ "Chairwoman X of the Y Council" / "Minister X, of the Y Ministry"."""
    i = end + (end < len(doc) and doc[end].text == ",")
    if i < len(doc) and doc[i].lower_ in ("of", "at"):
        orgs = org_refs(ctx, i + 1, min(len(doc), i + 14))
        if orgs and orgs[0].start <= i + 2:
            return orgs[0].key
    return None
