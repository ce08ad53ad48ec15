"""Which body a title names: "Huawei's CFO", "NSF Director", "Secretary of Commerce", "U.S. Attorney for
the Northern District of Texas", "U.S. Senator", "Japanese Prime Minister", "Acme CEO", "company head".

`title_org` tries, in order, what the title itself says and then what convention implies; the
conventions (implied offices, office patterns, title forms of departments) are data in
`data/titles.yaml` and `data/gazetteer.yaml`. Each answer says which step found it, for `--explain`
and for calibrated confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from graph.model import ActorType
from ingest.context import DocContext
from ingest.lexicon import (
    CONNECTORS,
    ORG_HEADS,
    ORG_NOUNS,
    ORG_WORDS,
    ROLE_MARKERS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from ingest.names.resolve import Ref
from ingest.names.titlebook import load_titles
from ingest.names.titles import party_tag_end

_MINISTERIAL = {"department", "ministry", "office", "secretariat", "executive"}
_AFFILIATIONS = {"republican", "democratic", "democrat", "labour", "conservative", "liberal", "independent"}
ORG_TYPES = (ActorType.ORGANISATION, ActorType.COUNTRY, ActorType.PUBLICATION)


@dataclass(frozen=True)
class TitleOrg:
    """The organisation of a title, and the step that found it ("named", "implied", ...)."""

    key: str
    how: str


def org_refs(ctx: DocContext, start: int, end: int) -> list[Ref]:
    return [r for r in ctx.resolver.refs_between(start, end) if r.type in ORG_TYPES]


def _remit_start(title: Span) -> int:
    """Where the remit of a title starts: "Assistant Secretary of Commerce | for Economic Development"."""
    for t in title:
        if t.lower_ == "for" and t.i > title.start and not (t.ent_iob_ == "I" and t.ent_type_ == "ORG"):
            return t.i
    return title.end


def _countries(ctx: DocContext, words: Span) -> list[str]:
    """Countries a title names: "U.S.", "UK", "Japanese"."""
    out = [r.key for r in ctx.resolver.refs_between(words.start, words.end) if r.type is ActorType.COUNTRY]
    for w in words:
        entry = ctx.resolver.gazetteer.lookup_demonym(w.text)
        if entry is not None:
            out.append(ctx.resolver.add_known(entry.id))
    return list(dict.fromkeys(out))


def _normal_words(ctx: DocContext, title: Span) -> list[str]:
    """Title words for the implied-office table: no remit, markers, countries or "of the United States"."""
    book = load_titles()
    remit = _remit_start(title)
    country_tokens = {
        i
        for r in ctx.resolver.refs_between(title.start, remit)
        if r.type is ActorType.COUNTRY
        for i in range(r.start, r.end)
    }
    words = []
    for t in title.doc[title.start : remit]:
        if t.i in country_tokens or t.lower_ in ROLE_MARKERS or ctx.resolver.gazetteer.lookup_demonym(t.text):
            continue
        words.append(t.text_with_ws)
    normal = book.normal_words("".join(words))
    while normal and normal[-1] in ("of", "the"):  # "Attorney General of the [United States]"
        normal.pop()
    return normal


def misread_remit(ctx: DocContext, r: Ref) -> bool:
    """An unknown name running over "for" ("Commerce for Industry and Security"): the model misreading
    a title's remit as an organisation."""
    words = ctx.doc[r.start : r.end]
    return (
        not ctx.resolver.gazetteer.get(r.key)
        and any(t.lower_ == "for" for t in words)
        and not any(t.lower_ in ORG_HEADS for t in words)  # "Meridian Center for Technology Governance"
    )


def _portfolio(ctx: DocContext, r: Ref) -> bool:
    """ "Science and Technology Secretary": an unknown "name" made only of remit words is a portfolio."""
    words = [t.lower_ for t in ctx.doc[r.start : r.end] if t.is_alpha and t.lower_ not in CONNECTORS]
    if ctx.resolver.gazetteer.get(r.key) or not words or any(w in ORG_HEADS for w in words):
        return False  # "Judiciary Committee" is a body
    return all(w in ORG_WORDS for w in words)


