"""Typed facts shared by every stage, with content-derived ids so MERGE is idempotent."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class ActorType(StrEnum):
    PERSON = "Person"
    ORGANISATION = "Organisation"
    COUNTRY = "Country"
    POLICY = "Policy"
    SECTOR = "Sector"
    PUBLICATION = "Publication"


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hex id derived from content: the same parts always give the same id."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


def normalise_name(name: str) -> str:
    """Lower-case ASCII words joined by '-': the name part of a canonical key."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'").replace("'s ", " ")
    return "-".join(re.findall(r"[a-z0-9]+", text))


def actor_key(name: str, type_: ActorType, gazetteer_id: str | None = None) -> str:
    """Identity across documents: the gazetteer id when known, else type plus normalised name."""
    if gazetteer_id:
        return gazetteer_id
    return f"{type_.value.lower()}:{normalise_name(name)}"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(_Frozen):
    """Where a fact comes from: the exact span of the document that supports it."""

    doc_id: str
    sentence_index: int = Field(ge=0)
    sentence: str
    start: int = Field(ge=0, description="character offset of the supporting span in the document text")
    end: int = Field(ge=0)
    extractor: str
    extractor_version: str = "1"
    confidence: float = Field(ge=0.0, le=1.0)


class Actor(_Frozen):
    key: str
    name: str
    type: ActorType
    aliases: tuple[str, ...] = ()


class Quote(_Frozen):
    kind: Literal["quote"] = "quote"
    speaker: Actor
    text: str
    start: int = Field(ge=0, description="offset of the quoted words, without quotation marks")
    end: int = Field(ge=0)
    about: tuple[Actor, ...] = ()
    evidence: Evidence

    @property
    def id(self) -> str:
        return stable_id("quote", self.evidence.doc_id, self.speaker.key, self.start, self.end)


class Role(_Frozen):
    """Person holds a title at an organisation; an empty title is a bare affiliation."""

    kind: Literal["role"] = "role"
    person: Actor
    title: str = ""
    org: Actor
    markers: tuple[str, ...] = ()  # e.g. "former", "new", "acting"
    evidence: Evidence

    @property
    def id(self) -> str:
        return stable_id("role", self.evidence.doc_id, self.person.key, self.org.key, self.title.lower())


class Funding(_Frozen):
    kind: Literal["funding"] = "funding"
    source: Actor
    target: Actor
    amount: str
    amount_value: float | None = None
    currency: str | None = None
    period: str | None = None
    evidence: Evidence

    @property
    def id(self) -> str:
        return stable_id("funding", self.evidence.doc_id, self.source.key, self.target.key, self.amount)


class Mention(_Frozen):
    kind: Literal["mention"] = "mention"
    actor: Actor
    evidence: Evidence

    @property
    def id(self) -> str:
        return stable_id("mention", self.evidence.doc_id, self.actor.key)


Fact = Annotated[Quote | Role | Funding | Mention, Field(discriminator="kind")]


class Explanation(_Frozen):
    """Why an extractor produced a fact: the rule that fired and the words it fired on."""

    fact_id: str
    rule: str
    cues: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()  # character offsets of the cues in the document text


class Document(_Frozen):
    """A text and its metadata. `id` derives from source and content, so re-ingest is a no-op."""

    source: str = Field(description="file path or URL: the identity of a document across versions")
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    ingested_at: datetime | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        return stable_id("doc", self.source, self.content_hash)


class Extraction(_Frozen):
    """Everything extracted from one document: its actors (merged, with aliases) and facts."""

    document: Document
    actors: tuple[Actor, ...]
    facts: tuple[Fact, ...]
    explanations: tuple[Explanation, ...] = ()
    failures: tuple[str, ...] = ()  # rules that failed on a sentence: "rule @ sentence N: error"

    def of_kind(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]

    def confident(self, minimum: float) -> Extraction:
        """This extraction without the facts below `minimum` confidence (mentions always stay)."""
        if minimum <= 0:
            return self
        facts = tuple(f for f in self.facts if f.kind == "mention" or f.evidence.confidence >= minimum)
        kept = {f.id for f in facts}
        explanations = tuple(e for e in self.explanations if e.fact_id in kept)
        return self.model_copy(update={"facts": facts, "explanations": explanations})
