"""The outbox of messages to Slack: recorded with the change that made them
true, claimed by one sender at a time, marked sent only on Slack's ok."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update

from storage.models import OutboxRow
from storage.repositories import Writer

OUTBOX = OutboxRow.__table__
_o = OUTBOX.c
RETURNED = (
    _o.id,
    _o.key,
    _o.method,
    _o.channel,
    _o.args,
    _o.content,
    _o.paced,
    _o.attempts,
    _o.created_at,
    _o.claimed_at,
)


@dataclass(frozen=True)
class Outgoing:
    id: int
    key: str
    method: str
    channel: str | None
    args: dict[str, Any]
    content: bytes | None
    paced: bool
    attempts: int  # this one included
    created_at: datetime
    claimed_at: datetime  # the claim's token: only its holder may record how it went


class OutboxRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def add(
        self,
        key: str,
        method: str,
        args: dict,
        now: datetime,
        channel: str | None = None,
        content: bytes | None = None,
        paced: bool = False,
        held: bool = False,
    ) -> int | None:
        """Record a message; None when `key` was recorded before (a re-run of
        the same request, a second scheduler): nothing is sent twice. A
        message under `key` that failed for good is queued again (the bot was
        invited to the channel since, say). A `held` message is claimed by its
        recorder as it is recorded (see `held`), saving the claim's own write."""
        statement = self.writer.insert(OUTBOX)
        claim = (
            dict(status="sending", attempts=1, claimed_at=now) if held else dict(status="pending", attempts=0)
        )
        values = dict(
            key=key,
            method=method,
            channel=channel,
            args=args,
            content=content,
            paced=paced,
            next_at=now,
            created_at=now,
            **claim,
        )
        added = self.writer.execute(
            statement.values(values).on_conflict_do_nothing().returning(OUTBOX.c.id)
        ).scalar()
        if added is not None:
            return added
        return self.writer.execute(
            update(OUTBOX)
            .where(OUTBOX.c.key == key, OUTBOX.c.status == "failed")
            .values(next_at=now, created_at=now, **claim)
            .returning(OUTBOX.c.id)
        ).scalar()

    def due(self, now: datetime, stale_before: datetime, limit: int = 100) -> list[int]:
        """Pending messages whose time has come, and claims a dead sender left."""
        o = OUTBOX.c
        ready = (o.status == "pending") & (o.next_at <= now)
        stale = (o.status == "sending") & (o.claimed_at < stale_before)
        query = select(o.id).where(ready | stale)
        return [row[0] for row in self.writer.execute(query.order_by(o.id).limit(limit))]

    def claim(self, message_id: int, now: datetime, stale_before: datetime) -> Outgoing | None:
        o = OUTBOX.c
        claimable = (o.status == "pending") | ((o.status == "sending") & (o.claimed_at < stale_before))
        row = self.writer.execute(
            update(OUTBOX)
            .where(o.id == message_id, claimable)
            .values(
                status="sending", claimed_at=now, attempts=o.attempts + 1
            )  # a sender that died counts too
            .returning(*RETURNED)
        ).first()
        return Outgoing(*row) if row else None

    def held(self, message_id: int) -> Outgoing | None:
        """A message its recorder claimed as it recorded it, if nobody has
        taken it over since (a takeover moves `claimed_at` past `created_at`)."""
        o = OUTBOX.c
        row = self.writer.execute(
            select(*RETURNED).where(
                o.id == message_id, o.status == "sending", o.attempts == 1, o.claimed_at == o.created_at
            )
        ).first()
        return Outgoing(*row) if row else None

    def release_claims(self) -> None:
        """Single process (SQLite), at start: claims found are a crashed run's."""
        self.writer.execute(update(OUTBOX).where(OUTBOX.c.status == "sending").values(status="pending"))

    def sent(self, message: Outgoing, now: datetime) -> bool:
        return self._settle(message, status="sent", sent_at=now, error=None)

    def retry(self, message: Outgoing, at: datetime, error: str) -> bool:
        return self._settle(message, status="pending", next_at=at, error=error[:200])

    def failed(self, message: Outgoing, error: str) -> bool:
        return self._settle(message, status="failed", error=error[:200])

    def _settle(self, message: Outgoing, **values) -> bool:
        """Record how a send went, if the claim is still ours (False: a sender
        that took it over as stale decides)."""
        o = OUTBOX.c
        mine = (o.id == message.id) & (o.status == "sending") & (o.claimed_at == message.claimed_at)
        return bool(self.writer.execute(update(OUTBOX).where(mine).values(**values)).rowcount)

    def status_of(self, key: str) -> tuple[str, str | None] | None:
        row = self.writer.execute(select(OUTBOX.c.status, OUTBOX.c.error).where(OUTBOX.c.key == key)).first()
        return (row[0], row[1]) if row else None

    def count(self, status: str | None = None) -> int:
        query = select(func.count()).select_from(OUTBOX)
        if status:
            query = query.where(OUTBOX.c.status == status)
        return self.writer.execute(query).scalar() or 0

    def prune(self, before: datetime) -> int:
        """Forget delivered messages (and their files) after a week."""
        query = delete(OUTBOX).where(OUTBOX.c.status.in_(["sent", "failed"]), OUTBOX.c.created_at < before)
        return self.writer.execute(query).rowcount or 0
