"""Every command the parser can return is carried out by exactly one use case:
a command without one is caught here, not by a fall-through at run time."""

import dataclasses

import pytest

from domain.commands import Command, command_types
from services.use_cases import CHANGES, NEVER_RUN, QUESTIONS

ALL = command_types()


@pytest.mark.parametrize("kind", ALL.values(), ids=list(ALL))
def test_every_command_has_one_use_case_of_its_own_kind(kind):
    if kind in NEVER_RUN:
        assert kind not in CHANGES and kind not in QUESTIONS
        return
    table, other = (CHANGES, QUESTIONS) if kind.changes else (QUESTIONS, CHANGES)
    assert kind in table, f"{kind.__name__} has no use case"
    assert kind not in other


@pytest.mark.parametrize("kind", ALL.values(), ids=list(ALL))
def test_every_command_is_a_frozen_dataclass_with_a_name(kind):
    assert issubclass(kind, Command) and dataclasses.is_dataclass(kind)
    assert kind.__dataclass_params__.frozen
    assert kind.name and kind.name.islower()
    names = [k.name for k in ALL.values()]
    assert names.count(kind.name) == 1


def test_items_and_places_are_declared_only_where_the_fields_exist():
    for kind in ALL.values():
        fields = {f.name for f in dataclasses.fields(kind)}
        assert (kind.item is not None) == ("ref" in fields), kind
        assert (kind.place is not None) == ("to" in fields), kind
        assert not kind.needs_count or "count" in fields, kind


def test_manager_only_commands_say_what_they_are():
    managed = {k.__name__ for k in ALL.values() if k.manager_only}
    assert {"Retire", "Edit", "AddAsset", "AddStock", "SetReorder", "Export", "AuditStart"} <= managed
    assert not {"CheckOut", "CheckIn", "Consume", "Receive", "Undo", "WhoHas"} & managed
