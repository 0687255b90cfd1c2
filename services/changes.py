"""Use cases that change state. Each runs inside the caller's unit of work,
takes its rows with a lock, applies a domain rule and appends a ledger entry;
the caller commits once for the whole message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.alerts import LowStock
from domain.assets import ASSET_FIELDS, Asset, AssetStatus
from domain.bookings import BookingStatus
from domain.catalog_fields import field_texts
from domain.errors import AssetUnavailable, DomainError, InvalidValue
from domain.ledger import Action, ItemType, LedgerEntry
from domain.stock import STOCK_FIELDS, StockItem
from domain.values import to_base_units
from services import booked_loans, waitlist
from services.booking_text import BookingClash
from services.context import Context, same_person
from services.replies import NextStep, Notice, Step
from storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Done:
    text: str
    entry_id: int
    crossing: LowStock | None = None  # the change took this item to its reorder point
    offer: NextStep | None = None  # a next step to offer
    private: bool = False  # for the asker's eyes only (a secret link)
    notices: tuple[Notice, ...] = ()  # what others are told, recorded with the change
    also: tuple[
        int, ...
    ] = ()  # more entries the change made (a kit's members): its Undo button undoes them all


def record(
    uow: UnitOfWork, ctx: Context, action: Action, item: Asset | StockItem, before: dict[str, str], **extra
) -> int:
    """Append the ledger entry for a change to `item` (fields diffed against `before`)."""
    is_asset = isinstance(item, Asset)
    after = field_texts(item, ASSET_FIELDS) if is_asset else field_texts(item, STOCK_FIELDS)
    changes = {
        name: (before[name], after[name])
        for name in before
        if before[name] != after[name] and name != "on_hand"
    }
    item_type = ItemType.ASSET if is_asset else ItemType.STOCK
    key = item.tag if is_asset else item.sku
    balance = None if is_asset else item.on_hand
    return append(uow, ctx, action, item_type, key, balance=balance, changes=changes, **extra)


def append(
    uow: UnitOfWork, ctx: Context, action: Action, item_type: ItemType, item_key: str, **fields
) -> int:
    """Every ledger entry is made here: who (the actor's key), when and from
    which message come from the context."""
    entry = LedgerEntry(
        action=action,
        item_type=item_type,
        item_key=item_key,
        actor=ctx.actor.key,
        at=ctx.now,
        source=ctx.source,
        **fields,
    )
    return uow.ledger.add(entry)


def snapshot(item: Asset | StockItem) -> dict[str, str]:
    return field_texts(item, ASSET_FIELDS if isinstance(item, Asset) else STOCK_FIELDS)


def check_out(
    uow: UnitOfWork, ctx: Context, tags: list[str], holder: str, due, override: bool = False
) -> Done:
    """Check out the first available of `tags` (identical units: any one will do);
    `override`: a manager's, over others' bookings (booked_loans)."""
    refusal: DomainError | None = None
    clashes = 0
    for tag in booked_loans.theirs_first(uow, ctx, tags, holder):
        asset = uow.assets.get(tag, lock=True)
        before = snapshot(asset)
        try:
            booking, due_now, remark, told = booked_loans.before_check_out(
                uow, ctx, asset, holder, due, override
            )
        except BookingClash as error:
            refusal, clashes = refusal or error, clashes + 1
            continue
        try:
            asset.check_out(holder, due_now, ctx.now)
        except AssetUnavailable as error:
            # the domain names the holder by key; answers name them as people know them
            refusal = refusal or AssetUnavailable(
                error.tag, error.status, ctx.name_of(error.holder) or None, error.due
            )
            continue
        uow.assets.save(asset)
        if booking is not None:
            booking.pick_up(ctx.now)
            uow.bookings.save(booking, BookingStatus.BOOKED)
            remark += f" That picks up {'your' if ctx.actor.is_(holder) else 'the'} booking (#{booking.id})."
        notes = [f"booking {booking.id}" if booking else "", remark.strip() if "overrides" in remark else ""]
        entry_id = record(
            uow, ctx, Action.CHECK_OUT, asset, before, note=" ".join(filter(None, notes)) or None
        )
        whom = ctx.who(holder)
        until = f", due back {ctx.local(due_now)}" if due_now and due_now == due or booking else ""
        return Done(
            f"Checked out {asset.tag} ({asset.name}) to {whom}{until}.{remark}", entry_id, notices=told
        )
    wait = (
        f" To be told when it's free, say “tell me when {tags[0] if len(tags) == 1 else asset.name} is back”."
    )
    if len(tags) > 1 and clashes:  # some are on the shelf, but booked before they would be back
        raise BookingClash(
            f"No unit of {asset.name} is free for that long: each is out, or booked before it would be back. "
            "Nothing was changed. Say an earlier return time."
        )
    if len(tags) > 1:
        raise DomainError(
            f"All {len(tags)} units of {asset.name} are out or unavailable right now. Nothing was changed.{wait}"
        )
    if asset.status is AssetStatus.CHECKED_OUT and not isinstance(refusal, BookingClash):
        refusal.message += wait  # the sentence said; the kind of refusal (its code) stays
    raise refusal


def check_in(
    uow: UnitOfWork, ctx: Context, tags: list[str], holder: str, note: str | None, theirs_only: bool = False
) -> Done:
    """Check in one of `tags`, preferring the unit `holder` has; only theirs when
    the return was said of them by name ("erin returned the light")."""
    assets = [uow.assets.get(tag, lock=True) for tag in tags]
    out = [a for a in assets if a.status is AssetStatus.CHECKED_OUT]
    mine = [a for a in out if same_person(a.holder, holder, ctx)]
    if theirs_only and not mine:
        raise DomainError(
            f"{ctx.who(holder)} doesn't have {assets[0].name if len(assets) == 1 else 'any of those'} "
            "checked out, so nothing was returned. Say which tag, or who has it."
        )
    if len(assets) > 1 and not mine and len(out) != 1:
        raise DomainError(
            f"None of the {len(assets)} units of {assets[0].name} is checked out to {ctx.who(holder)}; "
            "say which tag you're returning."
        )
    asset = (mine or out or assets)[0]
    before = snapshot(asset)
    previous = asset.holder
    asset.check_in()
    booked_loans.after_check_in(uow, asset.tag)
    uow.handovers.withdraw(asset.tag, ctx.now)  # an offer of a loan that ended can't be accepted
    if note:  # the condition is a short field; the whole note stays in the ledger
        asset.condition = note if len(note) <= MAX_CONDITION else note[: MAX_CONDITION - 1] + "…"
    uow.assets.save(asset)
    entry_id = record(uow, ctx, Action.CHECK_IN, asset, before, note=note)
    by = "" if ctx.actor.is_(previous) else f" (it was with {ctx.who(previous)})"
    noted = f" Noted: “{note}”." if note else ""
    damaged = bool(note and DAMAGE.search(note))
    if damaged:
        noted += f" If it needs repair, send it to maintenance (say “send {asset.tag} to maintenance”)."
    offer = NextStep("Send to maintenance", Step.MAINTENANCE, asset.tag) if damaged else None
    told = waitlist.on_free(uow, ctx, asset) if waitlist.free_now(uow, ctx, asset) else ()
    waiting = f" {ctx.who(told[0].person)} was waiting for it and has been told." if told else ""
    return Done(
        f"Checked in {asset.tag} ({asset.name}){by}.{noted}{waiting} Thanks!",
        entry_id,
        offer=offer,
        notices=told,
    )


EXTEND_BY = timedelta(days=7)
MAX_CONDITION = 200  # the assets.condition column


DAMAGE = re.compile(
    r"\b(?:broken|dead|cracked|damaged|faulty|leaking|bent|torn|not working|doesn't work|does not work|won't|needs? (?:repair|fixing|service))\b",
    re.I,
)


def maintenance(uow: UnitOfWork, ctx: Context, tag: str, repaired: bool) -> Done:
    """Send an asset to be repaired, or take it back into service."""
    asset = uow.assets.get(tag, lock=True)
    before = snapshot(asset)
    if repaired:
        asset.back_from_maintenance()
    else:
        asset.send_to_maintenance()
    uow.assets.save(asset)
    entry_id = record(uow, ctx, Action.EDIT, asset, before, note="repaired" if repaired else "to maintenance")
    if repaired:
        told = waitlist.on_free(uow, ctx, asset)  # someone waiting for it hears it is back
        return Done(f"{asset.tag} ({asset.name}) is back in service and available.", entry_id, notices=told)
    return Done(
        f"{asset.tag} ({asset.name}) is now in maintenance; it won't go out until it is back.", entry_id
    )


def move(uow: UnitOfWork, ctx: Context, tag: str, field: str, place: str) -> Done:
    """A new location or department for an asset, in the ledger like any change."""
    asset = uow.assets.get(tag, lock=True)
    before = snapshot(asset)
    if getattr(asset, field) == place:
        return Done(f"{asset.tag} ({asset.name}) is already in {place}.", 0)
    setattr(asset, field, place)
    uow.assets.save(asset)
    entry_id = record(uow, ctx, Action.EDIT, asset, before, note="moved")
    where = "now belongs to" if field == "department" else "is now in"
    return Done(f"{asset.tag} ({asset.name}) {where} {place}.", entry_id)


def extend(
    uow: UnitOfWork,
    ctx: Context,
    tags: list[str],
    holder: str,
    until: datetime | None,
    days: int | None = None,
) -> Done:
    """Keep an asset longer: to `until`, or `days` (else a week) past its due time (or now)."""
    assets = [uow.assets.get(tag, lock=True) for tag in tags]
    mine = [a for a in assets if same_person(a.holder, holder, ctx)]
    asset = (mine or assets)[0]
    if asset.holder and not ctx.actor.is_(asset.holder) and not ctx.actor.is_manager:
        who = ctx.name_of(asset.holder)  # a loan is kept longer by its holder, or a manager
        raise DomainError(
            f"{asset.tag} is with {who}, so only {who} or a manager can keep it longer. Nothing was changed."
        )
    if days and asset.due is None:  # "another day" of a loan that has no end: until when?
        raise DomainError(
            f"{asset.tag} has no due date. Until when? Say e.g. “keep {asset.tag} until Friday”."
        )
    before = snapshot(asset)
    longer = timedelta(days=days) if days else EXTEND_BY
    booked_loans.check_longer(uow, ctx, asset, until or max(asset.due or ctx.now, ctx.now) + longer)
    asset.extend(until or max(asset.due or ctx.now, ctx.now) + longer, ctx.now)
    uow.assets.save(asset)
    entry_id = record(uow, ctx, Action.EDIT, asset, before, note="extended")
    return Done(f"{asset.tag} ({asset.name}) is now due back {ctx.local(asset.due)}.", entry_id)


def move_stock(
    uow: UnitOfWork, ctx: Context, action: Action, sku: str, count: int | None, pack: str | None
) -> Done:
    item = uow.stock.get(sku, lock=True)
    was_low = item.is_low
    if count is None:
        verb = {Action.CONSUME: "used", Action.RECEIVE: "received", Action.COUNT: "counted"}[action]
        raise InvalidValue(
            f"How many {item.unit}s of {item.name} were {verb}? Say it with a number, e.g. “{verb} 3 {item.name}”."
        )
    before = snapshot(item)
    if action is Action.COUNT:
        units = 0 if count == 0 else to_base_units(count, pack, item.unit, item.packs, item.name)
        delta = item.count(units)
        text = f"Counted {item.name}: {item.describe(item.on_hand)} on hand ({delta:+,} against the books)."
    else:
        units = to_base_units(count, pack, item.unit, item.packs, item.name)
        delta = item.consume(units) if action is Action.CONSUME else item.receive(units)
        verb = "used" if action is Action.CONSUME else "received"
        text = f"Recorded {item.describe(units)} of {item.name} {verb}; {item.describe(item.on_hand)} left."
        if action is Action.RECEIVE:
            text = f"Recorded {item.describe(units)} of {item.name} received; {item.describe(item.on_hand)} on hand now."
    if item.is_low:
        text += f" That's at or below the reorder point ({item.describe(item.reorder_point)})."
    uow.stock.save(item)
    entry_id = record(uow, ctx, action, item, before, quantity=delta)
    return Done(text, entry_id, track_reorder(uow, ctx, item, was_low, received=action is Action.RECEIVE))


def track_reorder(
    uow: UnitOfWork, ctx: Context, item: StockItem, was_low: bool, received: bool
) -> LowStock | None:
    """Keep the item's alert state: announce a fall to the reorder point once,
    re-arm when it recovers, and end "ordered" when stock is received."""
    if item.reorder_point is None or not (was_low or item.is_low):
        return None  # the common case costs no query
    state = uow.alerts.state(item.sku)
    updates: dict = {}
    if received and state["ordered_at"] is not None:
        updates["ordered_at"] = None
    crossing = None
    if item.is_low and not was_low and not state["crossed"]:
        updates["crossed"] = True
        crossing = uow.alerts.low_item(item.sku, ctx.now)
    elif not item.is_low and state["crossed"]:
        updates.update(crossed=False, snoozed_until=None)
    if updates:
        uow.alerts.set_state(item.sku, **updates)
    return crossing
