"""Follow-ups read against the speaker's last change (of the last 15 minutes).
A correction ("make it 5", "I meant the MacBook") becomes an undo of that change
and the change made again as meant: the assistant runs both in one transaction,
so the ledger shows the reversal and the new entry, or neither. "Two more"
becomes the same change once more. Nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from domain import commands as C
from domain.assets import AssetStatus
from domain.commands import Command
from domain.errors import DomainError
from domain.language.numbers import leading_amount
from domain.language.patterns import PACK_WORDS
from domain.ledger import Action, LedgerEntry
from domain.values import plural, singular, to_base_units
from services.context import Context
from services.resolver import CatalogIndex, CatalogItem
from storage.unit_of_work import UnitOfWork

WINDOW = timedelta(minutes=15)  # a follow-up this long after the change still means it
REDO = {
    Action.CHECK_OUT: C.CheckOut,
    Action.CHECK_IN: C.CheckIn,
    Action.CONSUME: C.Consume,
    Action.RECEIVE: C.Receive,
    Action.COUNT: C.Count,
}
UNSURE_PACK = "?"  # a stored question's answer replaces it with the unit meant


class NeedsUnit(Exception):
    """ "make it 5" after "3 boxes" (15 reams): 5 reams or 5 boxes? Asked, never guessed."""

    def __init__(self, commands: list[Command], count, units: list[tuple[str, str]]):
        super().__init__(count)
        self.commands, self.count, self.units = commands, count, units


@dataclass(frozen=True)
class LastChange:
    entries: tuple[LedgerEntry, ...]

    @property
    def action(self) -> Action:
        return self.entries[0].action

    @property
    def keys(self) -> list[str]:
        return list(dict.fromkeys(e.item_key for e in self.entries))


def expand(uow: UnitOfWork, ctx: Context, command: Command, index: CatalogIndex) -> list[Command]:
    """What the follow-up `command` stands for, as plain commands."""
    last = _last_change(uow, ctx)
    if isinstance(command, C.Again):
        return [_again(uow, ctx, command, last, index)]
    return _correct(uow, ctx, command, last, index)


def _last_change(uow: UnitOfWork, ctx: Context) -> LastChange:
    newest = uow.ledger.recent(ctx.actor.key, ctx.actor.name, limit=50)
    if not newest or ctx.now - newest[0].at > WINDOW:
        raise DomainError(
            "I don't see a change of yours in the last 15 minutes to follow on from, so nothing was "
            "changed. Say it in full, e.g. “used 2 boxes of paper”."
        )
    # every entry the speaker's latest message made, not undone since (after "undo": none)
    source = newest[0].source
    same = [
        e
        for e in (newest if source is not None else newest[:1])
        if e.source == source and e.is_undoable and not uow.ledger.is_reversed(e.id)
    ]
    if not same:
        raise DomainError(
            "Your last change was undone, so there is nothing to follow on from. "
            "Nothing was changed; say what you meant in full."
        )
    kinds = {e.action for e in same}
    if len(kinds) > 1:
        raise DomainError(
            "Your last message made several kinds of change, so I can't tell which to follow on from. "
            "Nothing was changed; say “undo” and then what you meant."
        )
    return LastChange(tuple(reversed(same)))


def _one_item(last: LastChange, index: CatalogIndex) -> CatalogItem:
    items = [index.resolve(key).items[0] for key in last.keys if index.resolve(key).items]
    if not items or len({i.group for i in items}) > 1:
        raise DomainError(
            f"Your last change was about {', '.join(last.keys)}: say which you mean in full. Nothing was changed."
        )
    return items[0]


def _again(uow: UnitOfWork, ctx: Context, command: C.Again, last: LastChange, index: CatalogIndex) -> Command:
    kind = REDO.get(last.action)
    if kind is None or kind is C.Count:
        raise DomainError(
            "I can repeat a use, a delivery, a check-out or a return, not that change. "
            "Nothing was changed; say what to do in full."
        )
    item = _one_item(last, index)
    pack, named = _pack(item, command.pack)
    ref = command.meant or named
    if item.unit is not None:  # stock: the same move, this amount
        if command.count is None:  # "same again": as much as last time
            return kind(ref=item.key, count=_recorded(last))
        if pack is None and command.pack is None and ref is None:
            units = _units_it_may_be(item, _recorded(last))
            if len(units) > 1:  # "two more" after "3 boxes": boxes or reams?
                raise NeedsUnit(
                    [kind(ref=item.key, count=command.count, pack=UNSURE_PACK)], command.count, units
                )
        return kind(ref=ref or item.key, count=command.count, pack=pack)
    if pack is not None:
        raise DomainError(f"{item.name} isn't counted in {pack}s. Nothing was changed.")
    count = len(last.entries) if command.count is None else command.count
    count = count if count != 1 else None
    return kind.of(ref=ref or item.name, count=count, **_loan(uow, ctx, last) if kind is C.CheckOut else {})


def _loan(uow: UnitOfWork, ctx: Context, last: LastChange) -> dict:
    """Whom the last check-out was for and until when, as the asset shows it now."""
    asset = uow.assets.get(last.keys[-1])
    if asset is None or asset.status is not AssetStatus.CHECKED_OUT:
        return {}
    person = asset.holder if not ctx.actor.is_(asset.holder) else None
    return {"person": person, "due": asset.due}


def _pack(item: CatalogItem, said: str | None) -> tuple[str | None, str | None]:
    """(pack, item words): a pack or unit of the item, a pack it lacks (refused
    later, by name), or no pack word at all but the item ("2 more pens")."""
    if said is None:
        return None, None
    word = singular(said)
    if item.unit is not None and word == singular(item.unit):
        return None, None
    if item.unit is not None and (item.packs.size_of(word) or word in PACK_WORDS):
        return word, None
    if item.unit is None and word in ("one", "unit"):
        return None, None
    return None, said


def _correct(
    uow: UnitOfWork, ctx: Context, command: C.Correct, last: LastChange, index: CatalogIndex
) -> list[Command]:
    kind = REDO.get(last.action)
    if command.count is None and command.meant is None:
        if command.due is None:
            raise DomainError("What should it have been? Say e.g. “make it 5”. Nothing was changed.")
        if kind is not C.CheckOut:
            raise DomainError("Only a check-out has a due time to correct. Nothing was changed.")
        loan = _loan(uow, ctx, last)
        return [C.Extend(ref=key, person=loan.get("person"), due=command.due) for key in last.keys]
    if kind is None:
        raise DomainError(
            "I can correct a check-out, a return or an amount of stock, not that change. "
            "Nothing was changed; say “undo” and then what you meant."
        )
    item = _one_item(last, index)
    _check_instead_of(command, item, index)
    undo = [C.Undo(entry_id=e.id) for e in last.entries]
    if command.meant is None and command.pack is not None and _pack(item, command.pack)[1]:
        command = replace(command, meant=command.pack, pack=None)  # "sorry, 5 pens": pens, not paper
    if command.meant is not None:
        return undo + [_meant_instead(uow, ctx, kind, command, last, item, index)]
    if item.unit is None:
        raise DomainError(
            "I can correct an amount of stock, not a number of assets: say “undo” and then what you meant. "
            "Nothing was changed."
        )
    pack, _ = _pack(item, command.pack)
    recorded = _recorded(last)
    if pack is None and command.pack is None:
        units = (
            [
                (unit, label)  # never the amount already recorded: that would change nothing
                for unit, label in _units_it_may_be(item, recorded)
                if to_base_units(command.count, unit, item.unit, item.packs, item.name) != recorded
            ]
            or _units_it_may_be(item, recorded)[:1]
        )
        if len(units) > 1:
            redo = kind(ref=item.key, count=command.count, pack=UNSURE_PACK)
            raise NeedsUnit(undo + [redo], command.count, units)
        pack = units[0][0] if units[0][0] != item.unit else None
    meant = to_base_units(command.count, pack, item.unit, item.packs, item.name)
    if meant == recorded:
        raise DomainError(f"That's what I recorded for {item.name} already, so nothing was changed.")
    if kind is C.Consume:
        _check_enough(uow, item, recorded, meant)
    return undo + [kind(ref=item.key, count=command.count, pack=pack)]


def _check_instead_of(command: C.Correct, item: CatalogItem, index: CatalogIndex) -> None:
    """ "the benq, not the epson": the last change must have been about the epson."""
    said = command.instead_of
    if not said or leading_amount(said)[0] is not None:
        return  # "5 not 3": an amount, not an item
    found = index.resolve(said)
    if not (found.found and any(i.group == item.group for i in found.items)):
        raise DomainError(
            f"Your last change was about {item.key} ({item.name}), not “{said}”, so I didn't correct it. "
            "Nothing was changed; say what you meant in full."
        )


def _check_enough(uow: UnitOfWork, item: CatalogItem, recorded: int, meant: int) -> None:
    """Said here, not by the change: inside the correction the shelf would show the
    amount put back, and the reply must describe the shelf as it stays."""
    stock = uow.stock.get(item.key)
    if stock is not None and stock.on_hand + recorded < meant:
        raise DomainError(
            f"{stock.describe(stock.on_hand)} of {item.name} are on hand after your change; with "
            f"{stock.describe(recorded)} put back that is {stock.describe(stock.on_hand + recorded)}, "
            f"not {stock.describe(meant)}. Your change stays as it was: nothing was changed."
        )


def _recorded(last: LastChange) -> int:
    """The amount the last stock change said, in base units (a count: the total counted)."""
    if last.action is Action.COUNT:
        return last.entries[-1].balance or 0
    return sum(abs(e.quantity or 0) for e in last.entries)


def _units_it_may_be(item: CatalogItem, recorded: int) -> list[tuple[str, str]]:
    """The units the last amount may have been said in: base units always, a
    pack when the amount was a whole number of them."""
    units = [(item.unit, plural(item.unit, 2))]
    for name, size in item.packs.sizes:
        if size > 1 and recorded and recorded % size == 0:
            units.append((name, plural(name, 2)))
    return units


def _meant_instead(
    uow: UnitOfWork,
    ctx: Context,
    kind: type[Command],
    command: C.Correct,
    last: LastChange,
    item: CatalogItem,
    index: CatalogIndex,
) -> Command:
    found = index.resolve(command.meant)
    if found.is_clear and found.items[0].group == item.group and command.count is None:
        raise DomainError(f"That's the item I recorded ({item.key}), so nothing was changed.")
    if item.unit is not None:  # the same amount of the other item, unless a new one was said
        if command.count is not None:
            return kind(ref=command.meant, count=command.count, pack=command.pack)
        amount = _recorded(last)
        if len(_units_it_may_be(item, amount)) > 1:  # "3 boxes of pens" or "150 pens": of the other item?
            raise DomainError(
                f"How much of “{command.meant}”? Say e.g. “I meant 3 boxes of {command.meant}”. Nothing was changed."
            )
        return kind(ref=command.meant, count=amount)  # in its own unit: "3 pens... I meant pencils"
    count = len(last.entries) if len(last.entries) > 1 else None
    return kind.of(ref=command.meant, count=count, **_loan(uow, ctx, last) if kind is C.CheckOut else {})
