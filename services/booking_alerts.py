"""Booking notices, run by the scheduler's leader: a reminder DM to the holder
before a booking starts (QM_BOOKING_REMINDER_MINUTES), and the release of a
booking nobody picked up within QM_BOOKING_GRACE_MINUTES of its start, told to
the holder. Each notice's key is claimed and its message recorded in one
transaction (a release in the same one), so each is sent exactly once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from domain.alerts import DueNotice
from domain.bookings import Booking, BookingRules, BookingStatus
from domain.ledger import Action, ItemType
from domain.people import Person
from services.alerts import Outbox, Undeliverable, local_time
from services.booking_text import span
from services.changes import append
from services.context import Context
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

REMINDER, RELEASED = "booking_soon", "no_show"
BOOKING_KINDS = (REMINDER, RELEASED)
SCHEDULER = Person("quartermaster")  # who the ledger says released a booking


@dataclass
class BookingRun:
    sent: list[str] = field(default_factory=list)  # the texts newly recorded for sending
    released: list[int] = field(default_factory=list)  # booking ids
    problems: list[str] = field(default_factory=list)


def run(uow: UnitOfWorkFactory, now: datetime, tz: tzinfo, rules: BookingRules, outbox: Outbox) -> BookingRun:
    """Release the bookings nobody picked up, then remind of those about to start."""
    result, ids = BookingRun(), []
    with uow(read_only=True) as tx:
        lapsed = [b.id for b in tx.bookings.not_picked_up(now, timedelta(minutes=rules.grace_minutes))]
        soon = tx.bookings.to_remind(now, timedelta(minutes=rules.reminder_minutes))
    for booking_id in lapsed:
        ids += _release(uow, booking_id, now, tz, rules, outbox, result)
    for booking in soon:
        ids += _remind(uow, booking, now, tz, outbox, result)
    if ids:  # nothing recorded: nothing to send (and no second flush of others' messages)
        result.problems += outbox.send(ids)
    return result


def _release(uow, booking_id: int, now, tz, rules: BookingRules, outbox: Outbox, result: BookingRun) -> list:
    with uow() as tx:
        read = tx.bookings.get(booking_id)
        asset = tx.assets.get(read.asset_tag, lock=True) if read else None
        booking = tx.bookings.get(booking_id)  # as it stands under the asset's lock
        grace = timedelta(minutes=rules.grace_minutes)
        if asset is None or booking.status is not BookingStatus.BOOKED or booking.start + grace > now:
            return []  # picked up, cancelled or released since it was read
        if asset.holder and asset.holder.lower() == booking.holder.lower():
            booking.status = BookingStatus.PICKED_UP  # they took it before the booking began: theirs
            tx.bookings.save(booking, BookingStatus.BOOKED)
            tx.commit()
            return []
        booking.status = BookingStatus.NO_SHOW
        tx.bookings.save(booking, BookingStatus.BOOKED)
        ctx = Context(SCHEDULER, now, tz, source=f"scheduler:no_show:{booking.id}")
        append(tx, ctx, Action.NO_SHOW, ItemType.ASSET, asset.tag, note=f"booking {booking.id}")
        text = (
            f"Your booking of {asset.tag} ({asset.name}), {span(ctx, booking.start, booking.end)}, was released: "
            f"it wasn't picked up within {rules.grace_minutes} minutes of the start. Book again if you still need it."
        )
        ids = _record(
            tx, f"{RELEASED}:{booking.id}", RELEASED, booking, asset.name, text, now, outbox, result
        )
        tx.commit()
    result.released.append(booking.id)
    return ids or []


def _remind(uow, read: Booking, now, tz, outbox: Outbox, result: BookingRun) -> list:
    with uow() as tx:
        booking = tx.bookings.get(read.id)
        if booking is None or booking.status is not BookingStatus.BOOKED or booking.reminded:
            return []  # picked up, cancelled, released or reminded since it was read
        asset = tx.assets.get(booking.asset_tag)
        if asset.holder and asset.holder.lower() == booking.holder.lower():
            tx.bookings.mark_reminded(booking.id, now)  # they have it already: nothing to remind of
            tx.commit()
            return []
        when = local_time(tz)(booking.start)
        text = (
            f"Reminder: your booking of {asset.tag} ({asset.name}) starts {when}. "
            f"Say “check out {asset.tag}” when you pick it up, or “cancel my booking of {asset.tag}”."
        )
        key = f"{REMINDER}:{booking.id}:{booking.start.isoformat()}"  # a moved booking is reminded again
        ids = _record(tx, key, REMINDER, booking, asset.name, text, now, outbox, result)
        if ids is not None:  # recorded: not looked for again
            tx.bookings.mark_reminded(booking.id, now)
        tx.commit()
    return ids or []


def _record(
    tx: UnitOfWork, key, kind, booking: Booking, name, text, now, outbox: Outbox, result
) -> list | None:
    """Record the notice's message and claim its key (the outbox keeps one message per
    key); a holder with no Slack user is reported, and a reminder is tried again next run."""
    notice = DueNotice(
        kind, booking.asset_tag, name, booking.holder, booking.start, tx.people.name_of(booking.holder)
    )
    try:
        ids = [i for i in outbox.due_notice(tx, key, notice, text) if i is not None]
    except Undeliverable as problem:
        result.problems.append(str(problem))
        return None
    if tx.alerts.claim(key, kind, now):
        result.sent.append(text)
    return ids
