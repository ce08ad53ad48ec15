"""Quotations attributed by the paragraph before them or by a label, not by a cue in their sentence.

- an introduction ending in a colon: "A, B and C released the following statement:" then the quotation
  (one speaker each for a joint statement);
- a heading line naming the speaker: "Speaker Nancy Pelosi, (D-CA-12)" then a paragraph that is only
  a quotation ("What they are saying" releases);
- a transcript label: "CHAIRMAN GALLAGHER: “...”", matched to a person the text names.
"""

from __future__ import annotations

import re

from graph.model import ActorType
from ingest.context import DocContext
from ingest.lexicon import CUE_VERBS, TITLE_HEADS
from ingest.quotes.speakers import speakers_before

_STATEMENT_VERBS = CUE_VERBS | {"released", "issued", "release", "issue", "releases", "issues"}
_LABEL = re.compile(r"^\s*((?:[A-Z][A-Z.'’\-]+\s+){0,4}[A-Z][A-Z.'’\-]+)\s*:\s*$")
_HEADING_MAX_TOKENS = 14


def intro_speakers(ctx: DocContext, paras: list[tuple[int, int]], p: int) -> tuple[list[str], float]:
    """Speakers the paragraph before paragraph `p` introduces, and how sure that is."""
    if p == 0:
        return [], 0.0
    text = ctx.text
    ps, pe = paras[p - 1]
    prev = text[ps:pe].rstrip()
    start, end = ctx.token_at(ps), ctx.token_at(pe - 1) + 1
    if prev.endswith(":"):
        verbs = [t for t in ctx.doc[start:end] if t.lower_ in _STATEMENT_VERBS]
        if verbs:
            speakers = speakers_before(ctx, start, verbs[-1].i, [])
            return speakers, 0.8
        return [], 0.0
    if prev[-1:] in '.!?"”' or end - start > _HEADING_MAX_TOKENS:
        return [], 0.0
    persons = [r for r in ctx.resolver.refs_between(start, end) if r.type is ActorType.PERSON]
    if len({r.key for r in persons}) == 1:  # "Speaker Nancy Pelosi, (D-CA-12)": a heading naming one person
        return [persons[0].key], 0.75
    return [], 0.0


def label_speaker(ctx: DocContext, lead: str) -> str | None:
    """The person an upper-case transcript label names: "CHAIRMAN GALLAGHER:" -> Mike Gallagher."""
    m = _LABEL.match(lead)
    if m is None:
        return None
    words = [w.strip(".'’-").lower() for w in m.group(1).split()]
    names = [
        w for w in words if w not in TITLE_HEADS and w not in ("ranking", "member", "mr", "mrs", "ms", "dr")
    ]
    if not names:
        return None
    res = ctx.resolver
    for key in res.person_keys():
        actor = res.actor(key)
        surnames = {actor.name.split()[-1].lower(), *(a.split()[-1].lower() for a in actor.aliases)}
        if names[-1] in surnames:
            return key
    return None
