"""The quotation-mark scanner: every style of mark, nesting, and never a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.quotes.marks import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_straight_single_and_guillemets() -> None:
    assert quoted("“One,” he said.") == ["One,"]
    assert quoted('"Two," he said.') == ["Two,"]
    assert quoted("‘Three,’ he said.") == ["Three,"]
    assert quoted("«Quatre», dit-il.") == ["Quatre"]
    assert quoted("„Fünf“ sagte er.") == ["Fünf"]


def test_mixed_straight_open_and_curly_close() -> None:
    assert quoted('"Open straight, close curly.” said X.') == ["Open straight, close curly."]


def test_a_title_nested_inside_a_quotation_stays_inside() -> None:
    assert quoted("“I read ‘The Wall’ and “Other” twice,” she said.") == [
        "I read ‘The Wall’ and “Other” twice,"
    ]


def test_apostrophes_are_not_quotation_marks() -> None:
    assert quoted("China’s plan isn’t the ’90s, it's new.") == []


def test_multi_paragraph_quotation_continues_across_an_opening_mark() -> None:
    spans = find_quotes("“First paragraph.\n\n“Second paragraph,” she said.")
    assert len(spans) == 1 and spans[0].multi_paragraph


def test_unbalanced_marks_are_dropped_at_the_paragraph_end() -> None:
    assert quoted('He said "this never closes.\n\nNext paragraph is plain.') == []
    assert quoted('He said "this never closes.\n\n«Autre», dit-il.') == ["Autre"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.\n“”„‟\"'‘’«»‹›[]")), max_size=80))
def test_any_mix_of_marks_never_crashes_and_spans_are_in_bounds(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.open < q.start <= q.end <= q.close < len(text)
