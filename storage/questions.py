"""Questions waiting for a choice, stored by id (buttons carry only the id)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update

from storage.models import QuestionRow
from storage.repositories import Writer

QUESTIONS = QuestionRow.__table__


@dataclass(frozen=True)
class StoredQuestion:
    id: int
    asked_of: str
    reference: str | None
    reference_field: str
    pending: list[dict]  # the commands, as services.questions writes them
    choices: list[list[str]]  # [key, label] pairs
    asked_at: datetime
    answered_at: datetime | None


class QuestionRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def add(
        self,
        asked_of: str,
        reference: str | None,
        reference_field: str,
        pending: list[dict],
        choices: list[list[str]],
        now: datetime,
    ) -> int:
        values = dict(
            asked_of=asked_of,
            reference=reference,
            reference_field=reference_field,
            pending=pending,
            choices=choices,
            asked_at=now,
        )
        return self.writer.execute(insert(QUESTIONS).values(values).returning(QUESTIONS.c.id)).scalar_one()

    def get(self, question_id: int) -> StoredQuestion | None:
        row = self.writer.execute(select(QUESTIONS).where(QUESTIONS.c.id == question_id)).mappings().first()
        return StoredQuestion(**row) if row else None

    def latest(self, asked_of: str, reference_field: str, since: datetime) -> StoredQuestion | None:
        """The newest of this person's stored questions of one kind asked since then."""
        q = QUESTIONS.c
        query = (
            select(QUESTIONS)
            .where(q.asked_of == asked_of, q.reference_field == reference_field, q.asked_at >= since)
            .order_by(q.id.desc())
            .limit(1)
        )
        row = self.writer.execute(query).mappings().first()
        return StoredQuestion(**row) if row else None

    def answer(self, question_id: int, now: datetime) -> bool:
        """Mark answered; False if it was already (a second click): the caller rolls back."""
        q = QUESTIONS.c
        done = self.writer.execute(
            update(QUESTIONS).where(q.id == question_id, q.answered_at.is_(None)).values(answered_at=now)
        )
        return bool(done.rowcount)

    def prune(self, before: datetime) -> int:
        return self.writer.execute(delete(QUESTIONS).where(QUESTIONS.c.asked_at < before)).rowcount or 0
