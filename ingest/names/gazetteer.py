"""Tech-policy actors kept as data (`data/gazetteer.yaml`), loaded and validated once."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, field_validator

from graph.model import Actor, ActorType, normalise_name

GAZETTEER_PATH = Path(str(files("ingest").joinpath("data", "gazetteer.yaml")))

# spaCy entity labels the ruler writes for each actor type.
LABELS: dict[ActorType, str] = {
    ActorType.PERSON: "PERSON",
    ActorType.ORGANISATION: "ORG",
    ActorType.COUNTRY: "GPE",
    ActorType.POLICY: "LAW",
    ActorType.SECTOR: "SECTOR",
    ActorType.PUBLICATION: "PUBLICATION",
}


class GazetteerEntry(BaseModel):
    """One known actor: canonical name, type and every form it is written in."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    type: ActorType
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    title_forms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    jurisdiction: str | None = None  # "bloc:eu" for the European Chips Act
    shared_aliases: tuple[str, ...] = ()  # forms other jurisdictions use too ("Chips Act")

    @field_validator("id")
    @classmethod
    def _has_prefix(cls, v: str) -> str:
        if ":" not in v:
            raise ValueError(f"gazetteer id {v!r} needs a 'prefix:' namespace")
        return v

    @property
    def region(self) -> str | None:
        """The country or bloc an entry belongs to: stated, or read from its id ("us:nsf" -> US)."""
        if self.jurisdiction:
            return self.jurisdiction
        if self.type is ActorType.COUNTRY or self.id.startswith("bloc:"):
            return self.id
        return _REGION_PREFIXES.get(self.id.split(":", 1)[0])

    @property
    def label(self) -> str:
        return LABELS[self.type]

    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.acronyms)

    def actor(self, *aliases: str) -> Actor:
        extra = tuple(a for a in dict.fromkeys(aliases) if a != self.name)
        return Actor(key=self.id, name=self.name, type=self.type, aliases=extra)


# Id prefixes that say where a body belongs (see the header of data/gazetteer.yaml).
_REGION_PREFIXES = {
    "us": "country:us",
    "uk": "country:gb",
    "eu": "bloc:eu",
    "cn": "country:cn",
    "ru": "country:ru",
}


def _fold(text: str) -> str:
    """Lookup key: case-, apostrophe- and article-insensitive."""
    key = normalise_name(text.replace("’", "'"))
    return key.removeprefix("the-")


class Gazetteer:
    """Lookups by any written form, and by the short forms used inside job titles."""

    def __init__(self, entries: list[GazetteerEntry]) -> None:
        self.entries = entries
        self._by_id = {e.id: e for e in entries}
        if len(self._by_id) != len(entries):
            raise ValueError("duplicate gazetteer ids")
        self._by_form: dict[str, GazetteerEntry] = {}
        self._by_acronym: dict[str, GazetteerEntry] = {}
        self._by_title_form: dict[str, GazetteerEntry] = {}
        self._by_demonym = {d: e for e in entries for d in e.demonyms}
        self._shared: dict[str, list[GazetteerEntry]] = {}
        for e in entries:
            for form in e.shared_aliases:
                self._shared.setdefault(_fold(form), []).append(e)
        for e in entries:
            for form in (e.name, *e.aliases):
                self._by_form.setdefault(_fold(form), e)
            for acro in e.acronyms:
                self._by_acronym.setdefault(acro, e)
            for tf in e.title_forms:
                self._by_title_form.setdefault(_fold(tf), e)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, id_: str) -> GazetteerEntry | None:
        return self._by_id.get(id_)

    def lookup(self, text: str) -> GazetteerEntry | None:
        """The entry written as `text` (acronyms case-sensitively, names case-insensitively)."""
        text = text.strip().removesuffix("’s").removesuffix("'s").strip()
        text = text.removeprefix("the ").removeprefix("The ")
        if text in self._by_acronym:
            return self._by_acronym[text]
        entry = self._by_form.get(_fold(text))
        if entry is not None and text.isupper() and text not in entry.forms():
            return None  # "US" the acronym, never "us" the word folded into a name
        return entry

    def in_jurisdiction(self, entry: GazetteerEntry, text: str, weight: dict[str, int]) -> GazetteerEntry:
        """ "Chips Act" in a text about the EU is the European Chips Act: among the entries sharing
        the written form, the one whose jurisdiction the text names most (ties keep `entry`)."""
        rivals = self._shared.get(_fold(text))
        if not rivals:
            return entry
        best = max(rivals, key=lambda e: weight.get(e.jurisdiction or "", 0))
        own = weight.get(entry.jurisdiction or "", 0) if entry in rivals else -1
        return best if weight.get(best.jurisdiction or "", 0) > own else entry

    def lookup_demonym(self, word: str) -> GazetteerEntry | None:
        """The country an adjective names ("Chinese" -> China), used inside titles only."""
        return self._by_demonym.get(word)

    def lookup_title_form(self, text: str) -> GazetteerEntry | None:
        """The body a word stands for inside a title: "Commerce" in "Secretary of Commerce"."""
        return self._by_title_form.get(_fold(text)) or self.lookup(text)


def _parse(path: Path) -> list[GazetteerEntry]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [GazetteerEntry.model_validate(item) for item in raw]


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """The gazetteer at `path`, parsed and validated once per process."""
    return Gazetteer(_parse(path))
