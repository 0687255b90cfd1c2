"""Which of several like items the words mean by where they are: "the epson in
room 204" is the one whose location is Room 204, not every Epson."""

from __future__ import annotations

import re
from dataclasses import replace

from domain import commands as C
from domain.commands import Command
from domain.ledger import ItemType
from services.resolver import CatalogIndex
from services.understanding import RETURNS, NeedsChoice
from storage.unit_of_work import UnitOfWorkFactory

# the place said at the end of the item's words: "the epson in room 204", "the trolley from the library"
PLACE_SAID = re.compile(r"(?i)\s(?:in|from)\s+(?:the\s+)?(?P<place>[\w' -]+?)\s*$")


def chosen_by_place(
    uow: UnitOfWorkFactory, index: CatalogIndex, choice: NeedsChoice, commands: list[Command]
) -> list[Command] | None:
    """The commands with the asked-about item named by its tag, when the words say where it is
    and exactly one of the candidates is there; None when that does not settle it. A return's
    place is where it goes back to ("returning the beamer in the av store"): it never chooses."""
    said = PLACE_SAID.search(choice.reference)
    # ("need the scales at goods in": where they are needed; a return's place is where it goes back)
    asked = [c for c in commands if c.ref == choice.reference and not isinstance(c, (*RETURNS, C.Take))]
    if not said or not asked:
        return None
    places = index.resolve_place("location", said["place"])
    if len(places) != 1:
        return None
    assets = [item for item in choice.candidates if item.type is ItemType.ASSET]
    with uow(read_only=True) as work:
        there = [item for item in assets if (work.assets.get(item.key).location or "") == places[0]]
    if len(there) != 1:
        return None
    return [replace(c, ref=there[0].key) if c in asked else c for c in commands]
