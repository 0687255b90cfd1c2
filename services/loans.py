"""Lending and giving back lendable stock, inside the caller's unit of work:
the stock row is locked first, so the shelf and the loans change together."""

from __future__ import annotations

import re
from datetime import datetime

from domain.errors import DomainError, UndoConflict
from domain.language.patterns import BROKEN_WORDS, NOT_WORKING
from domain.ledger import Action, ItemType, LedgerEntry
from domain.loans import StockLoan, give_back, lend
from domain.stock import StockItem
from domain.values import plural, to_base_units
from services.changes import Done, append, track_reorder
from services.context import Context
from storage.unit_of_work import UnitOfWork


def lend_out(
    uow: UnitOfWork,
    ctx: Context,
    sku: str,
    holder: str,
    count,
    pack,
    due: datetime | None,
    kit: str | None = None,
) -> Done:
    item = _locked(uow, sku)
    if count is None:
        raise DomainError(
            f"How many {item.unit}s of {item.name}? Say e.g. “borrow 2 {item.name}”. Nothing was changed."
        )
    units = to_base_units(count, pack, item.unit, item.packs, item.name)
    was_low, loan = item.is_low, uow.loans.get(sku, holder)
    before = _state(loan)
    loan = lend(item, loan, holder, units, due, ctx.now, with_kit=kit is not None)
    uow.stock.save(item)
    uow.loans.save(loan)
    entry_id = _record(uow, ctx, Action.LEND, item, loan, before, -units, note=f"kit {kit}" if kit else None)
    until = f", due back {ctx.local(loan.due)}" if loan.due else ""
    whom = ctx.who(holder)
    total = f" ({item.describe(loan.quantity)} in all)" if loan.quantity != units else ""
    text = (
        f"Lent {item.describe(units)} of {item.name} to {whom}{total}{until}; "
        f"{item.describe(item.on_hand)} left on the shelf."
    )
    return Done(text, entry_id, track_reorder(uow, ctx, item, was_low, received=False))


def take_back(uow: UnitOfWork, ctx: Context, sku: str, holder: str, count, pack, note: str | None) -> Done:
    """A loan given back: all of it when no count is said. A note that says some
    were lost or broken takes those off the loan without putting them on the shelf."""
    item = _locked(uow, sku)
    loan = uow.loans.get(sku, holder)
    whose = "You have" if ctx.actor.is_(holder) else f"{ctx.who(holder)} has"
    held = loan.quantity if loan else 0
    if count is None or count == 0:  # no count: all of it; 0: only what was lost or broken
        units = held if count is None else 0
    else:
        units = to_base_units(count, pack, item.unit, item.packs, item.name)
    lost, damaged = written_off(note, held - units if count is not None else 0)
    if not (lost or damaged) and held and UNCOUNTED.search(note or "") and not _NOT.search(note or ""):
        raise DomainError(  # "2 back, well 1, the other went in the river": how many, never all of them back
            f"How many {plural(item.unit, 2)} of {item.name} came back in good order, and what happened to the rest? "
            "Say e.g. “1 back, 1 lost” or “1 back, 1 damaged”. Nothing was changed."
        )
    if count is None and (lost or damaged):
        units = max(held - lost - damaged, 0)
    elif units == held and units and lost + damaged:  # "all 6 back, one has a bent pin": one of the 6
        units = max(held - lost - damaged, 0)
    if not held:
        raise DomainError(f"{whose} no {item.name} on loan, so nothing was changed.")
    was_low, before = item.is_low, _state(loan)
    give_back(item, loan, units, lost, damaged, whose)
    uow.stock.save(item)
    uow.loans.save(loan)
    off = ", ".join(f"{n} {what}" for n, what in ((lost, "lost"), (damaged, "damaged")) if n)
    entry_id = _record(uow, ctx, Action.GIVE_BACK, item, loan, before, units, note=off or None)
    parts = [f"{item.describe(units)} of {item.name} back from {ctx.who(holder)}" if units else ""]
    if off:
        parts.append(f"{off}, recorded and not back on the shelf")
    rest = f"; {item.describe(loan.quantity)} still out with them" if loan.quantity else ""
    text = f"Recorded {'; '.join(filter(None, parts))}{rest}. {item.describe(item.on_hand)} on the shelf now."
    return Done(text, entry_id, track_reorder(uow, ctx, item, was_low, received=bool(units)))


# "the other one is broken", "2 are missing", "one of the batteries is lost", "lost one": what did not come
# back. The amount is said, or "the other(s)" / "the rest"; "I lost the bag" names no amount and writes nothing off.
_N = r"\d+|one|two|three|four|five|six|an?"
_BROKEN = BROKEN_WORDS
_OFF = re.compile(
    rf"(?P<n>the other (?:{_N})|{_N}|the other(?: one)?|the others|the rest|other)(?:'s(?:\s+[a-z]+(?=\s+is\b))?|\s)\s*"
    # "the other one's lost", "the other one's mic is broken", "one of them the mic snapped off"
    r"(?:of\s+(?:them|the\s+[\w-]+(?:\s+[\w-]+)?)\s+)?(?:(?:the|its)\s+[\w-]+\s+)?"
    r"(?:(?:is|are|was|were|got|came back|has|have|went|i|we)\s+)?(?:been\s+|have\s+|has\s+|a\s+)*"
    rf"(?P<what>lost|missing|gone|{_BROKEN})\b"
    rf"|(?P<verb>lost|broke|damaged|snapped|cracked|bent)\s+(?P<n2>{_N})\b"
    # "the other one won't hold a charge": damaged, said by what it no longer does
    # (not "the camera won't turn on": the a of camera; nor "won't work with teams": it works)
    rf"|(?<![\w-])(?P<n3>the other(?: one)?|{_N})(?:\s+of\s+them)?\s+{NOT_WORKING}\b(?!\s+(?:with|in|on|until|till|unless|for)\b)",
    re.I,
)
_NOT = re.compile(
    r"(?i)\b(?:nothing|none|no|not|never|without|n't)\b[\w\s]{0,12}?\b(?:lost|missing|broken|damaged|broke)\b"
)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1, "an": 1}


