"""The inbox of Slack requests and the people directory."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select, update

from storage.models import InboxRow, PersonRow
from storage.repositories import Writer

INBOX = InboxRow.__table__
PEOPLE = PersonRow.__table__


@dataclass(frozen=True)
class InboxItem:
    id: int
    kind: str
    payload: dict[str, Any]
    status: str
    received_at: datetime | None = (
        None  # when Slack handed it over (a response_url lives 30 minutes from then)
    )


class InboxRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def accept(
        self,
        message_key: str,
        event_id: str | None,
        kind: str,
        payload: dict,
        now: datetime,
        status: str = "pending",
    ) -> int | None:
        """Store a request; None when it was seen before (a retry, or the same
        message delivered as both a mention and a message). A duplicate leaves
        the rest of the transaction intact (ON CONFLICT DO NOTHING)."""
        statement = self.writer.insert(INBOX)
        values = dict(
            message_key=message_key,
            event_id=event_id,
            kind=kind,
            payload=payload,
            status=status,  # "working" with no claim time: handled by its caller, never swept
            received_at=now,
        )
        return self.writer.execute(
            statement.values(values).on_conflict_do_nothing().returning(INBOX.c.id)
        ).scalar()

    def forget(self, item_id: int) -> None:
        """A request that changed nothing, gone, so the same one may come again (a form resubmitted)."""
        self.writer.execute(delete(INBOX).where(INBOX.c.id == item_id, INBOX.c.status != "done"))

    def claim(self, item_id: int, now: datetime) -> InboxItem | None:
        """Take a pending item for processing (or one whose worker died)."""
        row = self.writer.execute(
            update(INBOX)
            .where(INBOX.c.id == item_id, INBOX.c.status == "pending")
            .values(status="working", claimed_at=now)
            .returning(INBOX.c.id, INBOX.c.kind, INBOX.c.payload, INBOX.c.status, INBOX.c.received_at)
        ).first()
        return InboxItem(*row) if row else None

    def finish(self, item_id: int) -> bool:
        """Mark done; False if someone else already did (then roll back)."""
        return bool(
            self.writer.execute(
                update(INBOX).where(INBOX.c.id == item_id, INBOX.c.status != "done").values(status="done")
            ).rowcount
        )

    def waiting(self, stale_before: datetime, limit: int = 100) -> list[int]:
        """Pending items, and items claimed by a worker that never finished."""
        query = select(INBOX.c.id).where(
            or_(
                INBOX.c.status == "pending",
                (INBOX.c.status == "working") & (INBOX.c.claimed_at < stale_before),
            )
        )
        return [row[0] for row in self.writer.execute(query.order_by(INBOX.c.id).limit(limit))]

    def release(self, item_ids: list[int]) -> None:
        """Put stale claimed items back to pending so a worker takes them again."""
        if item_ids:
            self.writer.execute(
                update(INBOX)
                .where(INBOX.c.id.in_(item_ids), INBOX.c.status == "working")
                .values(status="pending")
            )

    def prune(self, before: datetime) -> int:
        """Forget finished requests older than `before`: Slack retries within
        minutes, so a week of keys is plenty to keep duplicates out."""
        query = delete(INBOX).where(INBOX.c.status.in_(["done", "failed"]), INBOX.c.received_at < before)
        return self.writer.execute(query).rowcount or 0

    def status(self, item_id: int) -> str | None:
        return self.writer.execute(select(INBOX.c.status).where(INBOX.c.id == item_id)).scalar()

    def count(self, status: str | None = None) -> int:
        query = select(func.count()).select_from(INBOX)
        if status:
            query = query.where(INBOX.c.status == status)
        return self.writer.execute(query).scalar() or 0


class PeopleRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def name_of(self, slack_id: str) -> str | None:
        return self.writer.execute(select(PEOPLE.c.name).where(PEOPLE.c.slack_id == slack_id)).scalar()

    def names(self) -> dict[str, str]:
        """Every member ID with its name (people are few: hundreds, not millions)."""
        return dict(self.writer.execute(select(PEOPLE.c.slack_id, PEOPLE.c.name)).all())

    def id_of(self, name: str) -> str | None:
        query = (
            select(PEOPLE.c.slack_id)
            .where(func.lower(PEOPLE.c.name) == name.lower())
            .order_by(PEOPLE.c.updated_at.desc())
        )
        return self.writer.execute(query.limit(1)).scalar()

    def remember(self, slack_id: str, name: str, now: datetime) -> None:
        """The name answers show for a Slack user, refreshed from Slack (holders
        and the ledger record the member ID, so a new name changes nothing
        else). An upsert: two workers (or replicas) meeting a new person at
        once must not collide."""
        statement = self.writer.insert(PEOPLE).values(slack_id=slack_id, name=name, updated_at=now)
        self.writer.execute(
            statement.on_conflict_do_update(
                index_elements=[PEOPLE.c.slack_id], set_={"name": name, "updated_at": now}
            )
        )
