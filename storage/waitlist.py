"""The waitlist: who waits for which asset, first come first told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select, update

from domain.values import tag_key
from storage.models import AssetRow, WaitlistRow
from storage.repositories import Writer

WAITLIST = WaitlistRow.__table__
ASSETS = AssetRow.__table__


@dataclass(frozen=True)
class Waiting:
    id: int
    person: str
    request: str
    created_at: datetime


def _asset_id(tag: str):
    return select(ASSETS.c.id).where(ASSETS.c.tag_key == tag_key(tag)).scalar_subquery()


class WaitlistRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def add(self, tag: str, person: str, request: str, now: datetime) -> None:
        self.writer.execute(
            insert(WAITLIST).values(asset_id=_asset_id(tag), person=person, request=request, created_at=now)
        )

    def first(self, tag: str) -> Waiting | None:
        """The earliest open wait for this asset."""
        row = self.writer.execute(
            select(WAITLIST.c.id, WAITLIST.c.person, WAITLIST.c.request, WAITLIST.c.created_at)
            .where(WAITLIST.c.asset_id == _asset_id(tag), WAITLIST.c.closed_at.is_(None))
            .order_by(WAITLIST.c.created_at, WAITLIST.c.id)
            .limit(1)
        ).first()
        return Waiting(*row) if row else None

    def waiting(self, tag: str, person: str) -> bool:
        found = self.writer.execute(
            select(func.count()).where(
                WAITLIST.c.asset_id == _asset_id(tag),
                func.lower(WAITLIST.c.person) == person.lower(),
                WAITLIST.c.closed_at.is_(None),
            )
        ).scalar()
        return bool(found)

    def ahead_of(self, tag: str) -> int:
        return (
            self.writer.execute(
                select(func.count()).where(
                    WAITLIST.c.asset_id == _asset_id(tag), WAITLIST.c.closed_at.is_(None)
                )
            ).scalar()
            or 0
        )

    def close(self, request: str, now: datetime) -> None:
        """A request served (or withdrawn) on every unit it waited on."""
        self.writer.execute(
            update(WAITLIST)
            .where(WAITLIST.c.request == request, WAITLIST.c.closed_at.is_(None))
            .values(closed_at=now)
        )