def _named(ctx: DocContext, title: Span, known: bool) -> str | None:
    """An organisation the title names before its remit, nearest the head: "NSF Director". An unknown
    name running over "for" ("Commerce for Industry and Security") is the model misreading a remit.
    With `known`, only gazetteer bodies: an unknown one ("of the [Exchequer]") comes after the offices
    titles imply by convention ("Chancellor of the Exchequer" -> HM Treasury)."""
    remit = _remit_start(title)
    refs = [
        r
        for r in org_refs(ctx, title.start, remit)
        if r.type is not ActorType.COUNTRY
        and not misread_remit(ctx, r)
        and not _portfolio(ctx, r)
        and (not known or ctx.resolver.gazetteer.get(r.key) is not None)
    ]
    return refs[-1].key if refs else None


def _possessor(ctx: DocContext, doc: Doc, possessor_end: int, title: Span) -> str | None:
    """ "Huawei's Chief Financial Officer": the owner before the possessive. A place's title that implies
    an office is that office's: "Texas' senior Senator" sits in the Senate, "Britain's Science
    Minister" heads the science department; "Norway's Trade Minister" (no office known) is Norway's."""
    place = possessor_end > 0 and doc[possessor_end - 1].ent_type_ in ("GPE", "LOC")
    before = [r for r in org_refs(ctx, max(0, possessor_end - 8), possessor_end) if r.end == possessor_end]
    if (place or (before and before[-1].type is ActorType.COUNTRY)) and _implied(ctx, title) is not None:
        return None
    if before:
        return before[-1].key
    start = possessor_end
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
        start -= 1
    if start < possessor_end:  # a name the NER missed: "Acme Robotics' chief executive"
        return ctx.resolver.add_actor(doc[start:possessor_end].text, ActorType.ORGANISATION)
    return None


def _pattern(ctx: DocContext, title: Span, tail: Span | None) -> str | None:
    """An office the title spells out: "U.S. Attorney for the Eastern District of New York"."""
    book, res = load_titles(), ctx.resolver
    written = [t.text for t in title if not t.is_space]
    if tail is not None:
        written += [t.text for t in tail if not t.is_space]
    found = book.pattern_office(book.normal_words(" ".join(written)), written, res.weight)
    if found is None:
        return None
    name, known = found
    entry = res.gazetteer.lookup(name)
    if entry is not None:
        return res.add_known(entry.id)
    return None if known else res.add_actor(name, ActorType.ORGANISATION)


def title_form_org(ctx: DocContext, words: Span) -> str | None:
    """A body named by its title form in the text's jurisdiction: "of Commerce", "Treasury Secretary"."""
    res = ctx.resolver
    candidates = []
    lower = all(not w.text[:1].isupper() for w in words if w.is_alpha)  # "assistant secretary of war"
    for i, w in enumerate(words):
        if w.lower_ == "of":
            run = []
            for x in words[i + 1 :]:
                if x.lower_ in ("for", "and") or not (x.text[:1].isupper() or x.lower_ == "the" or lower):
                    break
                if not x.is_alpha:
                    break
                run.append(x.text)
            if run:
                candidates.append(" ".join(run))
    remit = _remit_start(words)
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
        if entry is None or entry.type is ActorType.COUNTRY:
            continue
        if entry.region and not _about(res.weight, entry.region):
            continue  # "Secretary of State" in a British text is not the State Department
        if entry.region and res.weight.get(entry.region, 0) == 0:
            named = fitting_body(ctx, words)  # only by default: a body the text names fits better
            if named is not None:
                return named
        return res.add_known(entry.id)
    return None


