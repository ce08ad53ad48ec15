"""The funder in focus: who a release says gives the money when a sentence does not repeat it.

The subject of the headline's funding verb ("UKRI awards £45 million", "DARPA Announces $2 Billion"),
else of the first body sentence that announces or awards ("NASA has selected 14 companies"), else a
programme the headline names ("$1B Build Back Better Regional Challenge Awardees"), else the body the
release names most (`DocContext.issuing_body`).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from graph.model import ActorType
from ingest.context import DocContext
from ingest.funding.parties import SOURCE_TYPES, Party, dateline_end, gives, refs
from ingest.lexicon import LEGISLATURE_WORDS

_BODY_SENTENCES = 4


def _first_break(doc: Doc) -> int:
    return next((t.i for t in doc if t.is_space and "\n" in t.text), len(doc))


def _headline_end(doc: Doc) -> int:
    """End of the headline: the first line, unless it is a sentence of the body ("HOUSTON – The
    University of Houston was awarded ..., Sen. Cornyn announced Tuesday.")."""
    end = _first_break(doc)
    last = next((t for t in reversed(doc[:end]) if not t.is_space), None)
    return 0 if last is not None and last.text in (".", "!", "?") and end < len(doc) else end


def funder_in_focus(
    ctx: DocContext, subject_actor: Callable[[Token], Party | None]
) -> tuple[str, str] | None:
    """(actor key, how it was found) of the funder a release is about, if it has one.
    `subject_actor` names the funder a subject stands for ("the government", "it", "NSF")."""
    doc = ctx.doc
    headline_end = _headline_end(doc)
    verbs = [t for t in doc[:headline_end] if gives(t) and _verb_form(t)]
    if verbs:
        start = dateline_end(doc, 0)  # "BOSTON (Reuters) -": never the funder
        before = [r for r in refs(ctx, start, verbs[0].i, SOURCE_TYPES) if _funder(ctx, r.key)]
        if before:
            return before[0].key, "focus.headline"  # the headline's subject leads it
    body = [doc[max(s.start, headline_end) : s.end] for s in ctx.sentences if s.end > headline_end]
    for n, sent in enumerate(body):
        if n >= _BODY_SENTENCES:
            break
        for tok in sent:
            if tok.pos_ != "VERB" or not gives(tok) or tok.i in ctx.quoted:
                continue  # a quotation's verbs are the speaker's, not the release's
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            found = subject_actor(subj[0]) if subj else None
            if found is not None and _funder(ctx, found.key):
                return found.key, "focus.announcer"
    policies = refs(ctx, 0, headline_end, (ActorType.POLICY,))
    if policies:
        return policies[0].key, "focus.headline-programme"
    issuing = ctx.issuing_body()
    return (issuing, "focus.issuer") if issuing and _funder(ctx, issuing) else None


def _verb_form(tok: Token) -> bool:
    """A verb as a headline writes it: tagged so, or a Title Case third person ("Commerce Awards")."""
    return tok.pos_ == "VERB" or (tok.i > 0 and tok.text[:1].isupper() and tok.lower_.endswith("s"))


def _funder(ctx: DocContext, key: str) -> bool:
    """A body that can give money: not a country (named for its government only when the text says
    so) nor a legislature, which announces money it does not hand out."""
    actor = ctx.resolver.actor(key)
    return actor.type is not ActorType.COUNTRY and not LEGISLATURE_WORDS.intersection(
        actor.name.lower().split()
    )