# A return's note that says some did not come back well, or fewer came back, in words no count
# above reads ("on one of them the mic is loose", "well 1, the other went in the river"): asked
UNCOUNTED = re.compile(
    rf"(?i)\b(?:{_BROKEN}|lost|missing|gone|snapped\s+off|fell\s+off|went\s+in|dropped\s+in)\b"
    r"|\b(?:well|actually|only|just)\s+(?:\d+|one|two|three|four|five)\b"
)


def written_off(note: str | None, others: int) -> tuple[int, int]:
    """(lost, damaged) a return's note speaks of, every one said ("1 has a broken pin and 1 went
    missing"); `others`: how many "the others" / "the rest" are."""
    if not note or _NOT.search(note):
        return 0, 0
    lost = damaged = 0
    for found in _OFF.finditer(note):
        n, gone = _one_write_off(found, others)
        lost, damaged = (lost + n, damaged) if gone else (lost, damaged + n)
    return lost, damaged


def _one_write_off(found: re.Match, others: int) -> tuple[int, bool]:
    """(how many, lost rather than damaged) of one thing said."""
    said = (found["n"] or found["n2"] or found["n3"] or "").lower()
    what = (found["what"] or found["verb"] or "damaged").lower()
    said = said.removeprefix("the other ") if said[len("the other ") :].strip() not in ("", "one") else said
    if said in ("the others", "the rest"):
        n = others
    elif said.startswith("the other") or said == "other":  # "the other one": one
        n = 1
    else:
        n = int(said) if said.isdigit() else _WORDS.get(said, 1)
    return n, what in ("lost", "missing", "gone")


def undo(uow: UnitOfWork, ctx: Context, entry: LedgerEntry) -> Done:
    """A loan movement reversed, while the loan still stands as it left it."""
    item = _locked(uow, entry.item_key)
    holder = entry.changes["holder"][1]
    loan = uow.loans.get(item.sku, holder)
    if uow.ledger.is_reversed(entry.id):
        raise UndoConflict("That change was just undone already. Nothing else was changed.")
    if _state(loan)["loan"] != entry.changes["loan"][1]:
        raise UndoConflict(
            f"The loan of {item.name} has changed since, so I can't undo that. Nothing was changed."
        )
    was_low = item.is_low
    if entry.quantity:
        if entry.quantity > 0:
            item.consume(entry.quantity)  # raises when the shelf no longer has them
        else:
            item.receive(-entry.quantity)
    old = {**_state(loan), **{name: texts[0] for name, texts in entry.changes.items()}}
    restored = StockLoan(
        item.sku,
        holder,
        int(old["loan"] or 0),
        datetime.fromisoformat(old["since"]) if old["since"] else ctx.now,
        datetime.fromisoformat(old["due"]) if old["due"] else None,
    )
    uow.stock.save(item)
    uow.loans.save(restored)
    if "giver_loan" in entry.changes:  # a loan passed on (services.holdings.transfer): the giver has it back
        _give_back_to_giver(uow, item.sku, entry)
    entry_id = _record(
        uow, ctx, Action.UNDO, item, restored, _state(loan), -(entry.quantity or 0), reverses=entry.id
    )
    crossing = track_reorder(uow, ctx, item, was_low, received=(entry.quantity or 0) < 0)
    return Done(f"Undone: {entry.describe()} (from {ctx.local(entry.at)}).", entry_id, crossing)


def _give_back_to_giver(uow: UnitOfWork, sku: str, entry: LedgerEntry) -> None:
    giver = entry.changes["holder"][0]
    if uow.loans.get(sku, giver) is not None:
        raise UndoConflict(
            f"{giver} has {sku} on loan again since, so I can't undo that. Nothing was changed."
        )
    quantity, since, due = entry.changes["giver_loan"][0].split("|")
    uow.loans.save(
        StockLoan(
            sku,
            giver,
            int(quantity),
            datetime.fromisoformat(since),
            datetime.fromisoformat(due) if due else None,
        )
    )


def _locked(uow: UnitOfWork, sku: str) -> StockItem:
    item = uow.stock.get(sku, lock=True)
    if item is None:
        raise DomainError(f"{sku} is no longer in the catalog.")
    return item


def _state(loan: StockLoan | None) -> dict[str, str]:
    if loan is None or loan.quantity <= 0:
        return {"loan": "0", "since": "", "due": ""}
    return {
        "loan": str(loan.quantity),
        "since": loan.since.isoformat(),
        "due": loan.due.isoformat() if loan.due else "",
    }


def _record(uow, ctx, action, item: StockItem, loan: StockLoan, before: dict, quantity: int, **extra) -> int:
    after = _state(loan)
    changes = {name: (before[name], after[name]) for name in after if before[name] != after[name]}
    changes["holder"] = (loan.holder, loan.holder)  # whose loan, for undo and history
    return append(
        uow,
        ctx,
        action,
        ItemType.STOCK,
        item.sku,
        quantity=quantity or None,
        balance=item.on_hand,
        changes=changes,
        **extra,
    )
