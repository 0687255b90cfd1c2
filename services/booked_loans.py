"""Check-outs against bookings: the booker's check-out during their booking
picks it up (due at its end); anyone else's that would run into a booking is
refused, naming it, or, with no due time said, is due back when it starts."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.assets import Asset
from domain.bookings import PICKUP_EARLY, Booking, BookingStatus
from services.booking_text import BookingClash, span
from services.context import Context, same_person
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
    mine = next((b for b in booked if same_person(b.holder, holder, ctx) and b.can_pick_up(ctx.now)), None)
    due = due or (mine.end if mine else None)
    others = sorted(
        (b for b in booked if not same_person(b.holder, holder, ctx) and (due is None or b.start < due)),
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
        for b in others:  # cancelled: never reminded of, or released as a no-show, while it is out
            b.status = BookingStatus.CANCELLED
            uow.bookings.save(b, BookingStatus.BOOKED)
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
            f" It overrides booking {over}, now cancelled (a manager's decision, in the ledger); they are told.",
            told,
        )
    if override:
        raise BookingClash(f"{said}. Only a manager can override a booking. Nothing was changed.")
    if due is not None or first.start - ctx.now < SHORTEST_LOAN:
        until = f" until {ctx.local(due)}" if due else ""
        earlier = (
            f" Say a return time before {ctx.local(first.start)}."
            if first.start - ctx.now >= SHORTEST_LOAN
            else ""
        )
        raise BookingClash(f"{said}, so it can't go out{until}. Nothing was changed.{earlier}")
    return mine, first.start, f" It is due back {ctx.local(first.start)}: {said.split(' is ', 1)[1]}.", ()


def theirs_first(uow: UnitOfWork, ctx: Context, tags: list[str], holder: str) -> list[str]:
    """Identical units, the one the holder has booked (and may pick up now) first."""
    if len(tags) < 2:
        return tags
    booked = {
        tag
        for tag in tags
        for b in uow.bookings.of_asset(tag, ctx.now, ctx.now + PICKUP_EARLY)
        if same_person(b.holder, holder, ctx) and b.can_pick_up(ctx.now)
    }
    return sorted(tags, key=lambda tag: tag not in booked)


def check_longer(uow: UnitOfWork, ctx: Context, asset: Asset, until: datetime) -> None:
    """A loan kept longer may not run into someone else's booking."""
    ahead = [
        b
        for b in uow.bookings.of_asset(asset.tag, ctx.now, until)
        if b.status is BookingStatus.BOOKED and not same_person(b.holder, asset.holder or "", ctx)
    ]
    if ahead:
        first = min(ahead, key=lambda b: b.start)
        raise BookingClash(
            f"{asset.tag} ({asset.name}) is booked by {ctx.who(first.holder)} {span(ctx, first.start, first.end)}, "
            f"so it can't be kept until {ctx.local(until)}. Nothing was changed."
        )


def after_check_in(uow: UnitOfWork, tag: str) -> None:
    """A picked-up booking ends when its asset comes back."""
    for booking in uow.bookings.picked_up(tag):
        booking.status = BookingStatus.RETURNED
        uow.bookings.save(booking, BookingStatus.PICKED_UP)
