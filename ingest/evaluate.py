"""Precision, recall and F1 of extracted facts against hand-labelled gold (`NAME.gold.json` beside
`NAME.txt`), by the conventions of the project's shared fact format: forgiving about spelling, strict
about substance. Ours, so the floors on our own gold run wherever the repository is checked out, and
users can measure extraction on texts they label themselves (`policygraph evaluate`).

- A name matches when, without titles, small words and single letters, one name's words hold the
  other's and at least two remain, or one is the other's acronym; a gold value may list alternatives.
- A quote matches on its speaker and on containing the gold quotation's opening words.
- A role matches on person, organisation and a title sharing a word (or being its acronym).
- A funding fact matches on source, target (sector words aside) and an amount within 1%.
- Matching is one-to-one and maximal; gold entries marked `optional` count neither way.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ingest.names.titlebook import load_titles

__all__ = ["KINDS", "Score", "evaluate", "match"]

Fact = dict[str, Any]
KINDS = {"quote": "quotes", "role": "roles", "funding": "funding"}
_SMALL = {"the", "of", "and", "for", "on", "in", "a", "an", "to", "at", "s", "us", "u"}
_SECTOR_WORDS = {"sector", "industry", "industrie", "field"}
_SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
           "trillion": 1e12, "tn": 1e12, "t": 1e12}
_NUMBER = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)[\s\-\u2011]*(thousand|million|billion|trillion|mn|bn|tn|[mbt])?\b"
)


def words(text: str) -> list[str]:
    """Lower-case ASCII words; every spelling of the United States is one word, possessives dropped."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"\bUS\b", "usa", text).lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"\bunited states\b|\bu\.\s?s\.(?:\s?a\.)?|\busa\b", " usa ", text)
    return re.findall(r"[a-z0-9]+", text)


@cache
def _title_words() -> frozenset[str]:
    book = load_titles()
    return book.heads | book.modifiers | frozenset(w.rstrip(".") for w in book.honorifics)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _name_words(name: str) -> set[str]:
    titles = _title_words()
    return {_singular(w) for w in words(name) if w not in titles and w not in _SMALL and len(w) > 1}


def _options(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _acronym(short: str, long: str) -> bool:
    letters = "".join(words(short))
    long_words = [w for w in words(long) if w not in _SMALL]
    return len(letters) >= 2 and len(long_words) >= 2 and letters == "".join(w[0] for w in long_words)


def _same_name(gold: str, pred: str) -> bool:
    g, p = _name_words(gold), _name_words(pred)
    if not g or not p:
        return False
    small, large = sorted((g, p), key=len)
    return g == p or (len(small) >= 2 and small <= large) or _acronym(gold, pred) or _acronym(pred, gold)


def same_name(gold: Any, pred: str) -> bool:
    return any(_same_name(g, pred) for g in _options(gold))


def _same_title(gold: str, pred: str) -> bool:
    g = [w for w in words(gold) if w not in _SMALL]
    p = [w for w in words(pred) if w not in _SMALL]
    if not g or not p:
        return False
    if any(_same_word(a, b) for a in g for b in p):
        return True  # "Chair" ~ "Chairwoman", "U.S. Senator" ~ "Senator"
    return _initials_of(g, p) or _initials_of(p, g)  # "CEO" ~ "Chief Executive Officer"


def _same_word(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def _initials_of(short: list[str], long: list[str]) -> bool:
    return len(short) == 1 and short[0] == "".join(w[0] for w in long)


def _same_target(gold: str, pred: str) -> bool:
    g, p = _name_words(gold) - _SECTOR_WORDS, _name_words(pred) - _SECTOR_WORDS
    return bool(g and p) and (g <= p or p <= g or _same_name(gold, pred))


def amount(value: Any) -> float | None:
    """The number an amount stands for: "$2.1 billion" -> 2.1e9; a number stays itself."""
    if value is None or isinstance(value, (int, float)):
        return None if value is None else float(value)
    m = _NUMBER.search(str(value).lower())
    return float(m.group(1).replace(",", "")) * _SCALES.get(m.group(2) or "", 1.0) if m else None


def _same_amount(gold: Any, pred: Any) -> bool:
    if isinstance(gold, list):
        return not gold or any(_same_amount(g, pred) for g in gold)
    g, p = amount(gold), amount(pred)
    return g is None or (p is not None and abs(p - g) <= 0.01 * g)


def _text(fact: Fact, key: str) -> str:
    value = fact.get(key)
    return str(value) if value else ""


SAME: dict[str, Callable[[Fact, Fact], bool]] = {
    "quotes": lambda g, p: same_name(g["speaker"], _text(p, "speaker"))
    and any(" ".join(words(s)) and " ".join(words(s)) in " ".join(words(_text(p, "text")))
            for s in _options(g["quote_start"])),
    "roles": lambda g, p: same_name(g["person"], _text(p, "person"))
    and same_name(g["org"], _text(p, "org"))
    and (not g.get("role") or any(_same_title(r, _text(p, "role")) for r in _options(g["role"]))),
    "funding": lambda g, p: same_name(g["source"], _text(p, "source"))
    and any(_same_target(t, _text(p, "target")) for t in _options(g["target"]))
    and _same_amount(g.get("amount"), p.get("amount_value", p.get("amount"))),
}


def match(golds: list[Fact], preds: list[Fact], same: Callable[[Fact, Fact], bool]) -> tuple[list, list]:
    """Maximum one-to-one matching, required golds first, optional ones only on what is left.
    Returns (missed required golds, unmatched predictions)."""
    owner: dict[int, int] = {}  # prediction -> gold

    def claim(gi: int, seen: set[int], free: Callable[[int], bool]) -> bool:
        for pi, pred in enumerate(preds):
            if pi in seen or not free(pi) or not same(golds[gi], pred):
                continue
            seen.add(pi)
            if pi not in owner or claim(owner[pi], seen, free):
                owner[pi] = gi
                return True
        return False

    required = [i for i, g in enumerate(golds) if not g.get("optional")]
    found = {gi for gi in required if claim(gi, set(), lambda _: True)}
    taken = set(owner)
    for gi in (i for i, g in enumerate(golds) if g.get("optional")):
        claim(gi, set(), lambda pi: pi not in taken)
    missed = [golds[gi] for gi in required if gi not in found]
    return missed, [p for pi, p in enumerate(preds) if pi not in owner]


@dataclass
class Score:
    """Counts of one kind of fact over a gold set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[tuple[str, Fact]] = field(default_factory=list)
    spurious: list[tuple[str, Fact]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(gold_dir: Path, facts: Iterable[Fact]) -> dict[str, Score]:
    """Scores per kind (`quotes`, `roles`, `funding`) of `facts` (JSONL records of `extract --jsonl`)
    against every `*.gold.json` in `gold_dir`; a fact's `doc` is compared by its base name."""
    by_doc: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts:
        kind = KINDS.get(str(fact.get("kind", "")))
        if kind:
            by_doc.setdefault((Path(str(fact.get("doc", ""))).name, kind), []).append(fact)
    scores = {kind: Score() for kind in SAME}
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = gold.get("doc") or gold_path.name.removesuffix(".gold.json") + ".txt"
        for kind, same in SAME.items():
            golds, preds = gold.get(kind, []), by_doc.get((doc, kind), [])
            missed, spurious = match(golds, preds, same)
            s = scores[kind]
            s.fn += len(missed)
            s.fp += len(spurious)
            s.tp += sum(1 for g in golds if not g.get("optional")) - len(missed)
            s.missed += [(doc, g) for g in missed]
            s.spurious += [(doc, p) for p in spurious]
    return scores
