"""The waitlist: "tell me when the projector is back". Whoever holds it is told
once that someone is waiting; when it comes back (or its booking is cancelled)
the first in line is told, with a button to take it."""

from __future__ import annotations

import uuid
from datetime import timedelta

from domain.assets import Asset
from domain.errors import DomainError
from services.context import Context
from services.replies import NextStep, Notice, Step
from storage.unit_of_work import UnitOfWork

SOON = timedelta(hours=1)  # free now means free for at least this long


def join(uow: UnitOfWork, ctx: Context, tags: list[str]) -> tuple[str, tuple[Notice, ...]]:
    """Wait for any of `tags` (identical units: the first back will do): what to
    answer, and what the holders are told."""
    assets = [uow.assets.get(tag, lock=True) for tag in tags]
    name = f"{assets[0].tag} ({assets[0].name})" if len(assets) == 1 else f"a {assets[0].name}"
    free = [a for a in assets if free_now(uow, ctx, a)]
    if free:
        raise DomainError(
            f"{free[0].tag} ({free[0].name}) is free now: say “check out {free[0].tag}” to take it. Nothing was changed."
        )
    if any(uow.waitlist.waiting(a.tag, ctx.actor.key) for a in assets):
        raise DomainError(f"You're already waiting for {name}; I'll tell you when it's back.")
    request = uuid.uuid4().hex
    for asset in assets:
        uow.waitlist.add(asset.tag, ctx.actor.key, request, ctx.now)
    ahead = uow.waitlist.ahead_of(assets[0].tag) - 1
    held: dict[str, list[Asset]] = {}
    for a in assets:
        if a.holder and not ctx.actor.is_(a.holder):
            held.setdefault(a.holder, []).append(a)
    notices = tuple(  # once per holder and units, however many wait or how long the loan runs
        Notice(
            holder,
            f"{ctx.actor.name} is waiting for {', '.join(a.tag for a in units)} ({units[0].name}); "
            "please return it when you're done with it.",
            f"waiting:{holder}:{','.join(sorted(a.tag for a in units))}",
        )
        for holder, units in held.items()
    )
    queue = f" {ahead} {'person is' if ahead == 1 else 'people are'} ahead of you." if ahead > 0 else ""
    told = f" {', '.join(sorted(ctx.who(h) for h in held))} will know someone is waiting." if held else ""
    return f"I'll tell you when {name} is back.{queue}{told}", notices


def free_now(uow: UnitOfWork, ctx: Context, asset: Asset) -> bool:
    """On the shelf, and no booking begins within the hour."""
    return asset.is_available and not uow.bookings.of_asset(asset.tag, ctx.now, ctx.now + SOON)


def on_free(uow: UnitOfWork, ctx: Context, asset: Asset) -> tuple[Notice, ...]:
    """The first in line for `asset`, told it is free (their wait ends on every unit)."""
    first = uow.waitlist.first(asset.tag)
    if first is None:
        return ()
    uow.waitlist.close(first.request, ctx.now)
    where = f" in {asset.location}" if asset.location else ""
    return (
        Notice(
            first.person,
            f"{asset.tag} ({asset.name}) is free now{where}: you asked to be told. Say “check out {asset.tag}” to take it.",
            f"free:{first.request}",
            (NextStep("Check it out", Step.SAY, f"check out {asset.tag}"),),
        ),
    )
