"""From parsed commands to commands about definite catalog items, checking
what can be checked before anything is touched: which item, which pack, how
many. Nothing here reads or writes the database; the index is enough."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone

from domain import commands as C
from domain.commands import Command
from domain.errors import DomainError, NotFound
from domain.ledger import ItemType
from domain.values import to_base_units
from services.item_span import locate
from services.resolver import CatalogIndex, CatalogItem


@dataclass(frozen=True)
class Understood:
    command: Command
    items: tuple[CatalogItem, ...] = ()


class NeedsPlace(Exception):
    """A location or department that matches several known ones, or none
    (a new one, to be confirmed before it is created)."""

    def __init__(self, field: str, reference: str, candidates: list[str]):
        super().__init__(reference)
        self.field, self.reference, self.candidates = field, reference, candidates


class NeedsChoice(Exception):
    """Several items fit `reference` equally well: ask which before acting."""

    def __init__(self, reference: str, candidates: list[CatalogItem]):
        super().__init__(reference)
        self.reference = reference
        self.candidates = candidates


def understand(commands: list[Command], index: CatalogIndex) -> list[Understood]:
    """Resolve every command; raises NeedsChoice or a DomainError for the first
    one that cannot be acted on, so a message is understood whole or not at all."""
    return [_understand(command, index) for command in commands]


def _understand(command: Command, index: CatalogIndex) -> Understood:
    if command.place and (command.to or command.place == "required"):
        command = replace(command, to=_place(command, index))
    if command.item is None:
        return Understood(command)
    if not command.ref:
        what = command.name.replace("_", " ")
        raise DomainError(f"Which item? I understood “{what}” but not what it is about. Nothing was changed.")
    found = locate(index, command.ref, command.item)
    if not found.found:
        raise NotFound(command.ref, tuple(i.label for i in found.suggestions))
    if isinstance(command, C.Labels):
        if command.every or found.is_clear:
            return Understood(command, tuple(found.items))  # "labels for all laptops": every one that fits
        raise NeedsChoice(command.ref, found.items)
    if not found.is_clear:
        raise NeedsChoice(command.ref, found.items)
    items = tuple(found.items)
    if isinstance(command, C.Take):
        kind = C.CheckOut if items[0].type is ItemType.ASSET else C.Consume
        command = kind.of(**vars(command))
    if command.needs_count and command.count is None:
        raise DomainError(
            f"How many? Say it with a number, e.g. “{command.name.replace('_', ' ')} 3 {items[0].name}”. Nothing was changed."
        )
    if command.counted_in_packs:
        item = items[0]
        to_base_units(command.count, command.pack, item.unit, item.packs, item.name)
    return Understood(command, items)


NEW_PLACE = "="  # a value chosen as "create it": taken as written


def _place(command: Command, index: CatalogIndex) -> str:
    written = (command.to or "").strip()
    if not written:
        if isinstance(command, C.AuditStart):
            raise DomainError("Audit where? Say e.g. “audit Meeting room B”.")
        raise DomainError("Move it where? Say e.g. “move A-1042 to Meeting room B”.")
    if written.startswith(NEW_PLACE):
        return written[len(NEW_PLACE) :].strip()
    known = index.resolve_place(command.where, written)
    if len(known) == 1:
        return known[0]
    raise NeedsPlace(command.where, written, known)


def keys(items) -> str:
    return "|".join(sorted(item.key for item in items))


def describe(understood: Understood) -> str:
    """One line for a resolved command, in the notation of
    tests/language/corpus.txt: equal lines mean the same action on the same
    items ("consume PAP-A4 3 box", "check_out A-3001 due=2026-12-04T17:00")."""
    command = understood.command
    parts = [command.name]
    if understood.items:
        parts.append(keys(understood.items))
    for name, value in vars(command).items():
        if value is None or value is False or value == "" or name in ("ref", "where", "value"):
            continue
        parts.append(_NOTATION.get(name, "{}").format(_notation_value(value), command=command))
    return " ".join(parts)


# How a field is written in the notation; plain when not listed.
_NOTATION = {
    "person": "for={}",
    "due": "due={}",
    "note": "note={}",
    "to": "{command.where}={}",
    "field": "{command.field}={command.value}",  # an edit: which field, and its new text
    "every": "value=all",
    "description": "value={}",
    "unit": "field={}",
    "kind": "value={}",
    "by": "field={}",
    "entry_id": "value={}",
}


def _notation_value(value) -> str:
    if isinstance(value, datetime):
        return f"{value.astimezone(timezone.utc):%Y-%m-%dT%H:%M}"
    return str(value)
