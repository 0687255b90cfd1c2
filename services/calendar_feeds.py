"""Private calendar feeds (RFC 5545, written with the icalendar library): a
person's bookings and due dates, or, for managers, an item's or a category's,
at a secret address under QM_PUBLIC_URL. A new link revokes the old one."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from domain.assets import Asset
from domain.bookings import Booking
from domain.errors import DomainError
from domain.values import singular, tag_key
from services.changes import Done
from services.context import Context
from storage.calendar_links import CalendarLink
from storage.unit_of_work import UnitOfWork

PATH = "/calendar/"  # then the token and ".ics"
HISTORY = timedelta(days=30)  # bookings that ended this long ago still show
DUE_LENGTH = timedelta(minutes=15)  # a due date shows as a short event at its time


def link(uow: UnitOfWork, ctx: Context, words: str | None, renew: bool, public_url: str | None) -> Done:
    """The feed's address (made the first time; a new one, the old revoked, when `renew`)."""
    if not public_url:
        raise DomainError(
            "Calendar links need the bot's public address (QM_PUBLIC_URL), which isn't set. Nothing was changed."
        )
    scope, target, named = _feed(uow, ctx, words)
    live = uow.calendar_links.live(scope, target, ctx.actor.key)
    revoked = 0
    if live is None or renew:
        revoked = uow.calendar_links.revoke(scope, target, ctx.actor.key, ctx.now)
        live = CalendarLink(secrets.token_urlsafe(24), ctx.actor.key, scope, target)
        uow.calendar_links.add(live, ctx.now)
    url = f"{public_url.rstrip('/')}{PATH}{live.token}.ics"
    old = " The old link no longer works." if revoked else ""
    return Done(
        f"Calendar feed of {named}: {url}\nAdd it to your calendar as a subscription (by URL). Anyone with the "
        f"link can read it, so keep it to yourself; say “new calendar link” to replace it.{old}",
        0,
        private=True,
    )


def _feed(uow: UnitOfWork, ctx: Context, words: str | None) -> tuple[str, str, str]:
    if not words:
        return "person", ctx.actor.key, "your bookings and due dates"
    ctx.actor.require_manager("get the calendar of an item or a category")
    asset = uow.assets.get(words)
    if asset is not None:
        return "item", asset.tag, f"{asset.tag} ({asset.name})"
    wanted = {words.lower(), singular(words.lower())}
    category = next((c for c in uow.bookings.categories() if c.lower() in wanted), None)
    if category is None:
        raise DomainError(
            f"“{words}” is no asset tag or category. Say e.g. “calendar link for A-1042”. Nothing was changed."
        )
    return "category", category, f"the {category} category"


def feed(uow: UnitOfWork, token: str, now: datetime, is_manager=lambda key: True) -> bytes | None:
    """The feed a live link names, as iCalendar bytes; None for no such link, or for an
    item's or category's link whose owner is no longer a manager."""
    if not token or len(token) > 64:
        return None
    found = uow.calendar_links.get(token)
    if found is None or (found.scope != "person" and not is_manager(found.owner)):
        return None
    since = now - HISTORY
    if found.scope == "person":
        names = uow.people.name_of(found.target)
        keys = tuple(k for k in (found.target, names) if k)
        bookings, held = uow.bookings.for_feed(since, holders=keys), uow.assets.held_by(*keys)
        title = f"Quartermaster: {names or found.target}"
    elif found.scope == "item":
        asset = uow.assets.get(found.target)
        bookings = uow.bookings.for_feed(since, tag=found.target) if asset else []
        held = [asset] if asset is not None and asset.due else []
        title = f"Quartermaster: {found.target}"
    else:
        bookings, held = (
            uow.bookings.for_feed(since, category=found.target),
            uow.bookings.out_in_category(found.target),
        )
        title = f"Quartermaster: {found.target}"
    names = {b.asset_tag: uow.assets.get(b.asset_tag).name for b in bookings}
    return _calendar(title, bookings, [a for a in held if a.due], names, now, uow.people.names())


def _calendar(title, bookings: list[Booking], due: list[Asset], names, now: datetime, people) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Quartermaster//bookings and due dates//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", title)
    for b in bookings:
        event = Event()
        event.add("uid", f"booking-{b.id}@quartermaster")
        event.add("dtstamp", b.created_at)  # stable between fetches (RFC 5545: when it was made)
        event.add("dtstart", b.start)
        event.add("dtend", b.end)
        event.add("summary", f"Booked: {b.asset_tag} {names[b.asset_tag]}")
        event.add("description", f"For {people.get(b.holder, b.holder)}; {b.status.value.replace('_', ' ')}.")
        calendar.add_component(event)
    for asset in due:
        event = Event()
        event.add("uid", f"due-{tag_key(asset.tag)}-{int(asset.due.timestamp())}@quartermaster")
        event.add("dtstamp", now)
        event.add("dtstart", asset.due)
        event.add("dtend", asset.due + DUE_LENGTH)
        event.add("summary", f"Due back: {asset.tag} {asset.name}")
        event.add("description", f"Held by {people.get(asset.holder, asset.holder)}.")
        calendar.add_component(event)
    return calendar.to_ical()
