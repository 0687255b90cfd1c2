"""Which of several like items the words mean by where they are: "the epson in
room 204" is the one whose location is Room 204, not every Epson, and "the pallet
jack in loading bay 2" is the one there, not the next free one anywhere."""

from __future__ import annotations

import re
from dataclasses import replace

from domain import commands as C
from domain.commands import Command
from domain.errors import DomainError, NotFound
from domain.ledger import ItemType
from services.item_span import locate
from services.resolver import CatalogIndex
from services.understanding import RETURNS, NeedsChoice
from storage.unit_of_work import UnitOfWorkFactory

MOST_LOOKED_UP = 50  # units whose place is read to choose; more, and the words choose as without a place
# the place said at the end of the item's words: "the epson in room 204", "the trolley from the library"
PLACE_SAID = re.compile(r"(?i)\s(?:in|from)\s+(?:the\s+)?(?P<place>[\w' -]+?)\s*$")

# where a thing was seen, said with "on": only a place the catalog knows ("on the moon" is none)
SEEN_ON = re.compile(r"(?i)\s(?:on|in|at)\s+(?:the\s+)?(?P<place>[\w' -]+?)\s*$")


def chosen_by_place(uow: UnitOfWorkFactory, index: CatalogIndex, commands: list[Command]) -> list[Command]:
    """`commands` with an asset said to be in a known place named by its tag, when exactly one
    of the assets the words fit is there; a DomainError when none is. A return's place is where it
    goes back to ("returning the beamer in the av store"), and "need the scales at goods in" says
    where they are needed: neither chooses."""
    return [_chosen(uow, index, c) for c in commands]


def _chosen(uow: UnitOfWorkFactory, index: CatalogIndex, command: Command) -> Command:
    on = SEEN_ON.search(command.ref or "") if isinstance(command, C.Seen) and not command.to else None
    if on and index.location_named(on["place"]):  # "seen both c-stands on the grip truck"
        return replace(command, ref=command.ref[: on.start()].strip(), to=index.location_named(on["place"]))
    said = PLACE_SAID.search(command.ref or "")
    if (
        not said
        or isinstance(command, (*RETURNS, C.Take))
        or not hasattr(command, "perhaps")
        or command.item is None
    ):
        return command
    place = index.location_named(said["place"])
    if place is None:
        return command
    words = command.ref[: said.start()].strip()  # "the blind in room 204": no item is a blind
    found = locate(index, words, (ItemType.ASSET,))
    if not found.found:
        if locate(index, words, (ItemType.STOCK,)).found:
            return replace(
                command, ref=words
            )  # "counted the masks in the clinic store": one count, wherever said
        raise NotFound(words, tuple(i.label for i in found.suggestions))
    if len(found.items) > MOST_LOOKED_UP:  # "the laptop in room 101" of 500 laptops: asked as without it
        return command
    with uow(read_only=True) as work:
        assets = {item.key: work.assets.get(item.key) for item in found.items}
    there = [item for item in found.items if (assets[item.key].location or "") == place]
    free = [item for item in there if assets[item.key].status.value == "available"]
    if len({item.group for item in there}) == 1 and free and _any_unit(command):
        return replace(command, ref=free[0].key)  # "the ipad in room 101": one of those there, free
    if not there:
        raise DomainError(
            f"None of the items that fit “{words}” is in {place}, so nothing was changed. "
            "Say which one by its tag."
        )
    if len({item.group for item in there}) > 1 or (
        len(there) > 1 and command.changes and not _any_unit(command)
    ):
        raise NeedsChoice(command.ref, there)  # "the mic in the av store": which of those there
    return replace(command, ref=there[0].key) if len(there) == 1 else command


def _any_unit(command: Command) -> bool:
    """A change any unit of identical ones will do for (a check-out), not one about a unit (a repair)."""
    return isinstance(command, (C.CheckOut, C.Book, C.Take))
