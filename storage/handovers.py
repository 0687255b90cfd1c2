"""Handovers offered, accepted, declined or withdrawn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select, update

from domain.values import tag_key
from storage.models import AssetRow, HandoverRow
from storage.repositories import Writer

HANDOVERS = HandoverRow.__table__
ASSETS = AssetRow.__table__
_WITH_TAG = select(
    HANDOVERS.c.id, ASSETS.c.tag, HANDOVERS.c.from_person, HANDOVERS.c.to_person, HANDOVERS.c.status
).join(ASSETS, ASSETS.c.id == HANDOVERS.c.asset_id)


@dataclass(frozen=True)
class Handover:
    id: int
    asset_tag: str
    from_person: str
    to_person: str
    status: str


class HandoverRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def offer(self, tag: str, from_person: str, to_person: str, now: datetime) -> tuple[int, list[Handover]]:
        """A new offer, and the open offers of the same asset it withdraws."""
        withdrawn = self.withdraw(tag, now)
        asset_id = select(ASSETS.c.id).where(ASSETS.c.tag_key == tag_key(tag)).scalar_subquery()
        values = dict(
            asset_id=asset_id, from_person=from_person, to_person=to_person, status="offered", created_at=now
        )
        new_id = self.writer.execute(insert(HANDOVERS).values(values).returning(HANDOVERS.c.id)).scalar_one()
        return new_id, withdrawn

    def withdraw(self, tag: str, now: datetime) -> list[Handover]:
        """Withdraw the asset's open offers (a new one is made, or it came back): those withdrawn."""
        open_offers = [
            Handover(*row)
            for row in self.writer.execute(
                _WITH_TAG.where(ASSETS.c.tag_key == tag_key(tag), HANDOVERS.c.status == "offered")
            )
        ]
        for offer in open_offers:
            self.decide(offer.id, "withdrawn", now)
        return open_offers

    def get(self, handover_id: int) -> Handover | None:
        row = self.writer.execute(_WITH_TAG.where(HANDOVERS.c.id == handover_id)).first()
        return Handover(*row) if row else None

    def open_for(self, *people: str) -> list[Handover]:
        keys = sorted({p.lower() for p in people})
        query = _WITH_TAG.where(func.lower(HANDOVERS.c.to_person).in_(keys), HANDOVERS.c.status == "offered")
        return [Handover(*row) for row in self.writer.execute(query.order_by(HANDOVERS.c.id))]

    def decide(self, handover_id: int, status: str, now: datetime) -> bool:
        """True for the one caller that decides an open offer (a double tap decides once)."""
        done = self.writer.execute(
            update(HANDOVERS)
            .where(HANDOVERS.c.id == handover_id, HANDOVERS.c.status == "offered")
            .values(status=status, decided_at=now)
        )
        return done.rowcount == 1
