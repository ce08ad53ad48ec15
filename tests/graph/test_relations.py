"""graph/relations.yaml: the shipped declarations load, cover every fact field, and bad ones are refused."""

from __future__ import annotations

import typing

import pytest
import yaml

from graph import relations
from graph.model import Actor
from graph.relations import FACT_CLASSES, RELATIONS, load_relations

SHIPPED = relations.DECLARATIONS.read_text(encoding="utf-8")


def declarations(**changes: dict[str, object]) -> str:
    """The shipped declarations as YAML, with some entries' fields replaced (None drops a field)."""
    data = yaml.safe_load(SHIPPED)
    for name, fields in changes.items():
        for key, value in fields.items():
            if value is None:
                data[name].pop(key)
            else:
                data[name][key] = value
    return yaml.safe_dump(data, sort_keys=False)


def test_the_shipped_types_in_write_order() -> None:
    assert [r.type for r in RELATIONS] == ["SAID", "QUOTED_IN", "ABOUT", "HOLDS_ROLE", "AFFILIATED_WITH",
                                           "FUNDS", "MENTIONS"]
    assert relations.followable() == {"SAID", "ABOUT", "HOLDS_ROLE", "AFFILIATED_WITH", "FUNDS"}


def test_every_actor_field_of_a_fact_is_the_end_of_a_relationship() -> None:
    """Otherwise its actor would be extracted, written to facts files, and never reach the graph."""
    for cls in FACT_CLASSES.values():
        hints = typing.get_type_hints(cls)
        actor_fields = {name for name, hint in hints.items()
                        if hint is Actor or typing.get_args(hint)[:1] == (Actor,)}
        assert set(relations.actor_fields(relations.kind_of(cls))) == actor_fields, cls.__name__


@pytest.mark.parametrize(("changes", "message"), [
    ({"SAID": {"source": {"label": "Actor", "key": "id", "from": "speaker"}}}, "identified by 'key'"),
    ({"SAID": {"source": {"label": "Actor", "key": "key", "from": "text"}}}, "no actor field"),
    ({"SAID": {"target": {"label": "Document", "key": "id", "from": "fact"}}}, "makes a Quote node"),
    ({"MENTIONS": {"source": {"label": "Actor", "key": "key", "from": "document"}}}, "is a Document"),
    ({"ABOUT": {"source": {"label": "Actor", "key": "key", "from": "about"}}}, "at most one end"),
    ({"HOLDS_ROLE": {"when": "rank"}}, "no field 'rank'"),
    ({"FUNDS": {"properties": {"amount_value": {"type": "string"}}}}, "holds double"),
    ({"FUNDS": {"properties": {"day": {"type": "date", "from": "document.title"}}}}, "document.published"),
    ({"MENTIONS": {"evidence": False}}, "carries its evidence"),
    ({"MENTIONS": {"followable": None}}, "followable"),
    ({"SAID": {"id": {"tag": "said", "of": ["speaker"]}}}, "of.0"),
])
def test_a_bad_declaration_is_refused(changes: dict[str, dict[str, object]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_relations(declarations(**changes))


def test_a_type_declared_twice_is_refused() -> None:
    twice = SHIPPED + "\nSAID:\n  description: again\n"
    with pytest.raises(ValueError, match=r"declared twice: \['SAID'\]"):
        load_relations(twice)


def test_a_type_name_is_upper_snake_case() -> None:
    with pytest.raises(ValueError, match="upper case"):
        load_relations(SHIPPED.replace("\nFUNDS:", "\nFunds:"))
