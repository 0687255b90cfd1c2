"""Who is acting, when, and from which message: passed to every use case."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from domain.people import Person


@dataclass(frozen=True)
class Context:
    actor: Person
    now: datetime
    tz: tzinfo
    source: str | None = None  # the message a change came from
    inbox_id: int | None = None  # the stored request being processed, marked done with its change
    thread: str | None = None  # the conversation it belongs to (a Slack thread), for audits

    def local(self, moment: datetime) -> str:
        local = moment.astimezone(self.tz)
        return local.strftime("%a %d %b %H:%M").replace(" 0", " ")
