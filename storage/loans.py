"""Loans of lendable stock, one row per person and item. Callers hold the
stock item's row lock while they change its loans."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, insert, select, update

from domain.loans import StockLoan
from domain.values import tag_key
from storage.models import StockLoanRow, StockRow
from storage.repositories import Writer

LOANS = StockLoanRow.__table__
STOCK = StockRow.__table__
_WITH_SKU = select(STOCK.c.sku, LOANS.c.holder, LOANS.c.quantity, LOANS.c.since, LOANS.c.due).join(
    STOCK, STOCK.c.id == LOANS.c.stock_id
)


class LoanRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def get(self, sku: str, *holders: str) -> StockLoan | None:
        """The loan of `sku` to a person, under any of their keys."""
        found = self._loans(
            _WITH_SKU.where(
                STOCK.c.sku_key == tag_key(sku),
                func.lower(LOANS.c.holder).in_(sorted({h.lower() for h in holders})),
            )
        )
        return found[0] if found else None

    def save(self, loan: StockLoan) -> None:
        """Write the loan as it stands: a new one, a changed one, or gone when all is back."""
        stock_id = select(STOCK.c.id).where(STOCK.c.sku_key == tag_key(loan.sku)).scalar_subquery()
        mine = (LOANS.c.stock_id == stock_id, func.lower(LOANS.c.holder) == loan.holder.lower())
        if loan.quantity <= 0:
            self.writer.execute(delete(LOANS).where(*mine))
            return
        values = dict(quantity=loan.quantity, since=loan.since, due=loan.due)
        if not self.writer.execute(update(LOANS).where(*mine).values(values)).rowcount:
            self.writer.execute(insert(LOANS).values(stock_id=stock_id, holder=loan.holder, **values))

    def held_by(self, *holders: str) -> list[StockLoan]:
        keys = sorted({h.lower() for h in holders})
        query = _WITH_SKU.where(func.lower(LOANS.c.holder).in_(keys)).order_by(LOANS.c.due, STOCK.c.sku_key)
        return self._loans(query)

    def of_item(self, sku: str) -> list[StockLoan]:
        query = _WITH_SKU.where(STOCK.c.sku_key == tag_key(sku)).order_by(LOANS.c.due, LOANS.c.holder)
        return self._loans(query)

    def all(self) -> list[StockLoan]:
        return self._loans(_WITH_SKU.order_by(STOCK.c.sku_key, LOANS.c.holder))

    def due_between(self, start: datetime, end: datetime) -> list[StockLoan]:
        return self._loans(_WITH_SKU.where(LOANS.c.due >= start, LOANS.c.due < end).order_by(LOANS.c.due))

    def overdue(self, now: datetime) -> list[StockLoan]:
        return self._loans(_WITH_SKU.where(LOANS.c.due < now).order_by(LOANS.c.due))

    def _loans(self, query) -> list[StockLoan]:
        return [StockLoan(*row) for row in self.writer.execute(query)]
