"""Commands about bookings: an asset held for later, whether it is free then,
and the bookings people have. Kept beside domain.commands, which re-exports them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.commands import ASSETS, Command, ItemCommand


@dataclass(frozen=True)
class Book(ItemCommand):
    """ "book the projector Tuesday 2-4pm": a booking for later, never a
    check-out now (a change nobody asked for). No `start`: no time was said,
    which is asked about."""

    name = "book"
    item, changes = ASSETS, True
    words: str = ""  # what was to be booked, as said (when no item could be read)
    start: datetime | None = None
    end: datetime | None = None
    person: str | None = None  # "for @bob"
    count: int | None = None  # "both chromebooks", "two radios": that many units
    stranger: str | None = None  # "for zoe", zoe unknown: booked for the speaker, and the reply says so


@dataclass(frozen=True)
class IsFree(ItemCommand):
    """ "is the projector free Thursday afternoon?", "what's free Friday 2-4pm?"
    (no `ref`: every asset; a `ref` of several units: which of them)."""

    name, item = "is_free", ASSETS
    start: datetime | None = None
    end: datetime | None = None
    at: str | None = None  # "what's free in room 204 tomorrow": there only


@dataclass(frozen=True)
class Bookings(Command):
    """ "my bookings", "what's booked tomorrow?": bookings to come (of `person`, or
    everyone's over [start, end))."""

    name = "bookings"
    mine: bool = False
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class CancelBooking(ItemCommand):
    """ "cancel my booking of the van"; no `ref`: the speaker's only booking."""

    name = "cancel_booking"
    item, changes = ASSETS, True
    person: str | None = None  # whose booking (a manager's "cancel bob's booking")


@dataclass(frozen=True)
class Waitlist(ItemCommand):
    """ "tell me when the projector is back": told, first in line, when it is free."""

    name = "waitlist"
    item, changes = ASSETS, True


@dataclass(frozen=True)
class AnswerHandover(Command):
    """ "accept handover 12" (the Accept button), "decline the handover": custody
    moves to the speaker when they accept. No `handover`: their only open one."""

    name, changes = "answer_handover", True
    handover: int | None = None
    accept: bool = True


@dataclass(frozen=True)
class CalendarLink(Command):
    """ "my calendar link", "new calendar link" (the old one revoked), a manager's
    "calendar link for A-1042" or "for laptops": a private feed's address."""

    name, changes = "calendar_link", True
    target: str | None = None  # a tag or a category; None: the speaker's own feed
    renew: bool = False


@dataclass(frozen=True)
class MoveBooking(ItemCommand):
    """ "move my projector booking to 3pm": a new start (the length kept), a new
    day (the hours kept), or a whole new range."""

    name = "move_booking"
    item, changes = ASSETS, True
    start: datetime | None = None
    end: datetime | None = None
    day: str | None = None  # ISO date: the same hours that day
    clock: str | None = None  # "15:00": the same day from then
    until: str | None = None  # with clock, "17:00": the same day, these hours ("to 2-5pm")
    of_day: str | None = None  # ISO date: the booking that is on this day ("my booking tomorrow to ...")
    person: str | None = None  # whose booking (a manager's)


BOOKING_COMMANDS = (
    AnswerHandover,
    Book,
    Bookings,
    CalendarLink,
    CancelBooking,
    IsFree,
    MoveBooking,
    Waitlist,
)