def _about(weight: dict[str, int], region: str) -> bool:
    """The text is about `region`: it names it, and no other country or bloc more often; or it names
    none and `region` is the default jurisdiction (data/titles.yaml)."""
    own = weight.get(region, 0)
    if own <= 0:
        return load_titles().in_jurisdiction(region, weight)
    return all(v <= own for k, v in weight.items() if k.startswith(("country:", "bloc:")))


def _implied(ctx: DocContext, title: Span) -> str | None:
    """The office a title implies by convention: "Senator" -> the Senate, "Attorney General" -> DOJ."""
    found = load_titles().implied(_normal_words(ctx, title), ctx.resolver.weight)
    return ctx.resolver.add_known(found.org) if found is not None else None


def _state(ctx: DocContext, title: Span, person: str | None) -> str | None:
    """ "Japanese Prime Minister", "President": the country named, the one a known leader leads, else
    the one the text is about."""
    if not load_titles().state_head(_normal_words(ctx, title)):
        return None
    named = _countries(ctx, title)
    if named:
        return named[0]
    known = ctx.resolver.gazetteer.get(person) if person else None
    if known is None and person:  # "President Biden": a known leader, named as the text names him
        written = ctx.resolver.gazetteer.lookup(ctx.resolver.actor(person).name)
        known = written if written is not None and written.type is ActorType.PERSON else None
    if known is not None and known.region:
        region = ctx.resolver.gazetteer.get(known.region)
        return ctx.resolver.add_known(region.id) if region is not None else None
    weight = ctx.resolver.weight
    about = [k for k in weight if k.startswith("country:") and _about(weight, k)]
    entry = ctx.resolver.gazetteer.get(about[0]) if len(about) == 1 else None
    return ctx.resolver.add_known(entry.id) if entry is not None else None


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


def focus_org(ctx: DocContext, title: Span) -> str | None:
    """ "company head X", "Agency director, X": the organisation the text is about at that point."""
    words = [t for t in title if t.is_alpha]
    if len(words) < 2 or words[0].lower_ not in ORG_NOUNS or words[-1].lower_ not in TITLE_HEADS:
        return None
    earlier = [r for r in org_refs(ctx, 0, title.start) if r.type is ActorType.ORGANISATION]
    subjects = [r for r in earlier if r.subject]
    if subjects:
        return subjects[-1].key
    return ctx.issuing_body()


def title_org(
    ctx: DocContext,
    title: Span,
    possessor_end: int | None = None,
    tail: Span | None = None,
    person: str | None = None,
) -> TitleOrg | None:
    """The organisation `title` names or implies for `person`; `tail` is what follows the name ("U.S.
    Attorney X for the Northern District")."""
    doc = title.doc
    steps = (
        ("possessor", lambda: None if possessor_end is None else _possessor(ctx, doc, possessor_end, title)),
        ("pattern", lambda: _pattern(ctx, title, tail)),
        ("named", lambda: _named(ctx, title, known=True)),
        ("title-form", lambda: title_form_org(ctx, title)),
        ("implied", lambda: _implied(ctx, title)),
        ("named", lambda: _named(ctx, title, known=False)),
        ("state", lambda: _state(ctx, title, person)),
        ("focus", lambda: focus_org(ctx, title)),
        ("premodifier", lambda: premodifier_org(ctx, title)),
    )
    for how, step in steps:
        key = step()
        if key is not None and key.startswith("bloc:") and how != "implied" and _implied(ctx, title):
            continue  # "EU Commissioner": the bloc is where the office is; the Commission is the office
        if key is not None:
            return TitleOrg(key, how)
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
    """ "Chairwoman X of the Y Council" / "Minister X, of the Y Ministry" / "Chairman X (R-WI) of Y"."""
    i = party_tag_end(doc, end)
    i += i < len(doc) and doc[i].text == ","
    if i < len(doc) and doc[i].lower_ in ("of", "at"):
        orgs = org_refs(ctx, i + 1, min(len(doc), i + 40))  # committee names run long
        if orgs and orgs[0].start <= i + 2 and orgs[0].type is not ActorType.COUNTRY:
            return orgs[0].key
    return None
