"""Use cases of bookings and what goes with them (waitlist, handovers, calendar
links), registered in services.use_cases' tables like every other command."""

from __future__ import annotations

from dataclasses import replace

from domain import commands as C
from domain.errors import DomainError
from domain.ledger import ItemType
from services import booking_answers, bookings, calendar_feeds, changes, handovers, kits, waitlist
from services.people import people_key
from services.replies import Reply
from services.use_cases import Task, handles


@handles(C.Book)
def book(t: Task) -> changes.Done:
    if t.items and t.items[0].type is ItemType.KIT:  # "book the PA kit friday": every asset of it
        done = kits.book(t.uow, t.ctx, t.keys[0], t.holder, t.command.start, t.command.end, t.booking_rules)
    else:
        done = bookings.book(t.uow, t.ctx, t.keys, t.holder, t.command.start, t.command.end, t.booking_rules)
    stranger = t.command.stranger
    if stranger and not t.command.person:  # "for zoe": a purpose, or a person the bot doesn't know
        note = f" (I don't know anyone called {stranger}, so it is booked for you; to book for someone, mention them: “for @{stranger}”.)"
        done = replace(done, text=done.text + note)
    return done


@handles(C.CancelBooking)
def cancel_booking(t: Task) -> changes.Done:
    if _a_kit(t):  # every asset's booking of it, or none
        return kits.cancel_booking(t.uow, t.ctx, t.keys[0], booking_owner(t))
    return bookings.cancel(t.uow, t.ctx, t.keys, booking_owner(t))


@handles(C.MoveBooking)
def move_booking(t: Task) -> changes.Done:
    if _a_kit(t):
        raise DomainError(
            "Move a kit's booking by cancelling it and booking the kit again. Nothing was changed."
        )
    return bookings.move(t.uow, t.ctx, t.keys, booking_owner(t), t.command, t.booking_rules)


def _a_kit(t: Task) -> bool:
    return bool(t.items) and t.items[0].type is ItemType.KIT


def booking_owner(t: Task) -> tuple[str, ...]:
    """Whose booking a cancel or move is about: the speaker's own; a manager may name anyone's."""
    person = t.command.person
    if not person or t.ctx.actor.is_(person) or person.lower() == t.ctx.actor.name.lower():
        return (t.ctx.actor.key, t.ctx.actor.name)
    if not t.ctx.actor.is_manager:
        raise DomainError(f"Only {person} or a manager can change {person}'s bookings. Nothing was changed.")
    return (people_key(t.uow, person), person)


@handles(C.AnswerHandover)
def answer_handover(t: Task) -> changes.Done:
    return handovers.answer(t.uow, t.ctx, t.command.handover, t.command.accept)


@handles(C.Waitlist)
def join_waitlist(t: Task) -> changes.Done:
    text, notices = waitlist.join(t.uow, t.ctx, t.keys)
    return changes.Done(text, 0, notices=notices)


@handles(C.CalendarLink)
def calendar_link(t: Task) -> changes.Done:
    return calendar_feeds.link(t.uow, t.ctx, t.command.target, t.command.renew, t.public_url)


@handles(C.IsFree)
def is_free(t: Task) -> Reply:
    if _a_kit(t):
        return kits.is_free(t.uow, t.ctx, t.keys[0], t.command.start, t.command.end)
    return booking_answers.is_free(t.uow, t.ctx, list(t.items), t.command.start, t.command.end, t.command.at)


@handles(C.Bookings)
def list_bookings(t: Task) -> Reply:
    return booking_answers.listing(t.uow, t.ctx, t.command)
