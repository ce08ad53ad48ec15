"""Unmarked block quotations (GOV.UK style): a paragraph ending "X said:" introduces the
paragraphs after it, printed without quotation marks, up to the next quotation, attribution
or heading."""

from __future__ import annotations

import re

from graph.model import Quote
from ingest.context import DocContext
from ingest.lexicon import CUE_VERBS
from ingest.quotes.speakers import speakers_before

EXTRACTOR = "quotes.block"
_MARKS = re.compile(r"[\"“”‘’«»]")
_INTRO = re.compile(r"(\w+)\s*:\s*$")
_MAX_PARAGRAPHS = 4


def _is_prose(para: str) -> bool:
    """A paragraph of sentences, not a heading ("Notes to editors") nor a new introduction."""
    body = para.strip()
    return body[-1:] in (".", "!", "?") and len(body.split()) >= 5 and not _MARKS.search(body)


def block_quotes(ctx: DocContext, paras: list[tuple[int, int]]) -> list[Quote]:
    text = ctx.text
    out: list[Quote] = []
    for n, (ps, pe) in enumerate(paras):
        para = text[ps:pe]
        m = _INTRO.search(para)
        if m is None or m.group(1).lower() not in CUE_VERBS or _MARKS.search(para):
            continue
        cue = ctx.token_at(ps + m.start(1))
        speakers = speakers_before(ctx, ctx.token_at(ps), cue, [])
        if not speakers:
            continue
        for qs, qe in paras[n + 1 : n + 1 + _MAX_PARAGRAPHS]:
            if not _is_prose(text[qs:qe]):
                break
            start = qs + len(text[qs:qe]) - len(text[qs:qe].lstrip())
            end = qs + len(text[qs:qe].rstrip())
            for key in speakers:
                quote = Quote(
                    speaker=ctx.resolver.actor(key),
                    text=text[start:end],
                    start=start,
                    end=end,
                    about=(),
                    evidence=ctx.evidence(ps, end, EXTRACTOR, 0.7),
                )
                out.append(ctx.record(quote, [(ps + m.start(1), ps + m.end(1))]))
    return out
