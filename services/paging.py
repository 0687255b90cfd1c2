"""Long lists a page at a time. A list that has more than a page is stored
with the command for its next page (a stored question, by id); "more" typed
soon after, or the More button, shows that page. Nothing is re-parsed."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from domain import commands
from domain.commands import Command
from services.context import Context
from services.questions import OPEN_FOR
from services.replies import Reply, answer
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

PAGE_KIND = "more"  # how a stored page is told apart from questions with choices
MORE_WITHIN = timedelta(minutes=30)  # typed "more" continues a list shown this recently
NOTHING_TO_CONTINUE = (
    "There's no list to continue: ask for one first (e.g. “list all the laptops”), then say “more”."
)


def store(uow: UnitOfWork, ctx: Context, reply: Reply) -> Reply:
    """Keep the command for a list's next page; the reply then names it by id."""
    assert reply.more is not None
    page_id = uow.questions.add(
        ctx.actor.key, None, PAGE_KIND, [commands.encode(reply.more)], [["more", "More"]], ctx.now
    )
    return replace(reply, question_id=page_id)


def close(uow_factory: UnitOfWorkFactory, ctx: Context) -> None:
    """A list was shown whole: "more" no longer continues an earlier one.
    Read first, so a list answered with no earlier one open writes nothing."""
    with uow_factory(read_only=True) as uow:
        open_page = uow.questions.latest(ctx.actor.key, PAGE_KIND, ctx.now - MORE_WITHIN)
    if open_page is None or open_page.answered_at is not None:
        return
    with uow_factory() as uow:
        uow.questions.answer(open_page.id, ctx.now)
        uow.commit()


def resume(uow_factory: UnitOfWorkFactory, ctx: Context, page_id: int | None) -> Command | Reply:
    """The command for the next page: of the list the button `page_id` is on,
    or of the person's latest list. Typed "more" takes a page once, so after
    the last page it says the list is done; a button shows its page again."""
    with uow_factory() as uow:
        if page_id is None:
            stored = uow.questions.latest(ctx.actor.key, PAGE_KIND, ctx.now - MORE_WITHIN)
        else:
            stored = uow.questions.get(page_id)
            if stored and (stored.reference_field != PAGE_KIND or ctx.now - stored.asked_at > OPEN_FOR):
                stored = None
        if stored is None:
            if page_id is not None:
                return answer("That list is too old to continue; please ask for it again.")
            return answer(NOTHING_TO_CONTINUE)
        if page_id is None and stored.answered_at is not None:
            return answer("That was the whole list; there is no more to show.")
        uow.questions.answer(stored.id, ctx.now)
        uow.commit()
    try:
        return commands.decode(stored.pending[0])
    except (ValueError, IndexError):  # stored by an older version
        return answer("That list can't be continued any more; please ask for it again.")
