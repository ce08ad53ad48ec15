"""Request and response models. Facts reuse `graph.views`, so every one carries its evidence."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from typing_extensions import TypeAliasType

from graph.views import ActorHit, FundingView, PathView, QuoteView

EVIDENCE_EXAMPLE: dict[str, Any] = {
    "doc_id": "94d848de2ff5be9c", "title": "Commission welcomes AI Act deal",
    "url": "https://example.org/ai-act",
    "sentence": '"The AI Act will protect citizens," Vestager said.', "sentence_index": 1,
    "start": 93, "end": 126, "confidence": 0.9, "extractor": "quotes",
}
QUOTE_EXAMPLE: dict[str, Any] = {
    "id": "0877561ab4f25b55", "text": "The AI Act will protect citizens,", "start": 93, "end": 126,
    "speaker": {"key": "person:margrethe-vestager", "name": "Margrethe Vestager", "type": "Person"},
    "document": {"id": "94d848de2ff5be9c", "title": "Commission welcomes AI Act deal",
                 "url": "https://example.org/ai-act", "published": "2024-02-02"},
    "about": [{"key": "policy:ai-act", "name": "AI Act", "type": "Policy"}],
    "evidence": EVIDENCE_EXAMPLE,
}


_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _full_date(value: object) -> object:
    """Exactly what the schema's `format: date` says (RFC 3339 full-date): no timestamps, no `20240202`."""
    if isinstance(value, date) or (isinstance(value, str) and _FULL_DATE.fullmatch(value)):
        return value
    raise ValueError("expected a date as YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_full_date)]


def _unicode(value: str) -> str:
    """JSON may escape a lone surrogate (`"\\udc00"`); it is no Unicode text and cannot reach Neo4j."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("not valid Unicode: the string holds a lone surrogate") from None
    return value


Text = Annotated[str, AfterValidator(_unicode)]
Int64 = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
# A Cypher parameter: what JSON carries and Neo4j stores. Integers are 64-bit (a larger JSON number is a
# float, as the schema's `number` branch says); strings are valid Unicode.
if TYPE_CHECKING:  # mypy cannot follow the recursive alias; pydantic validates and documents it
    CypherValue = Any
else:
    CypherValue = TypeAliasType(
        "CypherValue", Union[bool, Int64, float, Text, list["CypherValue"], dict[Text, "CypherValue"], None])  # noqa: UP007


class Page(BaseModel):
    limit: int
    offset: int
    next_offset: int | None = Field(None, description="offset of the next page; null on the last page")


class QuotePage(Page):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"items": [QUOTE_EXAMPLE], "limit": 50, "offset": 0, "next_offset": None}]})
    items: list[QuoteView]


class ActorList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [{
        "key": "person:margrethe-vestager", "name": "Margrethe Vestager", "type": "Person",
        "aliases": ["Vestager"], "score": 1.37, "quotes": 2, "mentions": 3, "roles": 1, "funding": 0}]}]})
    items: list[ActorHit]


class PathList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [{
        "hops": 1,
        "nodes": [{"key": "person:sam-altman", "name": "Sam Altman", "type": "Person"},
                  {"key": "organisation:openai", "name": "OpenAI", "type": "Organisation"}],
        "edges": [{"type": "HOLDS_ROLE", "source": "person:sam-altman", "target": "organisation:openai",
                   "title": "chief executive", "amount": None, "evidence": EVIDENCE_EXAMPLE}]}]}]})
    items: list[PathView]


class FundingPage(Page):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [{
        "source": {"key": "policy:horizon-europe", "name": "Horizon Europe", "type": "Policy"},
        "target": {"key": "sector:artificial-intelligence", "name": "artificial intelligence",
                   "type": "Sector"},
        "amount": "€1 billion per year", "amount_value": 1e9, "currency": "EUR", "period": "year",
        "evidence": EVIDENCE_EXAMPLE}], "limit": 50, "offset": 0, "next_offset": None}]})
    items: list[FundingView]


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" for c in word)


# What the static guard asks first, as a pattern JSON Schema, pydantic and schemathesis all read alike:
# after ASCII whitespace and comments, the statement starts with a read keyword. Whether the rest is a
# read-only, bounded, well-formed Cypher statement cannot be written as a pattern: the guard and Neo4j
# answer 400 for that.
START_WORDS = ("MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL", "SHOW")
CYPHER_START = (r"^(?:[ \t\n\r\f\v]|//[^\n]*(?:\n|$)|/\*[^*]*\*+(?:[^/*][^*]*\*+)*/)*(?:"
                + "|".join(_any_case(w) for w in START_WORDS) + ")")


class CypherRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"query": "MATCH (a:Actor)-[:SAID]->(q:Quote) WHERE a.name = $name RETURN q.text LIMIT 5",
         "params": {"name": "Margrethe Vestager"}}]})
    query: Text = Field(min_length=1, max_length=20_000, pattern=CYPHER_START,
                       description="one read-only Cypher statement, starting with MATCH, OPTIONAL, WITH, "
                                   "UNWIND, RETURN, CALL or SHOW (after whitespace and comments)")
    params: dict[Text, CypherValue] = Field(default_factory=dict, description="query parameters ($name)")


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "text": 'Margrethe Vestager, Executive Vice-President of the European Commission, said: '
                '"The AI Act will protect citizens."',
        "title": "Commission welcomes AI Act deal", "url": "https://example.org/ai-act",
        "published": "2024-02-02"}]})
    text: Text = Field(min_length=1, description="plain text of the document")
    title: Text | None = Field(None, max_length=1000)
    url: Text | None = Field(None, max_length=2000, description="also the document's identity if no source")
    published: IsoDate | None = None
    source: Text | None = Field(
        None, max_length=2000,
        description="identity across versions (defaults to url, else a hash of the text); posting new "
                    "text under the same source replaces the old version")


class DocumentOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "94d848de2ff5be9c", "source": "https://example.org/ai-act", "status": "new",
        "facts": {"quote": 1, "role": 1, "funding": 0, "mention": 3}, "actors": 3, "facts_written": 8,
        "previous_id": None}]})
    id: str
    source: str
    status: Literal["new", "unchanged", "replaced"]
    facts: dict[str, int] = Field(description="facts extracted, by kind")
    actors: int
    facts_written: int = Field(description="relationships written (0 when unchanged)")
    previous_id: str | None = None


class Health(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})
    status: Literal["ok"]


class Readiness(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"ready": True, "neo4j": True, "schema": True, "detail": None}]})
    ready: bool
    neo4j: bool
    schema_applied: bool = Field(alias="schema")
    detail: str | None = None
