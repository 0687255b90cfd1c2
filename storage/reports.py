"""The asset register and the stock report, aggregated in SQL (money in whole
cents), so a million assets are summed by the database, not loaded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

from sqlalchemy import Float, case, cast, func, literal, select

from storage.repositories import ASSETS, LEDGER, STOCK, Writer

GROUPS = {"department": ASSETS.c.department, "location": ASSETS.c.location, "category": ASSETS.c.category}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class RegisterRow:
    group: str
    count: int
    cost: Decimal
    book_value: Decimal

    @property
    def depreciation(self) -> Decimal:
        return self.cost - self.book_value


@dataclass(frozen=True)
class StockRow:
    group: str
    sku: str
    name: str
    on_hand: int
    unit: str
    value: Decimal | None
    used_30_days: int


def book_value_cents(at: date):
    """Per asset, its book value at `at` in cents; the same whole-month rules
    as domain.depreciation (straight line, or double-declining to salvage)."""
    a = ASSETS.c
    cost = func.round(cast(a.cost, Float) * 100)
    salvage = func.round(cast(func.coalesce(a.salvage_value, 0), Float) * 100)
    life = a.useful_life_years * 12
    raw = (at.year * 12 + at.month - 1) - a.purchase_month - case((a.purchase_day > at.day, 1), else_=0)
    months = case((raw < 0, 0), (raw > life, life), else_=raw)
    straight = _half_up(cost - (cost - salvage) * months / cast(life, Float))
    rate = 2.0 / cast(a.useful_life_years, Float)
    declined = cost * func.power(1 - rate, cast(months, Float) / 12.0)
    declining = case(
        (months == life, salvage),
        (rate >= 1, case((months == 0, cost), else_=salvage)),
        (declined < salvage, salvage),
        else_=_half_up(declined),
    )
    return case(
        (a.cost.is_(None), None),
        ((a.purchase_date.is_(None)) | (a.useful_life_years.is_(None)) | (a.useful_life_years == 0), cost),
        (a.depreciation_method == "declining_balance", declining),
        else_=straight,
    )


class ReportRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def register(self, by: str, at: date) -> list[RegisterRow]:
        a = ASSETS.c
        group = func.coalesce(GROUPS[by], literal("(none)")).label("grp")
        book = book_value_cents(at)
        query = (
            select(group, func.count(), func.sum(func.round(cast(a.cost, Float) * 100)), func.sum(book))
            .where(a.status != "retired", (a.purchase_date.is_(None)) | (a.purchase_date <= at))
            .group_by(group)
            .order_by(group)
        )
        return [
            RegisterRow(g, n, _money(cost), _money(value)) for g, n, cost, value in self.writer.execute(query)
        ]

    def stock(self, by: str | None, at: date) -> list[StockRow]:
        s, l = STOCK.c, LEDGER.c
        end = datetime.combine(at + timedelta(days=1), time.min, timezone.utc)
        used = (
            select(l.item_key.label("sku"), (-func.sum(l.quantity)).label("used"))
            .where(
                l.item_type == "stock", l.action == "consume", l.at >= end - timedelta(days=30), l.at < end
            )
            .group_by(l.item_key)
            .subquery()
        )
        group = func.coalesce(
            s.location if by == "location" else s.supplier if by == "supplier" else literal("(all)"),
            literal("(none)"),
        )
        query = (
            select(
                group,
                s.sku,
                s.name,
                s.on_hand,
                s.unit,
                func.round(cast(s.unit_cost, Float) * s.on_hand * 100),
                func.coalesce(used.c.used, 0),
            )
            .select_from(STOCK.outerjoin(used, used.c.sku == s.sku))
            .order_by(group, s.sku_key)
        )
        return [
            StockRow(g, sku, name, n, unit, _money(value) if value is not None else None, int(u or 0))
            for g, sku, name, n, unit, value, u in self.writer.execute(query)
        ]


def _half_up(cents):
    """Round to whole cents, halves up, as the domain's Decimal does; the
    databases' own round() differ (PostgreSQL rounds float halves to even)."""
    return func.floor(cents + 0.5)


def _money(cents) -> Decimal:
    return (Decimal(int(round(float(cents or 0)))) / 100).quantize(CENT)
