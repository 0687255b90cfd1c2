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

    def local(self, moment: datetime) -> str:
        local = moment.astimezone(self.tz)
        return local.strftime("%a %d %b %H:%M").replace(" 0", " ")
