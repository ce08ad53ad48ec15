"""Organisations a role names indirectly: "the association's president", "its executive
director", "the Berkeley lab's associate director", "the maker Axion Tools' CFO"."""

from __future__ import annotations

from spacy.tokens import Doc

from graph.model import ActorType
from ingest.context import DocContext
from ingest.lexicon import TITLE_HEADS
from ingest.names.resolve import Ref
from ingest.roles.base import APPOSITION_STOP, Roles, clean_title, person_at
from ingest.roles.orgs import org_refs

_POSSESSIVE = {"'s", "’s", "'", "’"}
_GENERIC = {"group", "organisation", "organization", "company", "firm", "body"}
_LOOKBACK = 120  # tokens: "its" and "the association" refer to an organisation named shortly before


def _fits(words: list[str], name: str) -> bool:
    """Every word of "the Berkeley lab" begins a word of "Lawrence Berkeley National Laboratory"."""
    parts = [p.strip(",.").lower() for p in name.split()]
    return bool(words) and all(any(p.startswith(w) for p in parts) for w in words)


def indirect_org(ctx: DocContext, doc: Doc, start: int, end: int) -> tuple[str, int] | None:
    """(organisation, first title token) for a possessive title phrase in tokens [start, end)."""
    if end <= start:
        return None
    if doc[start].lower_ == "its":
        poss = start
    else:
        marks = [i for i in range(start, end) if doc[i].text in _POSSESSIVE]
        if not marks:
            return None
        poss = marks[0]
    if poss + 1 >= end or not any(t.lower_ in TITLE_HEADS for t in doc[poss + 1 : end]):
        return None
    earlier = org_refs(ctx, max(0, start - _LOOKBACK), start)
    earlier = [r for r in earlier if r.type is ActorType.ORGANISATION]
    if doc[start].lower_ == "its":  # the organisation in focus: the latest one that was a subject
        subjects = [r for r in earlier if r.subject]
        return (subjects[-1].key, poss + 1) if subjects else None
    owner = [r for r in org_refs(ctx, start, poss) if r.end == poss]
    if owner:
        return owner[-1].key, poss + 1
    proper = poss
    while proper > start and doc[proper - 1].pos_ == "PROPN" and doc[proper - 1].text[:1].isupper():
        proper -= 1
    words = [t.lower_ for t in doc[start:poss] if t.lower_ not in ("the", "a", "an") and t.is_alpha]
    if doc[start].lower_ == "the":
        for r in reversed(earlier):
            if _fits(words, ctx.resolver.actor(r.key).name):
                return r.key, poss + 1
        subjects = [r for r in earlier if r.subject]
        if words and words[-1] in _GENERIC and subjects:  # "the group's president": the body in focus
            return subjects[-1].key, poss + 1
    if proper < poss and (proper > start or doc[start].lower_ != "the"):
        # "the chip equipment maker Axion Tools' CFO": a name before a title's possessive is an org
        return ctx.resolver.add_actor(doc[proper:poss].text, ActorType.ORGANISATION), poss + 1
    return None


def title_then_org(doc: Doc, ctx: DocContext, r: Ref, start: int, end: int, out: Roles) -> None:
    """ "X, senior fellow, Atlantic Policy Institute": a title, then the organisation alone."""
    after = org_refs(ctx, end + 1, min(len(doc), end + 16))
    if not after or after[0].start > end + 2:
        return
    if after[0].type is ActorType.COUNTRY and len(after) > 1 and after[1].start == after[0].end:
        after = after[1:]  # "deputy commander, [U.S.] European Command": the body the country's is
    nxt = doc[after[0].end] if after[0].end < len(doc) else None
    if nxt is None or nxt.is_space or nxt.text in APPOSITION_STOP:
        title, markers = clean_title(doc[start:end])
        if title:
            out.add(r.key, after[0].key, title, markers, (r.start, after[0].end), 0.7, "title-then-org")


def of_affiliation(doc: Doc, ctx: DocContext, r: Ref, out: Roles) -> None:
    """ "Tom Becker and Anjali Rao of the Centre for X": each is affiliated with the Centre."""
    people, i = [r], r.end
    while i + 1 < len(doc) and doc[i].lower_ == "and":
        nxt = person_at(ctx, i + 1)
        if nxt is None or nxt.start != i + 1:
            break
        people.append(nxt)
        i = nxt.end
    if len(people) > 1:  # "Adebayo and Priya Shah of X": someone met before keeps his own affiliation
        firsts: dict[str, int] = {}
        for ref in ctx.resolver.refs:
            firsts.setdefault(ref.key, ref.start)
        people = [p for p in people if firsts.get(p.key) == p.start]
    if i >= len(doc) or doc[i].lower_ != "of":
        return
    orgs = org_refs(ctx, i + 1, min(len(doc), i + 14))
    if orgs and orgs[0].start <= i + 2:
        for p in people:
            out.add(p.key, orgs[0].key, "", [], (r.start, orgs[0].end), 0.7, "of-affiliation")
