"""Relationship types as data: `relations.yaml`, read and checked once, is what every relationship is.

The writer's rows (`graph.rows`), the facts-file records (`graph.factset`), the bulk import files
(`graph.bulk.files`) and the schema check ask here instead of naming types, end labels, ids or
properties themselves; tests/graph/test_relations.py checks every statement in `queries/` against it.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from datetime import date
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.model import Actor, Document, Fact, Funding, Mention, Quote, Role, stable_id

__all__ = [
    "FACT_CLASSES", "NODE_KEYS", "RELATIONS", "End", "FactClass", "Node", "Property", "Relation",
    "actor_fields", "by_type", "followable", "kind_of", "load_relations", "of_kind", "value_type",
]

NodeLabel = Literal["Actor", "Quote", "Document"]
PropType = Literal["string", "strings", "long", "double", "date"]
IdPart = Literal["fact", "source", "target", "document"]
Node = Actor | str
"""One end of a relationship: an actor, or the id of a quote or a document."""

DECLARATIONS = resources.files("graph") / "relations.yaml"  # package data: ships in the wheel
NODE_KEYS: dict[str, str] = {"Actor": "key", "Quote": "id", "Document": "id"}
"""Each node label's unique key (queries/schema/01..04); a relationship end is MATCHed on it."""
FactClass = type[Quote | Role | Funding | Mention]
FACT_CLASSES: dict[str, FactClass] = {
    cls.__name__: cls for cls in (Quote, Role, Funding, Mention)
}
_TYPE_NAME = re.compile(r"[A-Z][A-Z0-9_]*")


