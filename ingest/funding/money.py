"""Amounts of money as written, normalised to a value in units and an ISO currency."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
_SYMBOLS = [
    ("US$", "USD"),
    ("U.S.$", "USD"),
    ("USD", "USD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("EUR", "EUR"),
    ("£", "GBP"),
    ("GBP", "GBP"),
    ("¥", "CNY"),
    ("RMB", "CNY"),
    ("CNY", "CNY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("dollars", "USD"),
    ("pounds", "GBP"),
    ("yen", "JPY"),
    ("JPY", "JPY"),
    ("HK$", "HKD"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("S$", "SGD"),
    ("NT$", "TWD"),
    ("₩", "KRW"),
    ("won", "KRW"),
]
_NUMBER = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion|mln|mn|bn|trn|tn|[kmbt])?\b", re.I
)


@dataclass(frozen=True)
class Money:
    text: str
    value: float
    currency: str | None


def _currency(text: str) -> str | None:
    # HK$, NT$ and friends before the bare "$"; word currencies need word boundaries.
    for symbol, code in sorted(_SYMBOLS, key=lambda sc: -len(sc[0])):
        if symbol.isalpha():
            if re.search(rf"\b{re.escape(symbol)}\b", text, re.I if symbol.islower() else 0):
                return code
        elif symbol in text:
            return code
    return None


def parse_money(text: str) -> Money | None:
    """`Money` for "nearly $1.6 billion", "US$1 trillion", "€2bn"; None when there is no number."""
    m = _NUMBER.search(text)
    if not m:
        return None
    value = float(m.group(1).replace(",", ""))
    unit = (m.group(2) or "").lower()
    value *= _SCALE.get(unit, 1.0)
    currency = _currency(text)
    if currency is None:
        return None
    return Money(text=text.strip(), value=value, currency=currency)
