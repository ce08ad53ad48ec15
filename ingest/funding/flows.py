"""Every (source, target, amount) flow of a document, one amount at a time.

For each amount: is it a flow (`judgements`)? who pays (`source`)? who or what receives (`target`)?
What the sentence leaves out comes from the text around it: the previous flow's funder in a list, the
funder in focus of a release (`focus`), the headline's target for the same amount. Each amount runs
under a guard, so a rule that fails on one loses only that flow.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from graph.model import Funding
from ingest.context import DocContext
from ingest.funding.amounts import Amount, find_amounts
from ingest.funding.focus import funder_in_focus
from ingest.funding.judgements import has_flow_words, headline_restated, not_a_flow, sized_thing
from ingest.funding.parties import Party, amount_verb, definite_funding, paragraph_start, subject_of
from ingest.funding.phrases import paragraph_of, period
from ingest.funding.source import Sources
from ingest.funding.target import Targets

_CARRY_SENTENCES = 8
_LIST_LEAD = 14  # tokens before an amount in a list item ("International Trade Administration (ITA) –")
_CONFIDENCE = 0.8


@dataclass
class _State:
    last_source: Party | None = None
    last_target: Party | None = None
    last_sentence: int = -100
    headline_target: tuple[float, Party] | None = None
    focus: tuple[str, str] | bool | None = False  # False: not looked up yet


def extract_funding(
    doc: Doc, ctx: DocContext, person_orgs: dict[str, list[str]] | None = None
) -> list[Funding]:
    """Every money flow in `doc`. `person_orgs` maps a person to the bodies their roles name, so that
    "USDA Secretary Tom Vilsack announced $X" has the department as its source."""
    sources, targets = Sources(ctx, person_orgs or {}), Targets(ctx)
    amounts = find_amounts(doc)
    facts: list[Funding] = []
    state = _State()
    stated: set[tuple[str, str, float]] = set()
    for n, amount in enumerate(amounts):
        with ctx.guard("funding", amount.start):
            fact = _one(doc, ctx, amounts, n, sources, targets, state)
            if fact is None:
                continue
            listed = paragraph_start(doc, amount.start) == amount.start  # "£6 million for 11 projects"
            value = fact.amount_value or 0.0
            keys = {(fact.source.key, fact.target.key if listed else "", value)}
            if not listed:  # the same amount to the same target, told twice with another funder named
                keys.add(("", fact.target.key, value))
            if not keys & stated:  # "Total funding of $65 million ..." restates the same flow
                stated |= keys
                facts.append(fact)
    return facts


def _sentence(doc: Doc, amount: Amount) -> Span:
    span = doc[amount.start : amount.end]
    return paragraph_of(doc, span, doc[amount.start].sent)


def _one(
    doc: Doc,
    ctx: DocContext,
    amounts: list[Amount],
    n: int,
    sources: Sources,
    targets: Targets,
    state: _State,
) -> Funding | None:
    amount = amounts[n]
    sent = _sentence(doc, amount)
    if not_a_flow(doc, amount, sent) is not None:
        return None
    nxt = amounts[n + 1].start if n + 1 < len(amounts) else len(doc)
    stop = min(nxt, sent.end)
    source = sources.find(amount, stop)
    target = targets.find(amount, stop, sent.end)
    if headline_restated(doc, ctx.text, ctx.headline, amount, amounts[n + 1 :]):
        if target is not None:
            state.headline_target = (amount.money.value, target)
        if source is not None:
            state.last_source, state.last_sentence = source, ctx.sentence_index(doc[amount.start].idx)
        return None
    if source is None and target is None and sized_thing(doc, amount):
        return None  # "building a $17 billion plant": what it costs, not who pays
    if not has_flow_words(doc, amount, sent) and target is None:
        return None
    sentence = ctx.sentence_index(doc[amount.start].idx)
    if target is None and state.headline_target and abs(state.headline_target[0] - amount.money.value) < 1:
        target = state.headline_target[1]
    if target is None and state.last_target is not None and sentence == state.last_sentence:
        target = Party(state.last_target.key, state.last_target.start, state.last_target.end, "same-sentence")
    listed = amount.start - paragraph_start(doc, amount.start) <= _LIST_LEAD  # "£44 million for a ..."
    subj = subject_of(amount_verb(doc, amount))
    anaphora = subj is not None and definite_funding(subj)  # "The aid consists of a €495 million measure"
    last = state.last_source
    if source is None and last is not None and (sentence == state.last_sentence or anaphora):
        source = Party(last.key, last.start, last.end, "carried")
    recipient = target is not None and target.how in ("to-recipient", "receiver", "dative", "label")
    if source is None and (recipient or has_flow_words(doc, amount, sent)):  # "$30 million to Ford"
        if state.focus is False:
            state.focus = funder_in_focus(ctx, sources.subject_actor)
        if state.focus:
            key, how = state.focus  # type: ignore[misc]
            source = Party(key, amount.start, amount.start, how)
    if source is None and last is not None and listed and sentence - state.last_sentence <= _CARRY_SENTENCES:
        source = Party(last.key, last.start, last.end, "carried")
    if source is None or target is None or source.key == target.key:
        return None
    state.last_source, state.last_target, state.last_sentence = source, target, sentence
    return _fact(doc, ctx, amount, sent, source, target)


def _fact(doc: Doc, ctx: DocContext, amount: Amount, sent: Span, source: Party, target: Party) -> Funding:
    res = ctx.resolver
    here = [p for p in (source, target) if p.end > p.start and sent.start <= p.start < sent.end]
    start = min([amount.start, *(p.start for p in here)])
    end = max([amount.end, *(p.end for p in here)])
    rule = f"funding.{source.how}.{target.how}"
    fact = Funding(
        source=res.actor(source.key),
        target=res.actor(target.key),
        amount=amount.money.text,
        amount_value=amount.money.value,
        currency=amount.money.currency,
        period=period(doc, doc[amount.start : amount.end], sent),
        evidence=ctx.evidence(*ctx.tokens_chars(start, end), rule, _CONFIDENCE),
    )
    cues = [(amount.start, amount.end), *((p.start, p.end) for p in (source, target) if p.end > p.start)]
    ctx.record(fact, [ctx.tokens_chars(s, e) for s, e in cues])
    return fact
