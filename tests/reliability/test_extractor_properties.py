"""Property-based: the extractor never raises, and every offset it reports points at its own evidence.

Texts mix real actor names from the gazetteer, cue verbs, titles, money and every kind of quotation
mark, plus arbitrary Unicode. Example counts stay modest (2-core CI); no deadline, spaCy is slow.
"""

from __future__ import annotations

from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import ExtractionError
from graph.model import Document, Extraction, Funding, Quote
from ingest.names.gazetteer import load_gazetteer
from ingest.pipeline import extract

QUOTE_MARKS = ['"', "“", "”", "„", "«", "»", "‘", "’", "'", "‹", "›", "「", "」", "``", "''"]
CUES = ["said", "told reporters", "according to", "added", "warned", "wrote", ":", "says", "argued"]
TITLES = ["Executive Vice-President of the", "chief executive of", "minister at the", "former head of",
          "acting director of", "CEO of", "spokesperson for", ","]
MONEY = ["€7.5 billion", "$2bn", "£100m", "EUR 3 million", "1.2 trillion yen", "€", "$"]
FILLER = ["The", "rules", "will", "protect", "citizens", "and", "fund", "the", "AI", "sector", "over",
          "2021-2027", ".", ",", "\n", "\n\n", "(", ")", "—", "–", "-", "!", "?", ";", "…"]


@lru_cache(maxsize=1)
def names() -> list[str]:
    return sorted({form for e in load_gazetteer().entries for form in e.forms()})


def fragment() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(names()), st.sampled_from(QUOTE_MARKS), st.sampled_from(CUES),
        st.sampled_from(TITLES), st.sampled_from(MONEY), st.sampled_from(FILLER),
        st.text(max_size=12),
    )


policy_texts = st.lists(fragment(), min_size=1, max_size=60).map(" ".join)
# A quote with an attribution, surrounded by noise: the shape the extractor is built for.
quoted = st.builds(
    lambda who, title, org, mark, words, cue, tail: f"{who}, {title} {org}, {cue} {mark}{words}{mark} {tail}",
    st.sampled_from(names()), st.sampled_from(TITLES), st.sampled_from(names()), st.sampled_from(QUOTE_MARKS),
    st.lists(st.sampled_from(FILLER + names()), min_size=0, max_size=15).map(" ".join),
    st.sampled_from(CUES), policy_texts,
)
COMMON = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                  derandomize=True)


def check_offsets(text: str, extraction: Extraction) -> None:
    n = len(text)
    for fact in extraction.facts:
        ev = fact.evidence
        assert 0 <= ev.start < ev.end <= n, (fact.kind, ev.start, ev.end, n)
        span = text[ev.start : ev.end]
        assert span == span.strip() and span, (fact.kind, span)
        assert ev.sentence and ev.sentence in text, (fact.kind, ev.sentence)
        assert ev.doc_id == extraction.document.id
        if isinstance(fact, Quote):
            assert 0 <= fact.start <= fact.end <= n
            assert text[fact.start : fact.end] == fact.text
            assert ev.start <= fact.start and fact.end <= ev.end, "quote outside its evidence"
        if isinstance(fact, Funding):
            assert fact.amount in span, (fact.amount, span)


def run(text: str) -> None:
    """A clear refusal (`ExtractionError`: empty or not prose) is allowed; any other exception is a bug."""
    try:
        extraction = extract(Document(source="hypothesis", text=text))
    except ExtractionError as exc:
        assert "empty" in str(exc) or "not prose" in str(exc), exc
        return
    check_offsets(text, extraction)
    assert extraction.failures == (), extraction.failures  # the guard keeps the text; the rule is a bug


@COMMON
@given(policy_texts)
def test_policy_like_text(text: str) -> None:
    run(text)


@COMMON
@given(quoted)
def test_attributed_quotes(text: str) -> None:
    run(text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.text(min_size=1, max_size=300))
def test_arbitrary_unicode(text: str) -> None:
    run(text)
