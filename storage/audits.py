"""Audits and the sightings they are made of (ledger entries of action seen)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select, update

from storage.models import AuditRow
from storage.repositories import ASSETS, LEDGER, Writer

AUDITS = AuditRow.__table__


class AuditRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def open_audits(self) -> list[dict]:
        query = select(AUDITS).where(AUDITS.c.closed_at.is_(None)).order_by(AUDITS.c.started_at)
        return [dict(r) for r in self.writer.execute(query).mappings()]

    def open_for(self, location: str) -> dict | None:
        return next((a for a in self.open_audits() if a["location"].lower() == location.lower()), None)

    def start(self, location: str, by: str, now: datetime, thread: str | None = None) -> int:
        values = dict(location=location, started_by=by, started_at=now, thread=thread)
        return self.writer.execute(insert(AUDITS).values(values).returning(AUDITS.c.id)).scalar_one()

    def close(self, audit_id: int, now: datetime, summary: dict) -> None:
        self.writer.execute(
            update(AUDITS).where(AUDITS.c.id == audit_id).values(closed_at=now, summary=summary)
        )

    def expected_at(self, location: str) -> set[str]:
        """What the register puts at `location` (retired assets aside)."""
        a = ASSETS.c
        query = select(a.tag).where(func.lower(a.location) == location.lower(), a.status != "retired")
        return {tag for (tag,) in self.writer.execute(query)}

    def seen_at(self, location: str, since: datetime) -> set[str]:
        l = LEDGER.c
        query = (
            select(l.item_key)
            .where(l.action == "seen", l.at >= since, func.lower(l.note) == location.lower())
            .distinct()
        )
        return {tag for (tag,) in self.writer.execute(query)}

    def due(self, intervals: dict[str, int], now: datetime) -> list[tuple[str, int, int]]:
        """(category, assets not seen within its interval, interval days)."""
        from datetime import timedelta

        a, l = ASSETS.c, LEDGER.c
        due = []
        for category, days in sorted(intervals.items()):
            recently = (
                select(l.id)
                .where(
                    l.item_type == "asset",
                    l.item_key == a.tag,
                    l.action == "seen",
                    l.at >= now - timedelta(days=days),
                )
                .exists()
            )
            count = self.writer.execute(
                select(func.count())
                .select_from(ASSETS)
                .where(func.lower(a.category) == category.lower(), a.status != "retired", ~recently)
            ).scalar()
            if count:
                due.append((category, count, days))
        return due
