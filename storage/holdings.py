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

    def lock_loans(self, *holders: str) -> list[tuple[int, StockLoan, int]]:
        """The person's loans (row id, loan, the item's shelf count), the items row-locked in id order."""
        stock_ids = select(LOANS.c.stock_id).where(func.lower(LOANS.c.holder).in_(_keys(holders)))
        locked = select(STOCK.c.id).where(STOCK.c.id.in_(stock_ids)).order_by(STOCK.c.id).with_for_update()
        self.writer.execute(locked).all()
        return self._loans(func.lower(LOANS.c.holder).in_(_keys(holders)), with_shelf=True)

    def loans_of(self, holders: tuple[str, ...], skus: list[str]) -> list[tuple[int, StockLoan, int]]:
        """A person's loans of these items, under any of their keys."""
        return self._loans(func.lower(LOANS.c.holder).in_(_keys(holders)), STOCK.c.sku.in_(skus))

    def _loans(self, *where, with_shelf: bool = False) -> list[tuple[int, StockLoan, int]]:
        query = (
            select(
                LOANS.c.id,
                STOCK.c.sku,
                LOANS.c.holder,
                LOANS.c.quantity,
                LOANS.c.since,
                LOANS.c.due,
                STOCK.c.on_hand,
            )
            .join(STOCK, STOCK.c.id == LOANS.c.stock_id)
            .where(*where)
            .order_by(STOCK.c.sku_key, LOANS.c.id)
        )
        return [(row[0], StockLoan(*row[1:6]), row[6]) for row in self.writer.execute(query)]

    def pass_loans(
        self, gone: list[int], grown: list[tuple[int, int, datetime | None]], new: list[StockLoan]
    ) -> None:
        """The loan rows read (`gone`, by id: never one made since) deleted; the taker's (`grown`:
        row id, quantity, due) updated and `new` ones inserted. Three statements whatever their number."""
        if gone:
            self.writer.execute(delete(LOANS).where(LOANS.c.id.in_(gone)))
        if grown:
            statement = (
                update(LOANS)
                .where(LOANS.c.id == bindparam("row"))
                .values(quantity=bindparam("qty"), due=bindparam("until"))
            )
            self.writer.execute(statement, [dict(row=i, qty=q, until=d) for i, q, d in grown])
        if new:
            ids = dict(
                self.writer.execute(
                    select(STOCK.c.sku, STOCK.c.id).where(STOCK.c.sku.in_({n.sku for n in new}))
                ).all()
            )
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
