"""Headlines: lines in Title Case where the small model reads verbs as names ("Castillo Visit
Atlanta", "Hoeven Announces"). A person found in a headline stops before such a verb."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ingest.lexicon import HEADLINE_VERBS

_MIN_WORDS = 3
_CLOSERS = {".", "!", "?", ":", ";", ",", '"', "”", "’"}  # a line ending so is prose, not a headline


def headline_tokens(doc: Doc) -> set[int]:
    """Tokens on lines written in Title Case without a closing full stop."""
    out: set[int] = set()
    start = 0
    for tok in [*doc, None]:
        if tok is not None and not (tok.is_space and "\n" in tok.text):
            continue
        end = tok.i if tok is not None else len(doc)
        line = doc[start:end]
        words = [t for t in line if t.is_alpha and len(t) > 3]
        capitalised = sum(t.text[:1].isupper() for t in words)
        last = line[-1].text if len(line) else ""
        if len(words) >= _MIN_WORDS and capitalised >= 0.7 * len(words) and last not in _CLOSERS:
            out.update(range(start, end))
        start = end + 1
    return out


def trim_headline_person(doc: Doc, ent: Span, headline: set[int]) -> Span | None:
    """A PERSON in a headline cut before its first Title Case verb ("Hoeven Announces" -> "Hoeven")."""
    if ent.label_ != "PERSON" or ent.start not in headline:
        return ent
    for tok in ent:
        if tok.i > ent.start and (tok.lower_ in HEADLINE_VERBS or tok.is_stop):
            return Span(doc, ent.start, tok.i, label=ent.label_)
        if tok.i == ent.start and tok.lower_ in HEADLINE_VERBS:
            return None
    return ent
