"""Calendar feed links, by their secret token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update

from storage.models import CalendarLinkRow
from storage.repositories import Writer

LINKS = CalendarLinkRow.__table__


@dataclass(frozen=True)
class CalendarLink:
    token: str
    owner: str
    scope: str
    target: str


class CalendarLinkRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def get(self, token: str) -> CalendarLink | None:
        """The live link with this token (a revoked one is no link)."""
        row = self.writer.execute(
            select(LINKS.c.token, LINKS.c.owner, LINKS.c.scope, LINKS.c.target).where(
                LINKS.c.token == token, LINKS.c.revoked_at.is_(None)
            )
        ).first()
        return CalendarLink(*row) if row else None

    def live(self, scope: str, target: str, owner: str) -> CalendarLink | None:
        """The owner's live link to this feed (each manager has their own for an item)."""
        row = self.writer.execute(
            select(LINKS.c.token, LINKS.c.owner, LINKS.c.scope, LINKS.c.target)
            .where(
                LINKS.c.scope == scope,
                LINKS.c.target == target,
                LINKS.c.owner == owner,
                LINKS.c.revoked_at.is_(None),
            )
            .order_by(LINKS.c.created_at.desc())
            .limit(1)
        ).first()
        return CalendarLink(*row) if row else None

    def add(self, link: CalendarLink, now: datetime) -> None:
        self.writer.execute(insert(LINKS).values(**vars(link), created_at=now))

    def revoke(self, scope: str, target: str, owner: str, now: datetime) -> int:
        done = self.writer.execute(
            update(LINKS)
            .where(
                LINKS.c.scope == scope,
                LINKS.c.target == target,
                LINKS.c.owner == owner,
                LINKS.c.revoked_at.is_(None),
            )
            .values(revoked_at=now)
        )
        return done.rowcount
