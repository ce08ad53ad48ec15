"""Find quoted spans in raw text, tolerating every kind of quotation mark and their misuse.

Straight, curly, low-9, single and guillemet marks; nesting (a title inside a quotation);
multi-paragraph quotations whose inner paragraphs open without closing. Unbalanced marks
are dropped at the paragraph end rather than swallowing the rest of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE_AMBIGUOUS = '"‟'
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
SINGLE_AMBIGUOUS = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_AMBIGUOUS + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_AMBIGUOUS
_OPEN_BEFORE = "([{—–-/" + ALL_MARKS
_PARAGRAPH = re.compile(
    r"\n\s*\n|\n(?=\s*[" + re.escape(DOUBLE_OPEN + DOUBLE_AMBIGUOUS + SINGLE_OPEN) + r"])"
    r"|(?<=[.!?:”’\"])\n|\n(?=[A-Z][^\n]{0,80}\n)"
)


@dataclass(frozen=True)
class QuoteSpan:
    """A top-level quotation: marks at `open` and `close`, words in [start, end)."""

    open: int
    close: int
    start: int
    end: int
    paragraph: int
    single: bool = False
    multi_paragraph: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank lines, or single newlines that end a sentence."""
    bounds, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _opening(prev: str, nxt: str) -> bool:
    return (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()


def _closing(prev: str) -> bool:
    return not prev.isspace()


def _single_close(c: str, prev: str, nxt: str) -> bool:
    """A closing single mark, not an apostrophe inside a word ("don't", "China's")."""
    return (c in SINGLE_CLOSE or c in SINGLE_AMBIGUOUS) and _closing(prev) and not nxt.isalnum()


def _starts_with_open(text: str, start: int, end: int, mark: str) -> bool:
    """The paragraph opens with the same kind of mark as the unclosed quotation (news style)."""
    stripped = text[start:end].lstrip()
    return bool(stripped) and stripped[0] == mark


def _span(text: str, open_: int, close: int, para: int, single: bool, multi: bool) -> QuoteSpan | None:
    start, end = open_ + 1, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return QuoteSpan(open_, close, start, end, para, single, multi)


def find_quotes(text: str) -> list[QuoteSpan]:
    """Top-level quoted spans of `text`, in order. Never raises on odd or unbalanced marks."""
    found: list[QuoteSpan] = []
    paras = paragraphs(text)
    carry: int | None = None  # open mark of a quotation continuing into this paragraph
    for p, (ps, pe) in enumerate(paras):
        stack: list[tuple[str, int, bool]] = []  # (kind "d"/"s", position, continued)
        depth = 0  # double marks open on the stack: a counter keeps the scan linear
        for i in range(ps, pe):
            c = text[i]
            if c not in ALL_MARKS:
                continue
            prev = text[i - 1] if i > ps else " "
            nxt = text[i + 1] if i + 1 < pe else " "
            doubles = depth > 0
            if c in DOUBLE_OPEN or c in DOUBLE_CLOSE or c in DOUBLE_AMBIGUOUS:
                if c in DOUBLE_OPEN:
                    is_open = not (doubles and _closing(prev) and not _opening(prev, nxt))
                elif c in DOUBLE_CLOSE:
                    is_open = not doubles and _opening(prev, nxt) and not _closing(prev)
                else:
                    is_open = not doubles and _opening(prev, nxt)
                    if not doubles and not is_open:
                        continue  # a stray straight mark
                if is_open:
                    if carry is not None and not stack:
                        stack.append(("d", carry, True))
                        carry = None
                    else:
                        stack.append(("d", i, False))
                    depth += 1
                    continue
                if not doubles:
                    continue
                while stack and stack[-1][0] != "d":
                    stack.pop()
                _, pos, continued = stack.pop()
                depth -= 1
                if depth == 0:
                    span = _span(text, pos, i, p, False, continued)
                    if span:
                        found.append(span)
            elif not doubles:
                if (c in SINGLE_OPEN or c in SINGLE_AMBIGUOUS) and _opening(prev, nxt):
                    stack.append(("s", i, False))
                elif _single_close(c, prev, nxt) and stack and stack[-1][0] == "s":
                    _, pos, _ = stack.pop()
                    span = _span(text, pos, i, p, True, False) if not stack else None
                    if span:
                        found.append(span)
        carry = None
        bottom = next(((pos, cont) for k, pos, cont in stack if k == "d"), None)
        if (
            bottom is not None
            and p + 1 < len(paras)
            and _starts_with_open(text, *paras[p + 1], text[bottom[0]])
        ):
            carry = bottom[0]
    return found
