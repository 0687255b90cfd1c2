"""Loans of lendable stock: a quantity of an item out with one person, since
and until when. Lending takes it off the shelf; giving it back puts it on
again, and what is lost or broken comes off the loan without going back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import InvalidQuantity, InvalidValue, MoreThanLent, NotLendable
from domain.stock import StockItem


@dataclass
class StockLoan:
    sku: str
    holder: str  # the person's key
    quantity: int  # in the item's base unit
    since: datetime
    due: datetime | None = None

    def is_overdue(self, now: datetime) -> bool:
        return self.due is not None and self.due < now


def lend(
    item: StockItem,
    loan: StockLoan | None,
    holder: str,
    units: int,
    due: datetime | None,
    now: datetime,
    with_kit: bool = False,
) -> StockLoan:
    """`units` more of `item` lent to `holder`, added to what they have (a due time said
    applies to all of it). Returns the loan as it now stands. `with_kit`: part of a kit,
    which lends what it holds even of stock otherwise used up (a kit's batteries)."""
    if not item.lendable and not with_kit:
        raise NotLendable(item.name)
    if not isinstance(units, int) or units < 1:
        raise InvalidQuantity(f"Say how many {item.unit}s of {item.name}, a whole number from 1.")
    if due is not None and due <= now:
        raise InvalidValue(f"The return time {due:%Y-%m-%d %H:%M} is already past; pick a later one.")
    item.consume(units)
    if loan is None:
        return StockLoan(item.sku, holder, units, now, due)
    loan.quantity += units
    loan.due = due or loan.due
    return loan


def give_back(
    item: StockItem,
    loan: StockLoan | None,
    units: int,
    lost: int = 0,
    damaged: int = 0,
    whose: str = "You have",
) -> None:
    """`units` back on the shelf, `lost` and `damaged` off the loan and not back."""
    if not item.lendable and loan is None:
        raise NotLendable(item.name)
    if min(units, lost, damaged) < 0 or units + lost + damaged < 1:
        raise InvalidQuantity(f"Say how many {item.unit}s of {item.name} came back.")
    held = loan.quantity if loan else 0
    if units + lost + damaged > held:
        raise MoreThanLent(item.name, item.describe(held), item.describe(units + lost + damaged), whose)
    loan.quantity -= units + lost + damaged
    item.receive(units)
