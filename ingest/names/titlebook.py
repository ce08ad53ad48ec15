"""Job titles as data (`data/titles.yaml`): title words, short forms, and the office a title implies.

The rules in `ingest/roles` ask this book which organisation "U.S. Senator" or "Attorney General"
implies; what they know about titles lives in the YAML file, not in code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, field_validator

TITLES_PATH = Path(str(files("ingest").joinpath("data", "titles.yaml")))
_SLOT = "{x}"


def title_words(text: str) -> list[str]:
    """Lower-case words of a title, possessives, hyphens and punctuation around words dropped."""
    text = text.replace("’", "'").replace("'s ", " ").replace("-", " ").lower()
    return [w.strip(",;:()") for w in text.split() if w.strip(",;:()")]


class Implied(BaseModel):
    """A title that names its organisation by convention: "Senator" -> the United States Senate."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    org: str
    jurisdiction: str | None = None

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(title_words(self.title))


class Pattern(BaseModel):
    """A title that spells out its office: "U.S. Attorney for the {x}" -> "U.S. Attorney's Office ..."."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    org: str
    jurisdiction: str | None = None
    known: bool = False  # the built name must be a gazetteer entry

    @field_validator("title")
    @classmethod
    def _one_slot_at_end(cls, v: str) -> str:
        if not v.endswith(_SLOT) or v.count(_SLOT) != 1:
            raise ValueError(f"title pattern {v!r} needs exactly one {_SLOT}, at its end")
        return v

    def match(self, words: list[str], written: list[str]) -> str | None:
        """The office name when the title's `words` start with the fixed words; `written` keeps case."""
        fixed = title_words(self.title[: -len(_SLOT)])
        n = len(fixed)
        if len(words) <= n or words[:n] != fixed:
            return None
        rest = " ".join(written[n:]).strip(" ,")
        return self.org.replace(_SLOT, rest) if rest[:1].isupper() else None


class TitleData(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    heads: frozenset[str]
    modifiers: frozenset[str]
    honorifics: frozenset[str]
    abbreviations: dict[str, str]
    plurals: dict[str, str]
    state_heads: tuple[str, ...]
    implied: tuple[Implied, ...]
    patterns: tuple[Pattern, ...]
    default_jurisdiction: str | None = None


class TitleBook:
    """Lookups over `TitleData`: heads and modifiers, short forms, implied offices, patterns."""

    def __init__(self, data: TitleData) -> None:
        self.data = data
        self.heads = frozenset(w.lower() for w in data.heads) | frozenset(
            w.lower() for w in data.abbreviations
        )
        self.modifiers = frozenset(w.lower() for w in data.modifiers)
        self.honorifics = frozenset(w.lower() for w in data.honorifics)
        self.expand = {k.lower(): v.lower() for k, v in data.abbreviations.items()}
        self.plurals = {k.lower(): v.lower() for k, v in data.plurals.items()}
        # longest titles first, so "senate majority leader" wins over "leader"
        self._implied = sorted(data.implied, key=lambda i: -len(i.words))
        self._state_heads = sorted((tuple(title_words(t)) for t in data.state_heads), key=len, reverse=True)

    def normal_words(self, text: str) -> list[str]:
        """Title words with short forms expanded and plurals made singular ("Sens." -> "senator")."""
        out = []
        for w in title_words(text):
            w = self.expand.get(w, w)
            out.append(self.plurals.get(w, w))
        return out

    def is_plural(self, word: str) -> bool:
        w = word.lower()
        return w in self.plurals or self.expand.get(w, "") in self.plurals

    def implied(self, words: list[str], weight: dict[str, int]) -> Implied | None:
        """The office implied by the last words of a title, in a jurisdiction the text is about.

        `weight` counts how much the text is about each country or bloc; an entry whose jurisdiction
        the text never names is not used."""
        best: Implied | None = None
        for entry in self._implied:
            n = len(entry.words)
            if len(words) < n or tuple(words[-n:]) != entry.words:
                continue
            if entry.jurisdiction and not self.in_jurisdiction(entry.jurisdiction, weight):
                continue
            if best is None or len(entry.words) > len(best.words):
                best = entry
        return best

    def pattern_office(
        self, words: list[str], written: list[str], weight: dict[str, int]
    ) -> tuple[str, bool] | None:
        """(office name, must be known) for a title that spells its office out."""
        for p in self.data.patterns:
            if p.jurisdiction and not self.in_jurisdiction(p.jurisdiction, weight):
                continue
            name = p.match(words, written)
            if name:
                return name, p.known
        return None

    def in_jurisdiction(self, region: str, weight: dict[str, int]) -> bool:
        """The text names `region`, or names no country or bloc and `region` is the default one."""
        if weight.get(region, 0) > 0:
            return True
        named = any(v > 0 for k, v in weight.items() if k.startswith(("country:", "bloc:")))
        return not named and region == self.data.default_jurisdiction

    def state_head(self, words: list[str]) -> bool:
        """ "Prime Minister", "President": the head of a state or government."""
        return any(len(words) >= len(h) and tuple(words[-len(h) :]) == h for h in self._state_heads)


def _parse(path: Path) -> TitleData:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return TitleData.model_validate(raw)


@lru_cache(maxsize=4)
def load_titles(path: Path = TITLES_PATH) -> TitleBook:
    """The title book at `path`, parsed and validated once per process."""
    return TitleBook(_parse(path))


_ABBREV = re.compile(r"^[A-Z][a-z]{1,4}s?\.$")


def tokenizer_exceptions(book: TitleBook) -> list[str]:
    """Short forms the tokenizer must keep whole ("Sens.", "Sec."), so they never end a sentence."""
    return [a for a in book.data.abbreviations if _ABBREV.match(a)]
