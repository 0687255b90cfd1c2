"""What a take, check-out or return is about once the catalog is asked: an
asset, stock used up, lendable stock lent or given back, or a kit; and a
kit's members as a manager names them. Pure: the index is enough."""

from __future__ import annotations

import re
from dataclasses import replace

from domain import commands as C
from domain.commands import ANY_ITEM, Command
from domain.errors import DomainError, NotFound, NotLendable
from domain.language.item_lists import item_ref
from domain.language.numbers import leading_amount
from domain.ledger import ItemType
from domain.values import singular, to_base_units
from services.resolver import CatalogIndex, CatalogItem, Resolution


def kinds(command: Command) -> tuple[ItemType, ...] | None:
    """ "taking a case of gloves", "took some tape": what comes in packs or amounts is stock, never an asset.
    What is checked out or returned may be lendable stock as well as an asset."""
    if isinstance(command, C.Take) and (command.pack or command.vague):
        return (ItemType.STOCK,)
    if isinstance(command, (C.CheckOut, C.CheckIn, C.Take, *KIT_TOO)):
        return (*(command.item if isinstance(command, KIT_TOO) else ANY_ITEM), ItemType.KIT)
    return command.item


KIT_TOO = (C.Book, C.Info, C.WhoHas, C.WhereIs, C.Labels)  # what a kit can be as well as an item


def lendable_only(command: Command, found: Resolution) -> Resolution:
    """A check-out or return is of an asset or of lendable stock: consumables that fit the
    words too ("the tape": the tape measure, not packing tape) are left out, unless only they fit."""
    if not isinstance(command, (C.CheckOut, C.CheckIn)):
        return found
    kept = [i for i in found.items if i.type is not ItemType.STOCK or i.lendable]
    return replace(found, items=kept) if kept else found


def for_item(
    command: Command, item: CatalogItem, whole: bool = False, held: frozenset[str] = frozenset()
) -> Command:
    """What a take, check-out or return is once the item is known: an asset's check-out,
    stock used up, or lendable stock lent or given back (`whole`: all of a loan, "return everything")."""
    if item.type is ItemType.ASSET and getattr(command, "pack", None):
        raise DomainError(
            f"{item.name} doesn't come in a “{command.pack}”: say how many. Nothing was changed."
        )
    if item.type is ItemType.KIT and isinstance(command, (C.Take, C.CheckOut)):
        return C.KitOut.of(**vars(command))
    if item.type is ItemType.KIT and isinstance(command, C.CheckIn):
        return C.KitBack.of(**vars(command))
    if isinstance(command, C.Take) and item.type is ItemType.ASSET:
        return C.CheckOut.of(**vars(command))
    if isinstance(command, C.Receive) and command.put_back and item.key in held:
        return C.GiveBack.of(**vars(command))  # "put back 2 headsets" by who has them on loan
    if item.type is not ItemType.STOCK or not isinstance(command, (C.Take, C.CheckOut, C.CheckIn)):
        return command
    on_loan = item.key in held  # lent to them, a kit's batteries too: given back whatever the item
    if not item.lendable and not on_loan:  # "borrow 2 markers" from the cupboard: taken, as nobody lends them
        if isinstance(command, C.CheckIn):
            raise NotLendable(item.name, "put back")
        return C.Consume.of(**vars(command))
    said_key = (command.ref or "").lower() == item.key.lower()  # "return SKU-HS-JAB30" (a Return button): all
    if command.count is None and not command.vague and not whole and not said_key and not plural(command.ref):
        command = replace(command, count=1)  # "borrow a headset" is one ("borrow headsets": how many?)
    if isinstance(command, C.CheckIn):  # "returned the headsets": all of them
        return C.GiveBack.of(**vars(command))
    return C.Lend.of(**vars(command))


def plural(words: str | None) -> bool:
    """ "radios", "c-stands" (not "7318S", a model)."""
    last = (words or "").split()[-1:] or [""]
    return bool(last[0]) and not any(ch.isdigit() for ch in last[0]) and singular(last[0]) != last[0]


def all_theirs(command: Command, items: tuple[CatalogItem, ...], held: frozenset[str]) -> bool:
    """ "returning the radios" by who holds several: each of theirs, one return each."""
    return (
        isinstance(command, C.CheckIn)
        and command.count is None
        and len(items) > 1
        and plural(command.ref)
        and all(i.key in held for i in items)
    )


def kit_members(said_members: tuple[str, ...], index: CatalogIndex, counted: bool | None = True) -> str:
    """Each member as said ("A-4001", "4 AA batteries", "a rack of wine glasses") as the kit
    writes it: a tag, or SKU=quantity in base units; any that is unclear is asked about."""
    out = []
    for said in said_members:
        count, rest = leading_amount(said.strip())
        pack, words = None, item_ref(rest) or ""
        packed = re.match(r"(?i)^(?P<pack>\w+?)s?\s+of\s+(?P<item>.+)$", rest.strip()) if rest else None
        if packed:  # "4 racks of wine glasses"
            pack, words = packed["pack"].lower(), item_ref(packed["item"]) or ""
        found = index.resolve(words, ANY_ITEM)
        if not found.found:
            raise NotFound(words, tuple(i.label for i in found.suggestions))
        if not found.is_clear:
            named = " or ".join(i.label for i in found.items[:4])
            raise DomainError(
                f"Which “{words}” is in the kit: {named}? Say it by tag or SKU. Nothing was changed."
            )
        item = found.items[0]
        if item.type is ItemType.ASSET:
            if isinstance(count, int) and count > 1:
                raise DomainError(f"Name each of the {count} {words} by its tag. Nothing was changed.")
            out.append(item.key)
            continue
        if counted is False or (counted is None and count is None and pack is None):
            out.append(item.key)  # left out of a check-out, or taken out of a kit with no amount said
            continue
        if count is None and pack is None:
            raise DomainError(
                f"How many {item.name} go with the kit? Say e.g. “2 {words}”. Nothing was changed."
            )
        if pack is not None and pack not in item.packs.names() and singular(pack) in item.packs.names():
            pack = singular(pack)
        out.append(f"{item.key}={to_base_units(count or 1, pack, item.unit, item.packs, item.name)}")
    return "|".join(out)
