"""How much of a stock item people used, summed by the database: one row per
person, however many entries there are (the ledger's item index covers it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from domain.ledger import Action, ItemType
from storage.models import LedgerRow
from storage.repositories import Writer

LEDGER = LedgerRow.__table__


@dataclass(frozen=True)
class Usage:
    actor: str  # as the ledger records the person (a member ID, or a name)
    used: int  # base units
    times: int  # how many entries


class UsageRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def by_person(self, sku: str, since: datetime, until: datetime | None = None) -> list[Usage]:
        """Consumption of `sku` per person from `since` (to `until`), most first;
        a consumption that was undone does not count."""
        undo = LEDGER.alias("undo")
        used = func.sum(-LEDGER.c.quantity)
        where = [
            LEDGER.c.item_type == ItemType.STOCK.value,
            LEDGER.c.item_key == sku,
            LEDGER.c.action == Action.CONSUME.value,
            LEDGER.c.at >= since,
            ~select(undo.c.id).where(undo.c.reverses == LEDGER.c.id).exists(),
        ]
        if until is not None:
            where.append(LEDGER.c.at < until)
        query = (
            select(LEDGER.c.actor, used.label("used"), func.count().label("times"))
            .where(*where)
            .group_by(LEDGER.c.actor)
            .order_by(used.desc(), LEDGER.c.actor)
        )
        return [Usage(row.actor, int(row.used or 0), int(row.times)) for row in self.writer.execute(query)]
