"""Who said what: attribute each quotation to its speaker(s) through the cue around it.

Cue after the quote ("...," said X / X said / he wrote / according to X), cue before it
(X said: "..."), a quotation continuing a speaker's earlier one in the same paragraph or
the next, and partial quotes carried by a reporting verb. Headings, labels ("the 'X'
program") and scare quotes have no cue and yield nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from graph.model import Quote
from ingest.context import DocContext
from ingest.lexicon import CUE_VERBS, LABEL_NOUNS, PARTIAL_CUE_VERBS
from ingest.quotes.blocks import block_quotes
from ingest.quotes.intros import intro_speakers, label_speaker
from ingest.quotes.marks import ALL_MARKS, QuoteSpan, find_quotes, paragraphs
from ingest.quotes.speakers import SUBJECT_DEPS, speakers_after, speakers_before

_SENT_END = {".", "!", "?", ";"}
_TITLING = {"titled", "entitled", "named", "headlined", "dubbed", "called"}


@dataclass
class _Attribution:
    speakers: list[str]
    confidence: float
    cue_end: int  # character offset where the supporting words end
    rule: str = "cue"


def _tokens(ctx: DocContext, q: QuoteSpan) -> tuple[int, int]:
    return ctx.token_at(q.open), ctx.token_at(q.close)


def _is_full(text: str) -> bool:
    """Sentence-like speech, not a phrase: capital or editorial bracket first, three words or more."""
    first = text.lstrip("[(…. ")[:1]
    return (first.isupper() or text.startswith("[")) and len(text.split()) >= 3


def _ends_sentence(text: str) -> bool:
    return text.rstrip(" ])\"'’”").endswith(".")


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
            speakers = speakers_after(ctx, tok.i + 2, end)
            return (
                _Attribution(speakers, 0.85, doc[end - 1].idx + len(doc[end - 1]), "according-to")
                if speakers
                else None
            )
        if low in CUE_VERBS and tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
            verb_first = all(not t.is_alpha for t in doc[start : tok.i])
            if verb_first:
                speakers = speakers_after(ctx, tok.i + 1, end)
            else:
                speakers = speakers_before(ctx, start, tok.i, last)
            if not speakers:
                return None
            named = any(t.pos_ != "PRON" for t in doc[start : tok.i + 2] if t.is_alpha)
            return _Attribution(
                speakers,
                0.9 if named else 0.8,
                doc[end - 1].idx + len(doc[end - 1]),
                "after" if named else "after.pronoun",
            )
    return None


def _subject_end(subj: Token) -> int:
    """End of a subject without what trails its noun: "[Supporters] of the 'Shared Labs' program" speak,
    the programme named inside does not."""
    end = subj.i + 1
    for child in subj.children:
        if child.i > subj.i and child.dep_ not in ("prep", "relcl", "acl"):
            end = max(end, child.right_edge.i + 1)
    return end


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
            speakers = speakers_after(ctx, tok.i + 2, open_tok)
            return _Attribution(speakers, 0.8, q.close + 1, "according-to") if speakers else None
        put_it = (
            tok.lower_ == "put" and tok.i + 1 < open_tok and doc[tok.i + 1].lower_ == "it"
        )  # "as X put it"
        if (put_it and full_intro) or (
            tok.lower_ in verbs and tok.pos_ in ("VERB", "AUX") and doc[max(0, tok.i - 1)].text != "-"
        ):
            subj = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
            if not subj:
                return None
            speakers = speakers_before(ctx, subj[0].left_edge.i, _subject_end(subj[0]), [])
            if not speakers:
                return None
            return _Attribution(
                speakers, 0.85 if full_intro else 0.6, q.close + 1, "before" if full_intro else "partial"
            )
    return None


def _is_a_title(ctx: DocContext, q: QuoteSpan) -> bool:
    """ "a report titled 'Chips and Consequences'", "CBS News' '60 Minutes' program": the quoted words
    name a work, nobody says them."""
    doc = ctx.doc
    before = ctx.token_at(q.open) - 1
    after = ctx.token_at(q.close) + 1
    if before >= 0 and doc[before].lower_ in _TITLING:
        return True
    return (
        after < len(doc) and doc[after].lower_ in LABEL_NOUNS and len(ctx.text[q.start : q.end].split()) <= 6
    )


def _opens_paragraph(text: str, paras: list[tuple[int, int]], q: QuoteSpan) -> str | None:
    """What stands before the quotation in its paragraph when that is nothing or a label ("NAME:")."""
    ps, _ = paras[q.paragraph]
    lead = text[ps : q.open]
    return lead if not lead.strip() or lead.rstrip().endswith(":") else None


def _segments(text: str, paras: list[tuple[int, int]], q: QuoteSpan) -> list[tuple[int, int]]:
    """One (start, end) per paragraph of a quotation that runs over paragraphs, each re-opened by its
    own quotation mark; the gold and readers count each paragraph as a quotation."""
    if not q.multi_paragraph:
        return [(q.start, q.end)]
    out = []
    for ps, pe in paras:
        s, e = max(q.start, ps), min(q.end, pe)
        while s < e and (text[s].isspace() or text[s] in ALL_MARKS):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ALL_MARKS):
            e -= 1
        if e > s:
            out.append((s, e))
    return out or [(q.start, q.end)]


def extract_quotes(doc: Doc, ctx: DocContext) -> list[Quote]:
    """Every attributed quotation in `doc`, one `Quote` per speaker."""
    text = ctx.text
    spans = find_quotes(text)
    paras = paragraphs(text)
    found: list[tuple[QuoteSpan, _Attribution]] = []
    last: list[str] = []
    ctx.quoted = {i for q in spans for i in range(ctx.token_at(q.start), ctx.token_at(q.end) + 1)}
    titles = {n for n, q in enumerate(spans) if _is_a_title(ctx, q)}
    for n, q in enumerate(spans):
        qtext = text[q.start : q.end]
        if n in titles:
            continue
        nxt = spans[n + 1] if n + 1 < len(spans) else None
        stop = ctx.token_at(nxt.open) if nxt and nxt.paragraph == q.paragraph else len(doc)
        prev = next((spans[m] for m in range(n - 1, -1, -1) if m not in titles), None)
        prev_close = ctx.token_at(prev.close) + 1 if prev is not None and prev.paragraph == q.paragraph else 0
        att = _from_trail(ctx, q, qtext, stop, last) or _from_lead(ctx, q, qtext, prev_close)
        lead = _opens_paragraph(text, paras, q) if att is None else None
        if lead is not None and lead.strip():
            key = label_speaker(ctx, lead)  # "CHAIRMAN GALLAGHER: “...”"
            att = _Attribution([key], 0.8, q.close + 1, "label") if key else None
        elif lead is not None:
            speakers, confidence = intro_speakers(ctx, paras, q.paragraph)  # "... the following statement:"
            att = _Attribution(speakers, confidence, q.close + 1, "intro") if speakers else None
        if att is None and _is_full(qtext) and last and _continues(text, paras, q, spans, n, found):
            att = _Attribution(last, 0.75, q.close + 1, "continues")
        if att is None and _resumes(text, q, spans, n, found):
            att = _Attribution(last, 0.8, q.close + 1, "resumes")
        if att is None:
            continue
        found.append((q, att))
        last = att.speakers
    quotes = []
    for q, att in found:
        inside = {r.key for r in ctx.resolver.refs_between(ctx.token_at(q.start), ctx.token_at(q.end) + 1)}
        for i in range(ctx.token_at(q.start), ctx.token_at(q.end) + 1):
            ctx.speaker_at.setdefault(i, att.speakers[0])
        cue = (q.close + 1, att.cue_end) if att.cue_end > q.close + 1 else (q.open, q.open)
        segments = _segments(text, paras, q)
        evidence = ctx.evidence(q.open, max(q.close + 1, att.cue_end), f"quotes.{att.rule}", att.confidence)
        for key in dict.fromkeys(att.speakers):
            about = tuple(ctx.resolver.actor(k) for k in sorted(inside - {key}))
            for start, end in segments:
                quote = Quote(speaker=ctx.resolver.actor(key), text=text[start:end], start=start, end=end,
                              about=about, evidence=evidence)
                quotes.append(ctx.record(quote, [cue]))
    return quotes + block_quotes(ctx, paras)


def _resumes(text: str, q: QuoteSpan, spans: list[QuoteSpan], n: int, found: list) -> bool:
    """ "'We cannot allow,' said X, 'shell companies ...'": the sentence goes on after its cue."""
    if not found or found[-1][0] is not spans[n - 1] or found[-1][0].paragraph != q.paragraph:
        return False
    prev = found[-1][0]
    between = text[prev.close + 1 : q.open].strip()
    return text[prev.start : prev.end].rstrip().endswith(",") and between.endswith(",") and len(between) < 200


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
