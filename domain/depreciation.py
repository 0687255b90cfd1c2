"""Book value after depreciation, counted in whole months of service."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

CENT = Decimal("0.01")


class Method(str, Enum):
    STRAIGHT_LINE = "straight_line"
    DECLINING_BALANCE = "declining_balance"  # double-declining, floored at salvage


def months_in_service(purchased: date, at: date) -> int:
    months = (at.year - purchased.year) * 12 + (at.month - purchased.month)
    if at.day < purchased.day:
        months -= 1
    return max(months, 0)


def book_value(
    cost: Decimal,
    purchased: date | None,
    useful_life_years: int | None,
    salvage: Decimal | None,
    at: date,
    method: Method = Method.STRAIGHT_LINE,
) -> Decimal:
    """Value on the books at `at`. Without a purchase date or useful life an asset
    is not depreciated; before its purchase date it is worth its cost."""
    salvage = salvage or Decimal(0)
    if purchased is None or not useful_life_years:
        return cost.quantize(CENT, ROUND_HALF_UP)
    months = min(months_in_service(purchased, at), useful_life_years * 12)
    if method is Method.DECLINING_BALANCE:
        rate = Decimal(2) / Decimal(useful_life_years)
        value = (
            cost * (1 - rate) ** (Decimal(months) / 12) if rate < 1 else (cost if months == 0 else salvage)
        )
        if months == useful_life_years * 12:
            value = salvage
        value = max(value, salvage)
    else:
        value = cost - (cost - salvage) * Decimal(months) / Decimal(useful_life_years * 12)
    return value.quantize(CENT, ROUND_HALF_UP)


def accumulated_depreciation(cost: Decimal, value: Decimal) -> Decimal:
    return (cost - value).quantize(CENT, ROUND_HALF_UP)
