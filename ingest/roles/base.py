"""What the role rules share: the collector, title cleaning, person lookup, word lists."""

from __future__ import annotations

from spacy.tokens import Span

from graph.model import ActorType, Role
from ingest.context import DocContext
from ingest.lexicon import ROLE_MARKERS, TITLE_HEADS
from ingest.names.resolve import Ref
from ingest.roles.orgs import ORG_TYPES

EXTRACTOR = "roles.rules"
APPOINTED = {"appointed", "named", "elected", "promoted", "nominated", "as"}
APPOSITION_STOP = {",", ".", ";", ":", "(", ")", "“", "”", '"', "—", "–", "’", "‘"}


class Roles:
    """Collects roles, one per (person, organisation), preferring a stated title."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.by_pair: dict[tuple[str, str], Role] = {}

    def add(
        self, person: str, org: str, title: str, markers: list[str], span: tuple[int, int], confidence: float
    ) -> None:
        res, doc = self.ctx.resolver, self.ctx.doc
        if person == org or res.actor(org).type not in ORG_TYPES:
            return
        start, end = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1])
        role = Role(
            person=res.actor(person),
            title=" ".join(title.split()),
            org=res.actor(org),
            markers=tuple(dict.fromkeys(markers)),
            evidence=self.ctx.evidence(start, end, EXTRACTOR, confidence),
        )
        old = self.by_pair.get((person, org))
        if old is None or (not old.title and role.title):
            self.by_pair[(person, org)] = role


def clean_title(span: Span) -> tuple[str, list[str]]:
    words: list[str] = []
    markers: list[str] = []
    for t in span:
        if t.lower_ in ROLE_MARKERS:
            markers.append(t.lower_)
        elif t.lower_ not in ("the", "a", "an", *APPOINTED) and not (
            not words and t.lower_ in ("of", "at", "for", "'s", "’s", "now", "currently")
        ):
            words.append(t.text)
    while words and words[-1].lower() in ("of", "at", "for", "and", "'s", "’s", ","):
        words.pop()
    cut = [n for n, w in enumerate(words) if w.lower() in ("at", "with") and n > 0]
    if cut and all(w.islower() for w in words[cut[0] + 1 :]):  # "partner at law firm": the firm's description
        words = words[: cut[0]]
    text = " ".join(words).replace(" ’s", "’s").replace(" 's", "'s").replace(" ,", ",").replace(" - ", "-")
    return text, markers


def has_title(span: Span) -> bool:
    return any(t.lower_ in TITLE_HEADS for t in span)


def person_at(ctx: DocContext, i: int) -> Ref | None:
    r = ctx.resolver.ref_at(i)
    return r if r is not None and r.type is ActorType.PERSON else None