class _Declared(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class End(_Declared):
    label: NodeLabel
    key: str
    field: str = Field(alias="from")

    def nodes(self, fact: Fact, doc_id: str) -> list[Node]:
        """The nodes this end stands for in one fact: one, or one per actor of a tuple field."""
        if self.field == "fact":
            return [fact.id]
        if self.field == "document":
            return [doc_id]
        value = getattr(fact, self.field)
        return list(value) if isinstance(value, tuple) else [value]


class Property(_Declared):
    type: PropType
    field: str | None = Field(None, alias="from")


class FactId(_Declared):
    tag: str = Field(min_length=1)
    of: tuple[IdPart, ...] = Field(min_length=1)


class Relation(_Declared):
    """One relationship type: what it links, the fact stating it, its id, properties and evidence."""

    type: str
    description: str
    fact: Literal["Quote", "Role", "Funding", "Mention"]
    when: str | None = None
    unless: str | None = None
    source: End
    target: End
    id: Literal["fact"] | FactId
    properties: dict[str, Property] = {}
    evidence: bool
    followable: bool

    @property
    def fact_class(self) -> FactClass:
        return FACT_CLASSES[self.fact]

    @property
    def kind(self) -> str:
        return kind_of(self.fact_class)

    @property
    def statement(self) -> str:
        """The load statement that MERGEs it: `queries/load/merge_<type>.cypher`."""
        return f"load/merge_{self.type.lower()}"

    @property
    def index(self) -> str:
        """Name of its `doc_id` index (queries/schema), which retraction looks relationships up by."""
        return f"{self.type.lower()}_doc_id"

    @property
    def sources(self) -> dict[str, str]:
        """Property name -> where its value comes from: a fact field, or `document.published`."""
        return {name: prop.field or name for name, prop in self.properties.items()}

    def applies(self, fact: Fact) -> bool:
        if self.when is not None and not getattr(fact, self.when):
            return False
        return not (self.unless is not None and getattr(fact, self.unless))

    def ends(self, fact: Fact, doc_id: str) -> list[tuple[Node, Node]]:
        """(source, target) of each relationship one fact states: none when the fact has no actor
        for a tuple end, several when it has many."""
        if not self.applies(fact):
            return []
        targets = self.target.nodes(fact, doc_id)
        return [(s, t) for s in self.source.nodes(fact, doc_id) for t in targets]

    def fact_id(self, fact: Fact, source: str, target: str, doc_id: str) -> str:
        """The relationship's `fact_id`, from the fact and the keys of its two ends."""
        if self.id == "fact":
            return fact.id
        parts = {"fact": fact.id, "source": source, "target": target, "document": doc_id}
        return stable_id(self.id.tag, *(parts[p] for p in self.id.of))

    def values(self, fact: Fact, document: Document) -> dict[str, Any]:
        """The declared properties of one fact's relationship (tuples as lists, as Neo4j stores them)."""
        out: dict[str, Any] = {}
        for name, source in self.sources.items():
            value = getattr(document, source.removeprefix("document.")) if source.startswith(
                "document.") else getattr(fact, source)
            out[name] = list(value) if isinstance(value, tuple) else value
        return out

    @model_validator(mode="after")
    def _check(self) -> Relation:
        if not _TYPE_NAME.fullmatch(self.type):
            raise ValueError(f"type {self.type!r}: upper case words joined by _")
        if not self.evidence:
            raise ValueError(f"{self.type}: every relationship carries its evidence (docs/graph-model.md); "
                             "retraction and the API's citations depend on it")
        fields = self.fact_class.model_fields
        for guard in (self.when, self.unless):
            if guard is not None and guard not in fields:
                raise ValueError(f"{self.type}: {self.fact} has no field {guard!r} to test")
        for end in (self.source, self.target):
            self._check_end(end)
        if sum(_is_actor_tuple(self.fact_class, e.field) for e in (self.source, self.target)) > 1:
            raise ValueError(f"{self.type}: at most one end may be a tuple of actors")
        for name, source in self.sources.items():
            found = _property_type(self.fact_class, source)
            if found != self.properties[name].type:
                raise ValueError(f"{self.type}.{name}: declared {self.properties[name].type}, "
                                 f"but {self.fact}.{source} holds {found}")
        return self

    def _check_end(self, end: End) -> None:
        if end.key != NODE_KEYS[end.label]:
            raise ValueError(f"{self.type}: a {end.label} is identified by {NODE_KEYS[end.label]!r}")
        if end.field == "fact":
            if end.label != self.fact:
                raise ValueError(f"{self.type}: `from: fact` makes a {self.fact} node, not a {end.label}")
        elif end.field == "document":
            if end.label != "Document":
                raise ValueError(f"{self.type}: `from: document` is a Document, not a {end.label}")
        elif end.label != "Actor" or _actor_field(self.fact_class, end.field) is None:
            raise ValueError(f"{self.type}: {self.fact}.{end.field} is no actor field for a {end.label} end")


def _annotation(cls: type[Any], name: str) -> Any:
    return typing.get_type_hints(cls).get(name)


def _actor_field(cls: type[Any], name: str) -> str | None:
    """'one' for an `Actor` field of `cls`, 'many' for a tuple of actors, else None."""
    hint = _annotation(cls, name)
    if hint is Actor:
        return "one"
    if typing.get_origin(hint) is tuple and typing.get_args(hint)[:1] == (Actor,):
        return "many"
    return None


def _is_actor_tuple(cls: type[Any], name: str) -> bool:
    return _actor_field(cls, name) == "many"


def value_type(cls: type[Any], name: str) -> str:
    """The property type (`string`, `strings`, `long`, `double`, `date`) of a model field's values."""
    hint = _annotation(cls, name)
    if hint is None:
        raise ValueError(f"{cls.__name__} has no field {name!r}")
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = args[0] if len(args) == 1 else hint
    if typing.get_origin(hint) is tuple and typing.get_args(hint)[:1] == (str,):
        return "strings"
    return {str: "string", int: "long", float: "double", date: "date"}.get(hint, repr(hint))


def _property_type(cls: type[Any], source: str) -> str:
    """The declared type a fact field (or `document.published`) must have."""
    if source.startswith("document."):
        if source != "document.published":
            raise ValueError(f"{source}: of the document, only `document.published` is a fact property")
        return "date"
    return value_type(cls, source)


def kind_of(cls: FactClass) -> str:
    """The fact kind (`quote`, `role`, ...) of a fact class, as records and `Fact.kind` name it."""
    return str(cls.model_fields["kind"].default)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice (PyYAML would keep the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
        seen = {k for k in keys if keys.count(k) > 1}
        if seen:
            raise ValueError(f"{node.start_mark}: declared twice: {sorted(map(str, seen))}")
        return super().construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _UniqueKeyLoader.construct_mapping  # type: ignore[arg-type]
)


def load_relations(text: str | None = None) -> tuple[Relation, ...]:
    """The declarations of `relations.yaml` (or of `text`), checked, in write order."""
    if text is None:
        text = DECLARATIONS.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    if not isinstance(data, dict) or not data:
        raise ValueError("relations.yaml: expected a mapping of relationship types")
    return tuple(Relation(type=name, **body) for name, body in data.items())


RELATIONS: tuple[Relation, ...] = load_relations()


def by_type(name: str) -> Relation:
    for rel in RELATIONS:
        if rel.type == name:
            return rel
    raise KeyError(f"no relationship type {name!r} in graph/relations.yaml")


@functools.cache
def of_kind(kind: str) -> tuple[Relation, ...]:
    """The relationships a fact of `kind` may state, in write order (asked once per fact written)."""
    return tuple(rel for rel in RELATIONS if rel.kind == kind)


def followable() -> frozenset[str]:
    """Types a path or network step between actors may go along."""
    return frozenset(rel.type for rel in RELATIONS if rel.followable)


def actor_fields(kind: str) -> dict[str, bool]:
    """The actor fields of a fact kind that relationships are declared from -> True for a tuple field."""
    out: dict[str, bool] = {}
    for rel in of_kind(kind):
        for end in (rel.source, rel.target):
            if end.label == "Actor":
                out[end.field] = _is_actor_tuple(rel.fact_class, end.field)
    return out
