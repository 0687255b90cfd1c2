"""Warranty and service dates: a service recorded, and the assets whose
warranty ends soon or whose service falls due, a page at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from domain import commands as C
from domain.assets import Asset
from domain.ledger import Action
from services.changes import Done, record, snapshot
from services.context import Context
from services.replies import Reply, ReplyKind
from storage.unit_of_work import UnitOfWork

WINDOW = timedelta(days=30)  # "ending soon" and "due soon": the digest's and App Home's horizon
PAGE = 25


def serviced(uow: UnitOfWork, ctx: Context, tag: str) -> Done:
    asset = uow.assets.get(tag, lock=True)
    before = snapshot(asset)
    asset.record_service(today(ctx))
    uow.assets.save(asset)
    entry_id = record(uow, ctx, Action.SERVICE, asset, before)
    following = asset.next_service()
    nxt = f" Next service due {following:%a %-d %b %Y}." if following else ""
    return Done(f"Recorded a service of {asset.tag} ({asset.name}) today.{nxt}", entry_id)


def listing(uow: UnitOfWork, ctx: Context, command: C.Warranties) -> Reply:
    day, skip = today(ctx), command.skip or 0
    if command.what == "service":
        shown, total = uow.asset_dates.service_due_by(day + WINDOW, PAGE, skip)
        head, line = f"Services due by {day + WINDOW:%-d %b}", lambda a: service_line(a, day)
    elif command.what == "under":
        shown, total = uow.asset_dates.warranty_between(day, None, PAGE, skip)
        head, line = "Under warranty", lambda a: warranty_line(a, day)
    else:
        shown, total = uow.asset_dates.warranty_between(day, day + WINDOW, PAGE, skip)
        head, line = f"Warranties ending by {day + WINDOW:%-d %b}", lambda a: warranty_line(a, day)
    if not total:
        nothing = {"service": "No services are due", "under": "Nothing is under warranty"}.get(
            command.what, "No warranty ends"
        )
        return Reply(
            ReplyKind.ANSWER,
            f"{nothing} in the next 30 days." if command.what != "under" else f"{nothing}.",
            whole_list=True,
        )
    end = skip + len(shown)
    lines = [f"{head} ({total}{f', {skip + 1}–{end}' if skip or end < total else ''}):"]
    lines += ["• " + line(a) for a in shown]
    more = None
    if end < total:
        lines.append(f"…and {total - end} more: say “more” for the next {min(PAGE, total - end)}.")
        more = replace(command, skip=end)
    return Reply(ReplyKind.ANSWER, "\n".join(lines), more=more, whole_list=more is None)


def warranty_line(asset: Asset, day: date) -> str:
    ends = asset.warranty_until
    return f"{asset.tag} ({asset.name}): warranty {'ends' if ends >= day else 'ended'} {ends:%a %-d %b %Y}"


def service_line(asset: Asset, day: date) -> str:
    due = asset.next_service()
    if asset.last_service is None and asset.purchase_date is None:
        return f"{asset.tag} ({asset.name}): due now (no service recorded, every {asset.service_interval_months} months)"
    state = "overdue since" if due < day else "due"
    return f"{asset.tag} ({asset.name}): service {state} {due:%a %-d %b %Y}"


def today(ctx: Context) -> date:
    return ctx.now.astimezone(ctx.tz).date()
