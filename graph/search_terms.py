"""User search text -> query parameters: Lucene strings and whole-word regexes, built safely.

Both stay parameters; building them here only keeps Lucene and regex syntax in the user's text inert.
"""

from __future__ import annotations

import re

from graph.errors import InvalidInput

__all__ = ["has_words", "lucene_terms", "word_patterns"]

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_WORDS = re.compile(r"\w+", re.UNICODE)


def has_words(text: str) -> bool:
    return _WORDS.search(text) is not None


def lucene_terms(text: str, *, fuzzy: bool) -> str:
    """A Lucene query from free text: word terms, escaped and lower-cased (so AND/OR/NOT are terms),
    all required; with `fuzzy`, longer terms tolerate one or two typos."""
    words = [w.lower() for w in _WORDS.findall(text)][:12]
    if not words:
        raise InvalidInput("the search text has no words")
    parts = []
    for w in words:
        t = _LUCENE_SPECIAL.sub(r"\\\1", w)
        if not fuzzy:
            parts.append(t)
        elif len(w) >= 8:
            parts.append(f"({t}^2 OR {t}~2)")
        elif len(w) >= 4:
            parts.append(f"({t}^2 OR {t}~1)")
        else:
            parts.append(f"({t}^2 OR {t}*)")
    return " AND ".join(parts)


def word_patterns(text: str) -> list[str]:
    """One case-insensitive whole-word Java regex per word; `\\Q...\\E` quotes it (words hold no `\\`)."""
    words = _WORDS.findall(text)[:12]
    if not words:
        raise InvalidInput("the search text has no words")
    return [f"(?isU).*\\b\\Q{w}\\E\\b.*" for w in words]
