"""From parsed commands to commands about definite catalog items, checking
what can be checked before anything is touched: which item, which pack, how
many. Nothing here reads or writes the database; the index is enough."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timezone

from domain.commands import Command, Intent
from domain.errors import DomainError, NotFound
from domain.ledger import ItemType
from domain.values import to_base_units
from services.resolver import CatalogIndex, CatalogItem

ASSETS, STOCK, BOTH = (ItemType.ASSET,), (ItemType.STOCK,), (ItemType.ASSET, ItemType.STOCK)
TYPES = {
    Intent.CHECK_OUT: ASSETS,
    Intent.CHECK_IN: ASSETS,
    Intent.EXTEND: ASSETS,
    Intent.RETIRE: ASSETS,
    Intent.MOVE: ASSETS,
    Intent.MAINTENANCE: ASSETS,
    Intent.REPAIRED: ASSETS,
    Intent.SEEN: ASSETS,
    Intent.CONSUME: STOCK,
    Intent.RECEIVE: STOCK,
    Intent.COUNT: STOCK,
    Intent.SET_REORDER: STOCK,
}
NO_ITEM = frozenset(
    {
        Intent.UNDO,
        Intent.ADD_ASSET,
        Intent.ADD_STOCK,
        Intent.HELP,
        Intent.MY_ITEMS,
        Intent.LOW_STOCK,
        Intent.ALIAS_SUGGESTIONS,
        Intent.ACCEPT_ALIAS,
        Intent.DISMISS_ALIAS,
        Intent.EXPORT,
        Intent.REGISTER,
        Intent.IN_MAINTENANCE,
        Intent.AUDIT_START,
        Intent.AUDIT_CLOSE,
        Intent.AUDITS_DUE,
    }
)
QUANTITY_CHECKED = frozenset({Intent.CONSUME, Intent.RECEIVE})
NEEDS_COUNT = frozenset({Intent.CONSUME, Intent.RECEIVE, Intent.COUNT, Intent.SET_REORDER})


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


PLACED = frozenset({Intent.MOVE, Intent.SEEN, Intent.AUDIT_START, Intent.AUDIT_CLOSE})
PLACE_REQUIRED = frozenset({Intent.MOVE, Intent.AUDIT_START})


def _understand(command: Command, index: CatalogIndex) -> Understood:
    if command.intent in PLACED and (command.value or command.intent in PLACE_REQUIRED):
        command = replace(command, value=_place(command, index))
    if command.intent in NO_ITEM:
        return Understood(command)
    if not command.ref:
        what = command.intent.value.replace("_", " ")
        raise DomainError(f"Which item? I understood “{what}” but not what it is about. Nothing was changed.")
    found = index.resolve(command.ref, TYPES.get(command.intent, BOTH))
    if not found.found:
        raise NotFound(command.ref, tuple(i.label for i in found.suggestions))
    if command.intent is Intent.LABELS:
        if command.value == "all" or found.is_clear:
            return Understood(command, tuple(found.items))  # "labels for all laptops": every one that fits
        raise NeedsChoice(command.ref, found.items)
    if not found.is_clear:
        raise NeedsChoice(command.ref, found.items)
    items = tuple(found.items)
    if command.intent is Intent.TAKE:
        command = replace(
            command, intent=Intent.CHECK_OUT if items[0].type is ItemType.ASSET else Intent.CONSUME
        )
    if command.intent in NEEDS_COUNT and command.count is None:
        item = items[0]
        raise DomainError(
            f"How many? Say it with a number, e.g. “{command.intent.value.replace('_', ' ')} 3 {item.name}”. Nothing was changed."
        )
    if command.intent in QUANTITY_CHECKED:
        item = items[0]
        to_base_units(command.count, command.pack, item.unit, item.packs, item.name)
    return Understood(command, items)


NEW_PLACE = "="  # a value chosen as "create it": taken as written


def _place(command: Command, index: CatalogIndex) -> str:
    written = (command.value or "").strip()
    if not written:
        if command.intent is Intent.AUDIT_START:
            raise DomainError("Audit where? Say e.g. “audit Meeting room B”.")
        raise DomainError("Move it where? Say e.g. “move A-1042 to Meeting room B”.")
    if written.startswith(NEW_PLACE):
        return written[len(NEW_PLACE) :].strip()
    known = index.resolve_place(command.field, written)
    if len(known) == 1:
        return known[0]
    raise NeedsPlace(command.field, written, known)


def keys(items) -> str:
    return "|".join(sorted(item.key for item in items))


def describe(understood: Understood) -> str:
    """One line for a resolved command, in the notation of
    tests/language/corpus.txt: equal lines mean the same action on the same
    items ("consume PAP-A4 3 box", "check_out A-3001 due=2026-12-04T17:00")."""
    command = understood.command
    parts = [command.intent.value]
    if understood.items:
        parts.append(keys(understood.items))
    if command.intent in (Intent.ADD_ASSET, Intent.ADD_STOCK):
        parts.append(command.ref)
    if command.count is not None:
        parts.append(str(command.count))
    if command.pack:
        parts.append(command.pack)
    if command.person:
        parts.append(f"for={command.person}")
    if command.due:
        parts.append(f"due={command.due.astimezone(timezone.utc):%Y-%m-%dT%H:%M}")
    if command.note:
        parts.append(f"note={command.note}")
    if command.intent in PLACED or command.intent is Intent.EDIT:
        if command.value:
            parts.append(f"{command.field}={command.value}")
    elif command.value:
        parts.append(f"value={command.value}")
        if command.field:
            parts.append(f"field={command.field}")
    elif command.field:
        parts.append(f"field={command.field}")
    return " ".join(parts)
