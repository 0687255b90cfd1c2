"""Everything one person holds, changed in a few statements: a transfer of
hundreds of assets and loans is a handful of round trips, not one per row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, delete, func, insert, select, update

from domain.assets import Asset
from domain.ledger import LedgerEntry
from domain.loans import StockLoan
from storage import mapping
from storage.models import HandoverRow, LedgerRow, StockLoanRow, StockRow
from storage.repositories import ASSETS, Writer

LOANS, STOCK, LEDGER, HANDOVERS = (
    StockLoanRow.__table__,
    StockRow.__table__,
    LedgerRow.__table__,
    HandoverRow.__table__,
)


def _keys(holders) -> list[str]:
    return sorted({h.lower() for h in holders})


class HoldingsRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def lock_assets(self, *holders: str) -> list[Asset]:
        """What the person holds, row-locked (in id order, as every locker takes them)."""
        query = (
            select(ASSETS)
            .where(func.lower(ASSETS.c.holder).in_(_keys(holders)))
            .order_by(ASSETS.c.id)
            .with_for_update()
        )
        return [mapping.asset_from_row(row) for row in self.writer.execute(query).mappings()]

    def reassign(self, tags: list[str], holder: str, now: datetime) -> None:
        """The assets now `holder`'s (due dates kept); their open handover offers withdrawn."""
        keys = [mapping.tag_key(t) for t in tags]
        ids = select(ASSETS.c.id).where(ASSETS.c.tag_key.in_(keys)).scalar_subquery()
        self.writer.execute(update(ASSETS).where(ASSETS.c.tag_key.in_(keys)).values(holder=holder))
        self.writer.execute(
            update(HANDOVERS)
            .where(HANDOVERS.c.asset_id.in_(ids), HANDOVERS.c.status == "offered")
            .values(status="withdrawn", decided_at=now)
        )

    def lock_loans(self, *holders: str) -> list[tuple[StockLoan, int]]:
        """The person's loans with their items' shelf counts, the items row-locked (in id order)."""
        stock_ids = select(LOANS.c.stock_id).where(func.lower(LOANS.c.holder).in_(_keys(holders)))
        locked = select(STOCK.c.id).where(STOCK.c.id.in_(stock_ids)).order_by(STOCK.c.id).with_for_update()
        self.writer.execute(locked).all()
        query = (
            select(STOCK.c.sku, LOANS.c.holder, LOANS.c.quantity, LOANS.c.since, LOANS.c.due, STOCK.c.on_hand)
            .join(STOCK, STOCK.c.id == LOANS.c.stock_id)
            .where(func.lower(LOANS.c.holder).in_(_keys(holders)))
            .order_by(STOCK.c.sku_key)
        )
        return [(StockLoan(*row[:5]), row[5]) for row in self.writer.execute(query)]

    def loans_of(self, holder: str, skus: list[str]) -> dict[str, StockLoan]:
        query = (
            select(STOCK.c.sku, LOANS.c.holder, LOANS.c.quantity, LOANS.c.since, LOANS.c.due)
            .join(STOCK, STOCK.c.id == LOANS.c.stock_id)
            .where(func.lower(LOANS.c.holder) == holder.lower(), STOCK.c.sku.in_(skus))
        )
        return {row[0]: StockLoan(*row) for row in self.writer.execute(query)}

    def pass_loans(self, givers: tuple[str, ...], merged: list[StockLoan], new: list[StockLoan]) -> None:
        """All the givers' loans gone; the taker's of the same items `merged` (updated) or `new` (inserted):
        three statements, whatever their number."""
        skus = {loan.sku for loan in merged + new}
        ids = dict(self.writer.execute(select(STOCK.c.sku, STOCK.c.id).where(STOCK.c.sku.in_(skus))).all())
        self.writer.execute(delete(LOANS).where(func.lower(LOANS.c.holder).in_(_keys(givers))))
        if merged:
            statement = (
                update(LOANS)
                .where(LOANS.c.stock_id == bindparam("sid"), LOANS.c.holder == bindparam("who"))
                .values(quantity=bindparam("qty"), due=bindparam("until"))
            )
            self.writer.execute(
                statement,
                [dict(sid=ids[m.sku], who=m.holder, qty=m.quantity, until=m.due) for m in merged],
            )
        if new:
            rows = [
                dict(stock_id=ids[n.sku], holder=n.holder, quantity=n.quantity, since=n.since, due=n.due)
                for n in new
            ]
            self.writer.execute(insert(LOANS), rows)

    def add_entries(self, entries: list[LedgerEntry]) -> list[int]:
        """Ledger entries in one INSERT; their ids in order."""
        if not entries:
            return []
        statement = insert(LEDGER).returning(LEDGER.c.id, sort_by_parameter_order=True)
        return list(self.writer.execute(statement, [mapping.entry_values(e) for e in entries]).scalars())
