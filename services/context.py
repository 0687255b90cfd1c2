"""Who is acting, when, and from which message: passed to every use case."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any, Callable

from domain.people import Person


@dataclass(frozen=True)
class Context:
    actor: Person
    now: datetime
    tz: tzinfo
    source: str | None = None  # the message a change came from
    inbox_id: int | None = None  # the stored request being processed, marked done with its change
    thread: str | None = None  # the conversation it belongs to (a Slack thread), for audits
    # Records a change's reply inside the change's transaction, (uow, reply):
    # the person hears of a committed change even if the process dies next.
    deliver: Callable[[Any, Any], None] | None = field(default=None, compare=False)
    # A person's key (a Slack member ID, or a name) as answers show it.
    names: Callable[[str], str] = field(default=lambda key: key, compare=False)
    # Called inside a change's transaction before it commits; False rolls the
    # change back (a question answered twice at once acts once).
    claim: Callable[[Any], bool] | None = field(default=None, compare=False)

    def who(self, key: str | None) -> str:
        """How answers name the person recorded as `key`: "you" for the actor."""
        if key is None:
            return "nobody"
        return "you" if self.actor.is_(key) else self.names(key)

    def name_of(self, key: str | None) -> str:
        return self.names(key) if key else ""

    def local(self, moment: datetime) -> str:
        local = moment.astimezone(self.tz)
        return local.strftime("%a %d %b %H:%M").replace(" 0", " ")


def same_person(recorded: str | None, holder: str, ctx: Context) -> bool:
    """Does the recorded holder mean `holder`? (Older records name the actor rather than keep their ID.)"""
    if not recorded:
        return False
    if recorded.lower() == holder.lower():
        return True
    return ctx.actor.is_(holder) and ctx.actor.is_(recorded)
