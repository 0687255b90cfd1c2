"""Questions about bookings, answered from the database: is an item free then,
what is free then, my bookings, what is booked on a day."""

from __future__ import annotations

from datetime import timedelta

from domain import commands as C
from domain.bookings import conflicts
from services.bookings import alternatives, describe_conflict, span
from services.context import Context
from services.listings import PAGE
from services.replies import Reply, answer
from services.resolver import CatalogItem
from storage.unit_of_work import UnitOfWork

MAX_UNITS = 10  # units of one kind an answer names one by one


def is_free(
    uow: UnitOfWork, ctx: Context, items: list[CatalogItem], start, end, at: str | None = None
) -> Reply:
    when = span(ctx, start, end)
    if end <= ctx.now:
        return answer(f"{when} is already past.")
    if not items:
        tags, total = uow.bookings.free_assets(start, end, ctx.now, limit=PAGE, place=at)
        when = f"in {at} {when}" if at else when
        if not total:
            return answer(f"Nothing is free {when}.")
        names = {a.tag: a.name for a in (uow.assets.get(t) for t in tags)}
        lines = [f"• {tag} {names[tag]}" for tag in tags]
        more = f"\n…and {total - len(tags)} more." if total > len(tags) else ""
        return answer(f"Free {when}: {total:,} asset{'s' if total != 1 else ''}.\n" + "\n".join(lines) + more)
    free, taken = [], []
    for item in items[: MAX_UNITS * 5]:
        asset, booked = uow.bookings.availability(item.key, start, end)
        found = conflicts(asset, booked, start, end, ctx.now)
        (taken if found else free).append((asset, found))
    if len(items) == 1:
        asset, found = (free or taken)[0]
        if not found:
            return answer(
                f"Yes: {asset.tag} ({asset.name}) is free {when}. Say “book {asset.tag} …” to book it."
            )
        said = "; ".join(describe_conflict(ctx, c) for c in found)
        return answer(f"No: {asset.tag} ({asset.name}) is {said}.{alternatives(uow, ctx, asset, start, end)}")
    if not free:
        lines = [
            f"• {a.tag} ({a.name}): {'; '.join(describe_conflict(ctx, c) for c in f)}"
            for a, f in taken[:MAX_UNITS]
        ]
        return answer(f"None of them is free {when}:\n" + "\n".join(lines))
    lines = [f"• {a.tag} {a.name}" for a, _ in free[:MAX_UNITS]]
    more = f"\n…and {len(free) - MAX_UNITS} more." if len(free) > MAX_UNITS else ""
    return answer(f"Free {when}: {len(free)} of {len(items)}.\n" + "\n".join(lines) + more)


def listing(uow: UnitOfWork, ctx: Context, command: C.Bookings) -> Reply:
    if command.mine:
        found = uow.bookings.of_holders((ctx.actor.key, ctx.actor.name), ctx.now)
        if command.start is not None:
            found = [b for b in found if b.overlaps(command.start, command.end)]
        if not found:
            return answer("You have no bookings to come. Book with e.g. “book the projector Tuesday 2-4pm”.")
        head = f"Your bookings ({len(found)}):"
    else:
        start = command.start or ctx.now
        end = command.end or start + timedelta(days=7)
        found = uow.bookings.between(start, end, limit=PAGE + 1)
        when = span(ctx, start, end) if command.start else "in the next 7 days"
        if not found:
            return answer(f"Nothing is booked {when}.")
        head = f"Booked {when}:" if len(found) <= PAGE else f"Booked {when} (the first {PAGE}):"
    names = {}
    lines = []
    for b in found[:PAGE]:
        names.setdefault(b.asset_tag, uow.assets.get(b.asset_tag).name)
        status = " (picked up)" if b.status.value == "picked_up" else ""
        whom = "" if command.mine else f" for {ctx.who(b.holder)}"
        lines.append(f"• {span(ctx, b.start, b.end)}: {b.asset_tag} {names[b.asset_tag]}{whom}{status}")
    return answer("\n".join([head, *lines]))
