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
PLACE_SAID = re.compile(r"(?i)\s(?P<prep>in|from)\s+(?:the\s+)?(?P<place>[\w' -]+?)\s*$")

# where a thing was seen, said with "on": only a place the catalog knows ("on the moon" is none)
SEEN_ON = re.compile(r"(?i)\s(?:on|in|at)\s+(?:the\s+)?(?P<place>[\w' -]+?)\s*$")
PLACE_WORDS = re.compile(r"(?i)\s(?:on|in|at|by|under|behind|near)\s")  # a place said in the item's words


def chosen_by_place(uow: UnitOfWorkFactory, index: CatalogIndex, commands: list[Command]) -> list[Command]:
    """`commands` with an asset said to be in a known place named by its tag, when exactly one
    of the assets the words fit is there; a DomainError when none is. A return's place is where it
    goes back to ("returning the beamer in the av store"), and "need the scales at goods in" says
    where they are needed: neither chooses."""
    return [_chosen(uow, index, c) for c in commands]


def _chosen(uow: UnitOfWorkFactory, index: CatalogIndex, command: Command) -> Command:
    if isinstance(command, C.Seen) and not command.to and command.ref:
        return _seen_where(index, command)
    said = PLACE_SAID.search(command.ref or "")
    if (
        not said
        or isinstance(command, (*RETURNS, C.Take))
        or not hasattr(command, "perhaps")
        or command.item is None
    ):
        return command
    place = index.location_named(said["place"])
    if place is None and isinstance(command, C.Count):
        place = _counted_at(index, command.ref[: said.start()], said["place"])
    if place is None:
        return command
    words = command.ref[: said.start()].strip()  # "the blind in room 204": no item is a blind
    found = locate(index, words, (ItemType.ASSET,))
    if not found.found:
        stock = locate(index, words, (ItemType.STOCK,))
        if stock.found:  # "counted the masks in the clinic store", "used 3 hdmi leads from the av store"
            return _stock_there(uow, command, stock.items, place, words, said["prep"].lower() == "in")
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


def _counted_at(index: CatalogIndex, words: str, written: str) -> str | None:
    """The one location a count's loosely said place fits ("left in 102": Room 102). For stock, a
    place that fits several or none is refused: "30 pencils left in my drawer" is not the whole count."""
    fits = index.resolve_place("location", written)
    if len(fits) == 1:
        return fits[0]
    if not locate(index, words, (ItemType.STOCK,)).found:
        return None
    if fits:
        raise DomainError(
            f"Which place is “{written}”: {' or '.join(fits[:4])}? Stock is counted where it is kept. "
            "Nothing was changed."
        )
    raise DomainError(
        f"I don't know a place called “{written}”. Stock is counted where it is kept: say it "
        "without the place, or with the place it is kept in. Nothing was changed."
    )


def _stock_there(
    uow: UnitOfWorkFactory, command: Command, items, place: str, words: str, said_in: bool
) -> Command:
    """The stock item kept in `place` of those the words fit. A stock item is kept in one place,
    and its count is of all of it: counted elsewhere is refused, never set for the whole. Used
    "in" somewhere else is where it was used ("used a bag of patch leads in the server room");
    taken "from" somewhere is where it is kept."""
    with uow(read_only=True) as work:
        kept = {item.key: work.stock.get(item.key).location or "" for item in items}
    there = [item for item in items if kept[item.key] == place]
    if len(there) == 1:
        return replace(command, ref=there[0].key)
    if there:
        raise NeedsChoice(command.ref, there)
    if isinstance(command, C.Consume) and said_in and len(items) == 1:
        return replace(command, ref=items[0].key)
    where = "; ".join(f"{item.name} in {kept[item.key] or 'no set place'}" for item in items[:4])
    raise DomainError(
        f"None of the stock that fits “{words}” is kept in {place} ({where}), so nothing was changed. "
        "Stock is kept and counted in one place; say it without the place."
    )


def _seen_where(index: CatalogIndex, command: C.Seen) -> C.Seen:
    """ "seen both c-stands on the grip truck": there, a place the catalog knows. A place said that
    is none ("on the truck", "... on the grip truck yesterday") is asked about, never left out."""
    on = SEEN_ON.search(command.ref)
    place = index.location_named(on["place"]) if on else None
    if place:  # (the words stay as said: a question about them is answered in them)
        return replace(command, to=place)
    if PLACE_WORDS.search(command.ref):
        raise DomainError(
            f"Where was it seen? I couldn't tell the place in “{command.ref}”. "
            "Say it as “seen CAM-015 in Grip truck”; nothing was changed."
        )
    return command


def _any_unit(command: Command) -> bool:
    """A change any unit of identical ones will do for (a check-out), not one about a unit (a repair)."""
    return isinstance(command, (C.CheckOut, C.Book, C.Take))
