"""Booking use cases: book, cancel and move a booking, inside the caller's unit
of work; each takes the asset's row lock first, so of two people booking the
same slot at once exactly one wins, and appends a ledger entry."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.assets import Asset
from domain.bookings import (
    BadRange,
    Booking,
    BookingRules,
    BookingStatus,
    Conflict,
    busy_ranges,
    check_range,
    conflicts,
    nearest_free,
)
from domain.errors import DomainError
from domain.ledger import Action, ItemType
from services import waitlist
from services.booking_text import BookingClash, describe_conflict, span
from services.changes import Done, append
from services.context import Context
from services.replies import Notice
from storage.unit_of_work import UnitOfWork

LOOK_AHEAD = timedelta(days=14)  # how far the nearest free slot is looked for


def book(
    uow: UnitOfWork,
    ctx: Context,
    tags: list[str],
    holder: str,
    start,
    end,
    rules: BookingRules,
    kit: str | None = None,
) -> Done:
    """Book the first of `tags` (identical units: any one will do) free over the range
    (`kit`: as a member of that kit, booked with the rest)."""
    name = uow.assets.get(tags[0]).name if tags else "it"
    if start is None:
        raise DomainError(
            f"When do you need the {name}? Say the day and hours, e.g. “book {tags[0]} Tuesday 2-4pm”. "
            "Nothing was booked."
        )
    if end is None:
        raise DomainError(
            f"From {ctx.local(start)} until when? Say e.g. “book {tags[0]} {start.astimezone(ctx.tz):%a} "
            f"{start.astimezone(ctx.tz):%H}-{(start + timedelta(hours=2)).astimezone(ctx.tz):%H}”. Nothing was booked."
        )
    start, end = check_range(start, end, ctx.now, rules.max_days)
    clash: tuple[Asset, list[Conflict]] | None = None
    for tag in tags:
        asset = uow.assets.get(tag, lock=True)
        found = conflicts(asset, uow.bookings.of_asset(tag, start, end), start, end, ctx.now)
        if found:
            clash = clash or (asset, found)
            continue
        booking = Booking(asset.tag, holder, start, end, ctx.actor.key, ctx.now, kit=kit)
        uow.bookings.add(booking)
        entry_id = _record(uow, ctx, booking, ("", ""))
        when = span(ctx, start, end)
        if ctx.actor.is_(holder):
            return Done(
                f"Booked {asset.tag} ({asset.name}) for you, {when}. When you pick it up, say "
                f"“check out {asset.tag}”; to cancel, “cancel my booking of {asset.tag}”.",
                entry_id,
            )
        told = Notice(
            holder,
            f"{ctx.actor.name} booked {asset.tag} ({asset.name}) for you, {when}. When you pick it up, "
            f"say “check out {asset.tag}”; to cancel, “cancel my booking of {asset.tag}”.",
            f"booked-for:{booking.id}",
        )
        return Done(
            f"Booked {asset.tag} ({asset.name}) for {ctx.who(holder)}, {when}; they are told, and their "
            f"“check out {asset.tag}” picks it up.",
            entry_id,
            notices=(told,),
        )
    asset, found = clash
    raise BookingClash(_clash_text(uow, ctx, asset, found, start, end, len(tags)))


def _record(uow: UnitOfWork, ctx: Context, booking: Booking, before: tuple[str, str]) -> int:
    """The ledger entry of a booking made (before: empty) or moved (before: its old range)."""
    after = (booking.start.isoformat(), booking.end.isoformat())
    changes = {"start": (before[0], after[0]), "end": (before[1], after[1])}
    if not before[0]:
        changes["for"] = ("", booking.holder)
    return append(
        uow,
        ctx,
        Action.BOOK,
        ItemType.ASSET,
        booking.asset_tag,
        changes=changes,
        note=f"booking {booking.id}",
    )


def _clash_text(
    uow: UnitOfWork,
    ctx: Context,
    asset: Asset,
    found: list[Conflict],
    start: datetime,
    end: datetime,
    units: int,
) -> str:
    said = "; ".join(describe_conflict(ctx, c) for c in found)
    who = (
        f"All {units} units of {asset.name} are taken then; {asset.tag} is"
        if units > 1
        else f"{asset.tag} ({asset.name}) is"
    )
    return f"{who} {said}. Nothing was booked.{alternatives(uow, ctx, asset, start, end)}"


def alternatives(uow: UnitOfWork, ctx: Context, asset: Asset, start: datetime, end: datetime) -> str:
    """What to take instead of a taken range: the nearest free slot, free units of the same model."""
    text = ""
    slot = free_slot(uow, ctx, asset, start, end)
    if slot:
        text += f" It is free {span(ctx, *slot)}."
    others = [t for t in free_alike(uow, ctx, asset, start, end) if t != asset.tag]
    if others:
        text += f" Free then, same model: {', '.join(others[:5])}."
    return text


def free_slot(uow: UnitOfWork, ctx: Context, asset: Asset, start: datetime, end: datetime):
    """The nearest range as long as [start, end) from `start` on, within two weeks."""
    window_end = end + LOOK_AHEAD
    found = conflicts(asset, uow.bookings.of_asset(asset.tag, start, window_end), start, window_end, ctx.now)
    slot = nearest_free(busy_ranges(found, ctx.now), start, end)
    return slot if slot and slot[0] < start + LOOK_AHEAD and slot[0] != start else None


def free_alike(uow: UnitOfWork, ctx: Context, asset: Asset, start: datetime, end: datetime) -> list[str]:
    """Other units of the same model free over the range."""
    if not asset.model:
        return []
    tags, _total = uow.bookings.free_assets(start, end, ctx.now, model=asset.model, limit=6)
    return tags


def mine_of(uow: UnitOfWork, ctx: Context, holders: tuple[str, ...], tags: list[str]) -> list[Booking]:
    """Bookings of `holders` not yet picked up, of `tags` when any are given."""
    wanted = {t.lower() for t in tags}
    return [
        b
        for b in uow.bookings.of_holders(holders, ctx.now)
        if b.status is BookingStatus.BOOKED and (not wanted or b.asset_tag.lower() in wanted)
    ]


def one_booking(
    uow: UnitOfWork, ctx: Context, holders: tuple[str, ...], tags: list[str], verb: str
) -> Booking:
    """The one booking a cancel or move is about, or a refusal that says why not."""
    found = mine_of(uow, ctx, holders, tags)
    whose = "You have" if ctx.actor.is_(holders[0]) else f"{ctx.who(holders[0])} has"
    if not found:
        what = f" of {', '.join(tags[:3])}" if tags else ""
        others = [
            b for t in tags[:3] for b in uow.bookings.of_asset(t, ctx.now, ctx.now + timedelta(days=366))
        ]
        held_by = f" ({others[0].asset_tag} is booked by {ctx.who(others[0].holder)})" if others else ""
        raise DomainError(f"{whose} no booking{what} to {verb}{held_by}. Nothing was changed.")
    if len(found) > 1:
        listed = "; ".join(f"{b.asset_tag} {span(ctx, b.start, b.end)}" for b in found[:5])
        raise DomainError(
            f"{whose} {len(found)} bookings{' of that' if tags else ''}: {listed}. Which one? "
            f"Say it with the tag, e.g. “{verb} my booking of {found[0].asset_tag}”. Nothing was changed."
        )
    return found[0]


def locked(uow: UnitOfWork, booking_id: int, still: BookingStatus | None = BookingStatus.BOOKED):
    """The booking's asset, locked, and the booking as it stands under that lock (a
    pickup, a cancel or the no-show job may have changed it since it was read)."""
    booking = uow.bookings.get(booking_id)
    asset = uow.assets.get(booking.asset_tag, lock=True) if booking else None
    booking = uow.bookings.get(booking_id) if booking else None
    if booking is None or (still is not None and booking.status is not still):
        state = booking.status.value.replace("_", " ") if booking else "gone"
        raise DomainError(f"Booking {booking_id} was just changed (it is {state} now). Nothing was changed.")
    return asset, booking


def put_back(uow: UnitOfWork, booking_id: int) -> None:
    """A picked-up booking whose check-out was undone: booked again, its slot kept."""
    booking = uow.bookings.get(booking_id)
    if booking is not None and booking.status is BookingStatus.PICKED_UP:
        booking.status = BookingStatus.BOOKED
        uow.bookings.save(booking, BookingStatus.PICKED_UP)


def cancel(uow: UnitOfWork, ctx: Context, tags: list[str], holders: tuple[str, ...]) -> Done:
    asset, booking = locked(uow, one_booking(uow, ctx, holders, tags, "cancel").id)
    booking.cancel()
    uow.bookings.save(booking, BookingStatus.BOOKED)
    entry_id = append(
        uow,
        ctx,
        Action.CANCEL_BOOKING,
        ItemType.ASSET,
        asset.tag,
        note=f"booking {booking.id}",
        changes={"status": (BookingStatus.BOOKED.value, BookingStatus.CANCELLED.value)},
    )
    whose = "" if ctx.actor.is_(booking.holder) else f" of {ctx.who(booking.holder)}"
    told = (
        waitlist.on_free(uow, ctx, asset) if waitlist.free_now(uow, ctx, asset) else ()
    )  # someone waiting for it hears at once
    return Done(
        f"Cancelled the booking{whose} of {asset.tag} ({asset.name}), {span(ctx, booking.start, booking.end)}.",
        entry_id,
        notices=told,
    )


def move(
    uow: UnitOfWork, ctx: Context, tags: list[str], holders: tuple[str, ...], command, rules: BookingRules
) -> Done:
    """A booking to a new range: the range said, the same hours on the day said,
    or the same length from the time said."""
    asset, booking = locked(uow, one_booking(uow, ctx, holders, tags, "move").id)
    if command.of_day and booking.start.astimezone(ctx.tz).date().isoformat() != command.of_day:
        raise DomainError(  # "my booking tomorrow", when it is on friday: which one is meant?
            f"Your booking of {asset.tag} is {span(ctx, booking.start, booking.end)}, not on the day you said, "
            "so nothing was moved. Say it again with its day."
        )
    start, end = _moved(ctx, booking, command)
    try:
        start, end = check_range(start, end, ctx.now, rules.max_days)
    except BadRange as error:
        raise DomainError(str(error).replace("Nothing was booked", "Nothing was changed")) from None
    found = conflicts(
        asset, uow.bookings.of_asset(asset.tag, start, end), start, end, ctx.now, ignore=booking.id
    )
    if found:
        said = "; ".join(describe_conflict(ctx, c) for c in found)
        raise BookingClash(
            f"{asset.tag} is {said}, so your booking stays {span(ctx, booking.start, booking.end)}."
        )
    before = (booking.start.isoformat(), booking.end.isoformat())
    booking.start, booking.end, booking.reminded = start, end, False  # reminded again before the new start
    uow.bookings.save(booking, BookingStatus.BOOKED)
    entry_id = _record(uow, ctx, booking, before)
    return Done(f"Moved the booking of {asset.tag} ({asset.name}) to {span(ctx, start, end)}.", entry_id)


def _moved(ctx: Context, booking: Booking, command) -> tuple[datetime, datetime]:
    if command.start and command.end:
        return command.start, command.end
    length = booking.end - booking.start
    start = booking.start.astimezone(ctx.tz)
    if command.day:
        day = datetime.fromisoformat(command.day).date()
        start = start.replace(year=day.year, month=day.month, day=day.day)
    if command.clock:
        hour, minute = (int(p) for p in command.clock.split(":"))
        start = start.replace(hour=hour, minute=minute)
    if not command.day and not command.clock:
        raise DomainError("To when? Say e.g. “move my booking to 3pm” or “to Friday”. Nothing was changed.")
    if command.until:  # "to 2-5pm": that day, from and to ("11pm-1am": into the next day)
        hour, minute = (int(p) for p in command.until.split(":"))
        end = start.replace(hour=hour, minute=minute)
        overnight = end <= start and start.hour >= 18 and end.hour <= 6  # "11pm-1am" (never "5-2pm")
        return start, end + timedelta(days=1) if overnight else end
    return start, start + length


def undo(uow: UnitOfWork, ctx: Context, entry) -> Done:
    """Undo a booking made (cancelled), moved (moved back) or cancelled (booked
    again), when its range is still to come and still free."""
    asset, booking = locked(uow, int((entry.note or "booking 0").split()[-1]), still=None)
    was = booking.status
    if uow.ledger.is_reversed(entry.id):
        raise DomainError("That change was just undone already. Nothing else was changed.")
    before = (booking.start.isoformat(), booking.end.isoformat())
    if entry.action is Action.CANCEL_BOOKING or entry.changes.get("start", ("", ""))[0]:
        if entry.action is Action.CANCEL_BOOKING:
            start, end, status = booking.start, booking.end, BookingStatus.BOOKED
        else:
            old = entry.changes
            start, end = datetime.fromisoformat(old["start"][0]), datetime.fromisoformat(old["end"][0])
            status = booking.status
        expected = BookingStatus.CANCELLED if entry.action is Action.CANCEL_BOOKING else BookingStatus.BOOKED
        if booking.status is not expected or end <= ctx.now:
            raise DomainError(
                f"Booking {booking.id} of {asset.tag} has changed since, so I can't undo that. Nothing was changed."
            )
        found = conflicts(
            asset, uow.bookings.of_asset(asset.tag, start, end), start, end, ctx.now, ignore=booking.id
        )
        if found:
            said = "; ".join(describe_conflict(ctx, c) for c in found)
            raise BookingClash(f"I can't undo that: {asset.tag} is {said} now. Nothing was changed.")
        booking.start, booking.end, booking.status = start, end, status
        booking.reminded = booking.reminded and entry.action is Action.CANCEL_BOOKING
    else:
        booking.cancel()
    uow.bookings.save(booking, was)
    entry_id = append(
        uow,
        ctx,
        Action.UNDO,
        ItemType.ASSET,
        asset.tag,
        reverses=entry.id,
        note=f"booking {booking.id}",
        changes={
            "start": (before[0], booking.start.isoformat()),
            "end": (before[1], booking.end.isoformat()),
            "status": ("", booking.status.value),
        },
    )
    return Done(
        f"Undone: {entry.describe()} (from {ctx.local(entry.at)}): booking {booking.id} of {asset.tag} "
        f"is now {booking.status.value.replace('_', ' ')}, {span(ctx, booking.start, booking.end)}.",
        entry_id,
    )
