"""Who said what: attribute each quotation to its speaker(s) through the cue around it.

Cue after the quote ("...," said X / X said / he wrote / according to X), cue before it
(X said: "..."), a quotation continuing a speaker's earlier one in the same paragraph or
the next, and partial quotes carried by a reporting verb. Headings, labels ("the 'X'
program") and scare quotes have no cue and yield nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from graph.model import ActorType, Quote
from ingest.context import DocContext
from ingest.lexicon import CUE_VERBS, LABEL_NOUNS, PARTIAL_CUE_VERBS, TITLE_HEADS
from ingest.quotemarks import QuoteSpan, find_quotes, paragraphs
from ingest.resolve import Ref

EXTRACTOR = "quotes.cue"
_SENT_END = {".", "!", "?", ";"}
_ORG_NOUNS = {
    "agency",
    "organisation",
    "organization",
    "company",
    "firm",
    "group",
    "department",
    "ministry",
    "bureau",
    "committee",
    "commission",
    "office",
    "institute",
    "council",
    "government",
    "foundation",
    "administration",
    "panel",
    "regulator",
    "center",
    "centre",
}
_SPEAKER_TYPES = (ActorType.PERSON, ActorType.ORGANISATION, ActorType.COUNTRY)
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_TITLING = {"titled", "entitled", "named", "headlined", "dubbed", "called"}


@dataclass
class _Attribution:
    speakers: list[str]
    confidence: float
    cue_end: int  # character offset where the supporting words end


def _tokens(ctx: DocContext, q: QuoteSpan) -> tuple[int, int]:
    return ctx.token_at(q.open), ctx.token_at(q.close)


def _is_full(text: str) -> bool:
    """Sentence-like speech, not a phrase: capital or editorial bracket first, three words or more."""
    first = text.lstrip("[(…. ")[:1]
    return (first.isupper() or text.startswith("[")) and len(text.split()) >= 3


def _ends_sentence(text: str) -> bool:
    return text.rstrip(" ])\"'’”").endswith(".")


def _speakers_after(ctx: DocContext, start: int, end: int) -> list[str]:
    """ "said Under Secretary X", "according to X and Y": the first named actor, plus "and" others."""
    doc, res = ctx.doc, ctx.resolver
    if start < end and doc[start].pos_ == "PRON":
        key = res.pronoun(start)
        return [key] if key else []
    refs = [r for r in res.refs_between(start, end) if r.type in _SPEAKER_TYPES]
    persons = [r for r in refs if r.type is ActorType.PERSON]
    if not refs:
        return []
    if not persons or (refs[0].type is not ActorType.PERSON and refs[0].start < persons[0].start - 12):
        return [refs[0].key]
    out = [persons[0]]
    for r in persons[1:]:
        if any(t.lower_ == "and" for t in doc[out[-1].end : r.start]):
            out.append(r)
    return list(dict.fromkeys(r.key for r in out))


def _definite_org(ctx: DocContext, noun: Token) -> list[str]:
    """ "the committee said": the latest organisation named with that word, else the latest one."""
    res = ctx.resolver
    orgs = [r for r in res.refs_between(0, noun.i) if r.type is ActorType.ORGANISATION]
    for r in reversed(orgs):
        if noun.lower_ in res.actor(r.key).name.lower():
            return [r.key]
    return [orgs[-1].key] if orgs else []


def _speakers_before(ctx: DocContext, start: int, cue: int, last: list[str]) -> list[str]:
    """ "X and Y said", "he wrote", "they wrote", "the agency said"."""
    doc, res = ctx.doc, ctx.resolver
    refs = [r for r in res.refs_between(start, cue) if r.type in _SPEAKER_TYPES]
    persons = [r for r in refs if r.type is ActorType.PERSON and not _possessive(doc, r)]
    if persons:
        return list(dict.fromkeys(r.key for r in persons))
    for tok in reversed(doc[start:cue]):
        low = tok.lower_
        if tok.pos_ == "PRON" and tok.dep_ not in _SUBJECT_DEPS:
            continue
        if low in ("he", "she"):
            key = res.pronoun(tok.i)
            return [key] if key else []
        if low in ("they", "we"):
            return last if len(last) > 1 else _plural_group(ctx, tok)
        if low == "it":
            return _latest_org(ctx, tok.i)
        if low in _ORG_NOUNS and tok.i > start and doc[tok.i - 1].lower_ in ("the", "this"):
            return _definite_org(ctx, tok)
        if low in TITLE_HEADS and tok.i > start and doc[tok.i - 1].lower_ in ("the", "this"):
            return _titled_person(ctx, tok)
    orgs = [r for r in refs if not _possessive(doc, r)]
    return [orgs[-1].key] if orgs else []


def _titled_person(ctx: DocContext, noun: Token) -> list[str]:
    """ "the minister said": the latest person named next to that title word."""
    doc = ctx.doc
    persons = [r for r in ctx.resolver.refs_between(0, noun.i) if r.type is ActorType.PERSON]
    for r in reversed(persons):
        near = doc[max(0, r.start - 6) : min(len(doc), r.end + 6)]
        if any(t.lower_ == noun.lower_ and t.i != noun.i for t in near):
            return [r.key]
    return []


def _possessive(doc: Doc, r: Ref) -> bool:
    return r.end < len(doc) and doc[r.end].text in ("'s", "’s")


def _latest_org(ctx: DocContext, before: int) -> list[str]:
    orgs = [r for r in ctx.resolver.refs_between(0, before) if r.type is ActorType.ORGANISATION]
    return [orgs[-1].key] if orgs else []


def _plural_group(ctx: DocContext, tok: Token) -> list[str]:
    """ "they": the persons named together in the nearest earlier sentence naming two or more."""
    sent = tok.sent
    for _ in range(3):
        persons = [
            r.key
            for r in ctx.resolver.refs_between(sent.start, min(sent.end, tok.i))
            if r.type is ActorType.PERSON
        ]
        if len(set(persons)) > 1:
            return list(dict.fromkeys(persons))
        if sent.start == 0:
            break
        sent = ctx.doc[sent.start - 1].sent
    return []


def _from_trail(ctx: DocContext, q: QuoteSpan, text: str, stop: int, last: list[str]) -> _Attribution | None:
    """A cue after the quotation, in the same sentence."""
    doc = ctx.doc
    _, close_tok = _tokens(ctx, q)
    start = close_tok + 1
    end = start
    while end < min(stop, len(doc)) and doc[end].text not in _SENT_END:
        end += 1
    if start >= end:
        return None
    first_word = next((t for t in doc[start:end] if t.is_alpha), None)
    if (
        _ends_sentence(text)
        and (first_word is None or first_word.text[:1].isupper())
        and not (first_word is not None and first_word.lower_ in CUE_VERBS)
    ):
        return None
    if first_word is not None and first_word.lower_ in LABEL_NOUNS:
        return None
    for tok in doc[start : min(end, start + 25)]:
        low = tok.lower_
        if low == "according" and tok.i + 1 < end and doc[tok.i + 1].lower_ == "to":
            speakers = _speakers_after(ctx, tok.i + 2, end)
            return _Attribution(speakers, 0.85, doc[end - 1].idx + len(doc[end - 1])) if speakers else None
        if low in CUE_VERBS and tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
            verb_first = all(not t.is_alpha for t in doc[start : tok.i])
            if verb_first:
                speakers = _speakers_after(ctx, tok.i + 1, end)
            else:
                speakers = _speakers_before(ctx, start, tok.i, last)
            if not speakers:
                return None
            named = any(t.pos_ != "PRON" for t in doc[start : tok.i + 2] if t.is_alpha)
            return _Attribution(speakers, 0.9 if named else 0.8, doc[end - 1].idx + len(doc[end - 1]))
    return None


def _from_lead(ctx: DocContext, q: QuoteSpan, text: str, floor: int) -> _Attribution | None:
    """A cue before the quotation in its sentence: "X said: '...'" or a partial quotation."""
    doc = ctx.doc
    open_tok, _ = _tokens(ctx, q)
    start = max(floor, doc[open_tok].sent.start)
    lead = doc[start:open_tok]
    full_intro = (bool(lead) and lead[-1].text in (":", ",")) or (len(lead) > 0 and lead[-1].lower_ == "that")
    verbs = PARTIAL_CUE_VERBS if not full_intro else CUE_VERBS | PARTIAL_CUE_VERBS
    if not full_intro and len(text.split()) < 2:
        return None
    for tok in reversed(lead):
        if tok.lower_ == "according" and tok.i + 1 < open_tok and doc[tok.i + 1].lower_ == "to":
            speakers = _speakers_after(ctx, tok.i + 2, open_tok)
            return _Attribution(speakers, 0.8, q.close + 1) if speakers else None
        if tok.lower_ in verbs and tok.pos_ in ("VERB", "AUX") and doc[max(0, tok.i - 1)].text != "-":
            subj = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
            if not subj:
                return None
            speakers = _speakers_before(ctx, subj[0].left_edge.i, subj[0].right_edge.i + 1, [])
            if not speakers:
                return None
            return _Attribution(speakers, 0.85 if full_intro else 0.6, q.close + 1)
    return None


def _is_a_title(ctx: DocContext, q: QuoteSpan) -> bool:
    """ "a report titled 'Chips and Consequences'": the quoted words name a work, nobody says them."""
    before = ctx.token_at(q.open) - 1
    return before >= 0 and ctx.doc[before].lower_ in _TITLING


def extract_quotes(doc: Doc, ctx: DocContext) -> list[Quote]:
    """Every attributed quotation in `doc`, one `Quote` per speaker."""
    text = doc.text
    spans = find_quotes(text)
    paras = paragraphs(text)
    found: list[tuple[QuoteSpan, _Attribution]] = []
    last: list[str] = []
    for n, q in enumerate(spans):
        qtext = text[q.start : q.end]
        if _is_a_title(ctx, q):
            continue
        nxt = spans[n + 1] if n + 1 < len(spans) else None
        stop = ctx.token_at(nxt.open) if nxt and nxt.paragraph == q.paragraph else len(doc)
        prev_close = (
            ctx.token_at(spans[n - 1].close) + 1 if n and spans[n - 1].paragraph == q.paragraph else 0
        )
        att = _from_trail(ctx, q, qtext, stop, last) or _from_lead(ctx, q, qtext, prev_close)
        if att is None and _is_full(qtext) and last and _continues(text, paras, q, spans, n, found):
            att = _Attribution(last, 0.75, q.close + 1)
        if att is None:
            continue
        found.append((q, att))
        last = att.speakers
    quotes = []
    for q, att in found:
        inside = {r.key for r in ctx.resolver.refs_between(ctx.token_at(q.start), ctx.token_at(q.end) + 1)}
        for key in dict.fromkeys(att.speakers):
            about = tuple(ctx.resolver.actor(k) for k in sorted(inside - {key}))
            quotes.append(
                Quote(
                    speaker=ctx.resolver.actor(key),
                    text=text[q.start : q.end],
                    text_start=q.start,
                    text_end=q.end,
                    about=about,
                    evidence=ctx.evidence(q.open, max(q.close + 1, att.cue_end), EXTRACTOR, att.confidence),
                )
            )
    return quotes


def _continues(
    text: str,
    paras: list[tuple[int, int]],
    q: QuoteSpan,
    spans: list[QuoteSpan],
    n: int,
    found: list[tuple[QuoteSpan, _Attribution]],
) -> bool:
    """A cue-less full quotation right after an attributed one: same paragraph, or a paragraph
    that is nothing but this quotation following a paragraph that ended with one."""
    if not found:
        return False
    prev_q = found[-1][0]
    if prev_q is not spans[n - 1]:
        return False
    if prev_q.paragraph == q.paragraph:
        return True
    if prev_q.paragraph != q.paragraph - 1:
        return False
    ps, pe = paras[q.paragraph]
    outside = text[ps : q.open] + text[q.close + 1 : pe]
    return not any(c.isalnum() for c in outside)
