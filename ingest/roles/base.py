"""What the role rules share: the collector, title cleaning, person lookup, word lists."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from spacy.tokens import Span

from graph.model import ActorType, Role
from ingest.context import DocContext
from ingest.lexicon import ROLE_MARKERS, TITLE_HEADS
from ingest.names.resolve import Ref
from ingest.names.titlebook import load_titles
from ingest.roles.orgs import ORG_TYPES

APPOINTED = {"appointed", "named", "elected", "promoted", "nominated", "as"}
APPOSITION_STOP = {",", ".", ";", ":", "(", ")", "“", "”", '"', "—", "–", "’", "‘"}


class Roles:
    """Collects roles, one per (person, organisation, title), preferring a stated title.

    Rules add through `applying`, which keeps a rule's roles only if the rule finishes: a rule that
    raises on a sentence loses what it found there and nothing else."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.by_pair: dict[tuple[str, str], Role] = {}
        self._pending: list[Role] | None = None

    @contextmanager
    def applying(self, rule: str, token: int) -> Iterator[None]:
        pending: list[Role] = []
        self._pending = pending
        done = False
        with self.ctx.guard(f"roles.{rule}", token):
            yield
            done = True
        self._pending = None
        if done:
            for role in pending:
                self._keep(role)

    def add(
        self,
        person: str,
        org: str,
        title: str,
        markers: list[str],
        span: tuple[int, int],
        confidence: float,
        rule: str,
        cues: list[tuple[int, int]] | None = None,
    ) -> None:
        """A role of `person` at `org`, supported by tokens `span`, found by `rule` on token spans `cues`."""
        res, ctx = self.ctx.resolver, self.ctx
        if (
            person == org
            or res.actor(org).type not in ORG_TYPES
            or res.actor(person).type is not ActorType.PERSON
        ):
            return
        start, end = ctx.tokens_chars(*span)
        role = Role(
            person=res.actor(person),
            title=display_title(title),
            org=res.actor(org),
            markers=tuple(dict.fromkeys(markers)),
            evidence=ctx.evidence(start, end, f"roles.{rule}", confidence),
        )
        ctx.record(role, [ctx.tokens_chars(s, e) for s, e in (cues or [span])])
        if self._pending is not None:
            self._pending.append(role)
        else:
            self._keep(role)

    def _keep(self, role: Role) -> None:
        pair = (role.person.key, role.org.key)
        old = self.by_pair.get(pair)
        if old is None or (not old.title and role.title):
            self.by_pair[pair] = role


def display_title(title: str) -> str:
    """ "U.S. Sens." -> "U.S. Senator": short forms written out, plurals made singular."""
    book = load_titles()
    words = []
    for w in title.split():
        full = book.expand.get(w.lower())
        singular = book.plurals.get((full or w).lower())
        if full or singular:
            words.append((singular or full or w).title())
        else:
            words.append(w)
    return " ".join(words)


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
