"""Questions asked and answered by id. A "which one did you mean?" is
stored with everything the message said, so the answer acts on all of it,
however long the message was, from whichever transport it came."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from domain import commands
from domain.commands import Command
from domain.errors import DomainError
from services.context import Context
from services.replies import CONFIRM, Choice, Reply, ReplyKind
from storage.unit_of_work import UnitOfWork

OPEN_FOR = timedelta(days=7)  # an older question is stale: ask again
NO_LONGER_OPEN = "That question is no longer open, so nothing was changed. Please ask again."


class QuestionClosed(DomainError):
    """A click on a question that is answered, stale, or gone."""


class NotYours(QuestionClosed):
    """A click on someone else's question: it stays open for them."""


def decode(data: dict) -> Command:
    try:
        return commands.decode(data)
    except ValueError:  # stored by an older version: ask again
        raise QuestionClosed(NO_LONGER_OPEN) from None


def store(uow: UnitOfWork, ctx: Context, question: Reply) -> Reply:
    """Keep a question with choices; the reply then names it by id."""
    question_id = uow.questions.add(
        ctx.actor.key,
        question.reference,
        question.reference_field,
        [commands.encode(c) for c in question.pending],
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
        if stored.reference_field == CONFIRM:
            raise NotYours(f"Only {ctx.name_of(stored.asked_of)} can confirm or cancel what they said.")
        raise NotYours(
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
