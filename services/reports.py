"""The asset register and the stock report as CSV, as a short chat table, and
the figures a chart is drawn from."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from storage.reports import RegisterRow, StockRow
from storage.unit_of_work import UnitOfWork

GROUPINGS = ("department", "location", "category")


def register_rows(uow: UnitOfWork, by: str, at: date) -> list[RegisterRow]:
    rows = uow.reports.register(by, at)
    total = RegisterRow(
        "(total)",
        sum(r.count for r in rows),
        sum((r.cost for r in rows), Decimal("0.00")),
        sum((r.book_value for r in rows), Decimal("0.00")),
    )
    return rows + [total]


def register_csv(rows: list[RegisterRow], by: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([by, "count", "cost", "accumulated_depreciation", "book_value"])
    for r in rows:
        writer.writerow([r.group, r.count, r.cost, r.depreciation, r.book_value])
    return out.getvalue()


def stock_csv(rows: list[StockRow], by: str | None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([by or "group", "sku", "name", "on_hand", "unit", "value", "used_last_30_days"])
    for r in rows:
        writer.writerow(
            [r.group, r.sku, r.name, r.on_hand, r.unit, "" if r.value is None else r.value, r.used_30_days]
        )
    return out.getvalue()


def register_table(rows: list[RegisterRow], by: str, at: date) -> str:
    """A few lines for chat: the groups by book value, then the total."""
    *groups, total = rows
    lines = [
        f"Assets by {by} as of {at.isoformat()}: {total.count:,} items, cost ${total.cost:,.2f}, "
        f"book value ${total.book_value:,.2f} (depreciated ${total.depreciation:,.2f})."
    ]
    for r in sorted(groups, key=lambda r: -r.book_value)[:15]:
        lines.append(f"• {r.group}: {r.count:,} items, book value ${r.book_value:,.2f} of ${r.cost:,.2f}")
    if len(groups) > 15:
        lines.append(f"…and {len(groups) - 15} more (`quartermaster report assets --by {by}` has them all).")
    return "\n".join(lines)
