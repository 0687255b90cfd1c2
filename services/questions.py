"""Questions asked and answered by id. A "which one did you mean?" is
stored with everything the message said, so the answer acts on all of it,
however long the message was, from whichever transport it came."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime, timedelta

from domain.commands import Command, command_types
from domain.errors import DomainError
from services.context import Context
from services.replies import Choice, Reply, ReplyKind
from storage.unit_of_work import UnitOfWork

OPEN_FOR = timedelta(days=7)  # an older question is stale: ask again
NO_LONGER_OPEN = "That question is no longer open, so nothing was changed. Please ask again."


class QuestionClosed(DomainError):
    """A click on a question that is answered, stale, someone else's, or gone."""


TYPES = command_types()


def encode(command: Command) -> dict:
    data = {k: v.isoformat() if isinstance(v, datetime) else v for k, v in asdict(command).items()}
    return {"type": type(command).__name__, **{k: v for k, v in data.items() if v is not None}}


def decode(data: dict) -> Command:
    """Raises QuestionClosed for a question stored in a shape this version does not read."""
    values = dict(data)
    kind = TYPES.get(values.pop("type", ""))
    if kind is None:
        raise QuestionClosed(NO_LONGER_OPEN)
    if values.get("due"):
        values["due"] = datetime.fromisoformat(values["due"])
    try:
        return kind(**values)
    except TypeError:
        raise QuestionClosed(NO_LONGER_OPEN) from None


def store(uow: UnitOfWork, ctx: Context, question: Reply) -> Reply:
    """Keep a question with choices; the reply then names it by id."""
    question_id = uow.questions.add(
        ctx.actor.key,
        question.reference,
        question.reference_field,
        [encode(c) for c in question.pending],
        [[c.key, c.label] for c in question.choices],
        ctx.now,
    )
    return replace(question, question_id=question_id)


def open_question(uow: UnitOfWork, ctx: Context, question_id: int, key: str) -> Reply:
    """The stored question `key` answers, or why it can't be answered now."""
    stored = uow.questions.get(question_id)
    if stored is None or ctx.now - stored.asked_at > OPEN_FOR:
        raise QuestionClosed(NO_LONGER_OPEN)
    if not ctx.actor.is_(stored.asked_of):
        raise QuestionClosed(
            f"That question was for {ctx.name_of(stored.asked_of)}, so nothing was changed; "
            "ask me yourself and I'll give you your own choices."
        )
    if stored.answered_at is not None:
        raise QuestionClosed("That question was answered already, so nothing more was changed.")
    if key not in {k for k, _ in stored.choices}:
        raise QuestionClosed("That isn't one of the choices I offered, so nothing was changed.")
    return Reply(
        ReplyKind.QUESTION,
        "",
        choices=tuple(Choice(k, label) for k, label in stored.choices),
        pending=tuple(decode(c) for c in stored.pending),
        reference=stored.reference,
        reference_field=stored.reference_field,
        question_id=stored.id,
    )
