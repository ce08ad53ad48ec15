"""Amounts of money in a text, as written: "more than $1.86 billion", "$74,424,986.73", "£400million",
"between €15 million and €40 million" (one amount, the range kept), "10 billion yuan".

Found by pattern over the text rather than by the model's MONEY entities, which often leave out the
currency sign or the qualifier ("74,424,986.73" for "$74,424,986.73").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ingest.funding.money import Money, parse_money

_QUALIFIER = (
    r"(?i:(?:more than|less than|over|nearly|almost|about|approximately|up to|roughly|around|some|"
    r"at least|an additional|a further|an estimated|just over|just under|close to)\s+)?"
)
_SIGN = r"(?:US\$|U\.S\.\s?\$|NT\$|HK\$|A\$|C\$|S\$|R\$|\$|€|£|¥|₩|USD\s?|EUR\s?|GBP\s?)"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?-?\s?(?i:thousand|million|billion|trillion|mln|mn|bn|trn|tn|[kmb])\b)?"
_WORD_CURRENCY = r"\s(?:dollars|euros?|pounds|yuan|renminbi|yen|won)\b"
_SIGNED = rf"{_SIGN}\s?(?:{_NUMBER}){_SCALE}"
_WORDED = rf"(?:{_NUMBER})\s?(?i:thousand|million|billion|trillion){_WORD_CURRENCY}"
_ONE = rf"(?:{_SIGNED}|{_WORDED})"
_AMOUNT = re.compile(rf"(?i:between\s+)(?P<low>{_ONE})\s+and\s+(?P<high>{_ONE})|{_QUALIFIER}{_ONE}")


@dataclass(frozen=True)
class Amount:
    """An amount as written in tokens [start, end), with its value; `high` is the top of a range."""

    start: int
    end: int
    money: Money
    high: float | None = None

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


def find_amounts(doc: Doc) -> list[Amount]:
    """Every amount of money in `doc`, in order, each once."""
    out: list[Amount] = []
    taken = -1
    for m in _AMOUNT.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or span.start < taken:
            continue
        if m.group("low"):
            low, high = parse_money(m.group("low")), parse_money(m.group("high"))
            if low is None:
                continue
            money = Money(text=m.group(0), value=low.value, currency=low.currency)
            out.append(Amount(span.start, span.end, money, high.value if high else None))
        else:
            single = parse_money(m.group(0))
            if single is None or single.value <= 0:
                continue
            out.append(Amount(span.start, span.end, single))
        taken = span.end
    return out
