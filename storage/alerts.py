"""Alert queries (computed in SQL, on indexes) and the record of what was sent."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, insert, or_, select, update

from domain.alerts import USAGE_WINDOW_DAYS, DueNotice, LowStock
from domain.values import Packs, tag_key
from storage.models import AlertLogRow, StockAlertStateRow
from storage.repositories import ASSETS, LEDGER, STOCK, Writer

LOG = AlertLogRow.__table__
STATE = StockAlertStateRow.__table__


class AlertRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    # -- what to say ---------------------------------------------------------

    def low_stock(self, now: datetime) -> list[LowStock]:
        """At or below the reorder point, not marked ordered, not snoozed."""
        s, st = STOCK.c, STATE.c
        query = (
            select(
                s.sku,
                s.sku_key,
                s.name,
                s.unit,
                s.packs,
                s.on_hand,
                s.reorder_point,
                s.reorder_qty,
                s.supplier,
            )
            .select_from(STOCK.outerjoin(STATE, st.sku_key == s.sku_key))
            .where(s.reorder_point.is_not(None), s.on_hand <= s.reorder_point)
            .where(st.ordered_at.is_(None), or_(st.snoozed_until.is_(None), st.snoozed_until <= now))
            .order_by(s.sku_key)
        )
        rows = list(self.writer.execute(query))
        used = self._used_since([r.sku for r in rows], now - timedelta(days=USAGE_WINDOW_DAYS))
        return [
            LowStock(
                r.sku,
                r.name,
                r.unit,
                Packs.parse(r.packs),
                r.on_hand,
                r.reorder_point,
                r.reorder_qty,
                r.supplier,
                used.get(r.sku, 0),
            )
            for r in rows
        ]

    def low_item(self, sku: str, now: datetime) -> LowStock:
        """One item as a LowStock fact, whatever its alert state."""
        s = STOCK.c
        r = self.writer.execute(
            select(
                s.sku, s.name, s.unit, s.packs, s.on_hand, s.reorder_point, s.reorder_qty, s.supplier
            ).where(s.sku_key == tag_key(sku))
        ).one()
        used = self._used_since([r.sku], now - timedelta(days=USAGE_WINDOW_DAYS)).get(r.sku, 0)
        return LowStock(
            r.sku,
            r.name,
            r.unit,
            Packs.parse(r.packs),
            r.on_hand,
            r.reorder_point,
            r.reorder_qty,
            r.supplier,
            used,
        )

    def _used_since(self, skus: list[str], since: datetime) -> dict[str, int]:
        if not skus:
            return {}
        l = LEDGER.c
        used: dict[str, int] = {}
        for start in range(0, len(skus), 500):  # keep IN lists to a size every database takes
            query = (
                select(l.item_key, func.sum(l.quantity))
                .where(
                    l.item_type == "stock",
                    l.item_key.in_(skus[start : start + 500]),
                    l.at >= since,
                    l.action == "consume",
                )
                .group_by(l.item_key)
            )
            used.update({key: -int(total or 0) for key, total in self.writer.execute(query)})
        return used

    def due_between(self, start: datetime, end: datetime) -> list[DueNotice]:
        a = ASSETS.c
        query = select(a.tag, a.name, a.holder, a.due).where(
            a.status == "checked_out", a.due >= start, a.due < end
        )
        return [
            DueNotice("due_soon", r.tag, r.name, r.holder, r.due)
            for r in self.writer.execute(query.order_by(a.due))
        ]

    def overdue(self, now: datetime) -> list[DueNotice]:
        a = ASSETS.c
        query = select(a.tag, a.name, a.holder, a.due).where(a.status == "checked_out", a.due < now)
        return [
            DueNotice("overdue", r.tag, r.name, r.holder, r.due)
            for r in self.writer.execute(query.order_by(a.due))
        ]

    # -- what was said ---------------------------------------------------------

    def claim(self, key: str, kind: str, now: datetime) -> bool:
        """Record `key` as sent; False if it was already (nothing to send)."""
        statement = self.writer.insert(LOG)
        inserted = self.writer.execute(
            statement.values(key=key, kind=kind, sent_at=now).on_conflict_do_nothing().returning(LOG.c.key)
        ).first()
        return inserted is not None

    # -- per-item state -----------------------------------------------------------

    def state(self, sku: str) -> dict:
        row = (
            self.writer.execute(select(STATE).where(STATE.c.sku_key == tag_key(sku)).with_for_update())
            .mappings()
            .first()
        )
        return (
            dict(row)
            if row
            else {"sku_key": tag_key(sku), "crossed": False, "ordered_at": None, "snoozed_until": None}
        )

    def set_state(self, sku: str, **values) -> None:
        key = tag_key(sku)
        if self.writer.execute(select(STATE.c.sku_key).where(STATE.c.sku_key == key)).first():
            self.writer.execute(update(STATE).where(STATE.c.sku_key == key).values(**values))
        else:
            self.writer.execute(insert(STATE).values({"sku_key": key, "crossed": False, **values}))
