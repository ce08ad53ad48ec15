"""User text becomes Lucene and regex parameters safely: specials escaped, operators neutralised."""

from __future__ import annotations

import re

import pytest

from graph.errors import InvalidInput
from graph.search_terms import lucene_terms, word_patterns


def test_fuzzy_terms_scale_with_length() -> None:
    assert lucene_terms("EU", fuzzy=True) == "(eu^2 OR eu*)"
    assert lucene_terms("Vestagr", fuzzy=True) == "(vestagr^2 OR vestagr~1)"
    assert lucene_terms("Margrethe", fuzzy=True) == "(margrethe^2 OR margrethe~2)"


def test_operators_and_specials_are_plain_words() -> None:
    assert lucene_terms('AND OR NOT "x" (y) *:* ~ \\', fuzzy=False) == "and AND or AND not AND x AND y"
    assert lucene_terms("a-b c/d", fuzzy=False) == "a AND b AND c AND d"


@pytest.mark.parametrize("text", ["", "   ", "*:*", "~~", '"', "\\"])
def test_no_words_is_invalid(text: str) -> None:
    with pytest.raises(InvalidInput):
        lucene_terms(text, fuzzy=True)
    with pytest.raises(InvalidInput):
        word_patterns(text)


def test_word_patterns_match_whole_words_only() -> None:
    # Java and Python agree on these constructs; \Q..\E is emulated by re.escape here.
    (pattern,) = word_patterns("AI")
    assert pattern == "(?isU).*\\bAI\\E\\b.*".replace("\\bAI", "\\b\\QAI")
    py = re.compile(r"(?is).*\b" + re.escape("AI") + r"\b.*")
    assert py.match("trustworthy AI, now") and not py.match("said so")
