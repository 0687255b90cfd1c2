"""How bookings are said in replies: a range, and what stands in one's way."""

from __future__ import annotations

from datetime import datetime

from domain.bookings import Conflict
from domain.errors import DomainError
from services.context import Context


class BookingClash(DomainError):
    """The range is taken: says by whom and when, and what is free instead."""


def span(ctx: Context, start: datetime, end: datetime) -> str:
    """ "Tue 1 Dec 14:00–16:00", or across days "Mon 7 Dec 09:00 – Fri 11 Dec 17:00"."""
    first, last = start.astimezone(ctx.tz), end.astimezone(ctx.tz)
    if first.date() == last.date():
        return f"{first:%a} {first.day} {first:%b %H:%M}–{last:%H:%M}"
    return f"{first:%a} {first.day} {first:%b %H:%M} – {last:%a} {last.day} {last:%b %H:%M}"


def describe_conflict(ctx: Context, conflict: Conflict) -> str:
    if conflict.kind == "booking":
        return f"booked by {ctx.who(conflict.holder)} {span(ctx, conflict.start, conflict.end)}"
    if conflict.kind == "loan":
        if conflict.end is None:
            return f"checked out to {ctx.who(conflict.holder)} with no return date"
        if conflict.end <= ctx.now:
            return f"checked out to {ctx.who(conflict.holder)} and overdue since {ctx.local(conflict.end)}"
        return f"checked out to {ctx.who(conflict.holder)} until {ctx.local(conflict.end)}"
    return f"{conflict.kind.replace('_', ' ')}"
