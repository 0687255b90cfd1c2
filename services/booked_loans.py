"""Check-outs against bookings: the booker's check-out during their booking
picks it up (due at its end); anyone else's that would run into a booking is
refused, naming it, or, with no due time said, is due back when it starts."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.assets import Asset
from domain.bookings import Booking, BookingStatus
from services.booking_text import BookingClash, span
from services.context import Context
from services.replies import Notice
from storage.unit_of_work import UnitOfWork

HORIZON = timedelta(days=366)
SHORTEST_LOAN = timedelta(hours=1)  # less than this before someone's booking: not lent at all


def before_check_out(
    uow: UnitOfWork, ctx: Context, asset: Asset, holder: str, due: datetime | None, override: bool = False
) -> tuple[Booking | None, datetime | None, str, tuple[Notice, ...]]:
    """(the holder's booking this check-out picks up, the due time to use, a remark,
    whom to tell: bookers a manager's check-out overrode).
    `override`: a manager's "anyway" takes it over others' bookings, said in the remark
    and the ledger; an employee's is refused like any clash."""
    if not asset.is_available:
        return None, due, "", ()  # refused as ever by the asset itself
    booked = [
        b
        for b in uow.bookings.of_asset(asset.tag, ctx.now, ctx.now + HORIZON)
        if b.status is BookingStatus.BOOKED
    ]
    mine = next((b for b in booked if _same(b.holder, holder, ctx) and b.can_pick_up(ctx.now)), None)
    due = due or (mine.end if mine else None)
    others = sorted(
        (b for b in booked if not _same(b.holder, holder, ctx) and (due is None or b.start < due)),
        key=lambda b: b.start,
    )
    if not others:
        return mine, due, "", ()
    first = others[0]
    said = (
        f"{asset.tag} ({asset.name}) is booked by {ctx.who(first.holder)} {span(ctx, first.start, first.end)}"
    )
    if override and ctx.actor.is_manager:
        over = ", ".join(f"#{b.id} of {ctx.who(b.holder)}" for b in others)
        told = tuple(
            Notice(
                b.holder,
                f"{ctx.actor.name} (a manager) took {asset.tag} ({asset.name}) over your booking "
                f"{span(ctx, b.start, b.end)}. Ask them, or book another time.",
                f"overridden:{b.id}",
            )
            for b in others
        )
        return (
            mine,
            due,
            f" It overrides booking {over} (a manager's decision, in the ledger); they are told.",
            told,
        )
    if override:
        raise BookingClash(f"{said}. Only a manager can override a booking. Nothing was changed.")
    if due is not None or first.start - ctx.now < SHORTEST_LOAN:
        until = f" until {ctx.local(due)}" if due else ""
        raise BookingClash(
            f"{said}, so it can't go out{until}. Nothing was changed. "
            + (
                f"Say a return time before {ctx.local(first.start)}."
                if first.start - ctx.now >= SHORTEST_LOAN
                else ""
            )
        )
    return mine, first.start, f" It is due back {ctx.local(first.start)}: {said.split(' is ', 1)[1]}.", ()


def _same(recorded: str, holder: str, ctx: Context) -> bool:
    return recorded.lower() == holder.lower() or (ctx.actor.is_(recorded) and ctx.actor.is_(holder))


def after_check_in(uow: UnitOfWork, tag: str) -> None:
    """A picked-up booking ends when its asset comes back."""
    for booking in uow.bookings.picked_up(tag):
        booking.status = BookingStatus.RETURNED
        uow.bookings.save(booking, BookingStatus.PICKED_UP)
