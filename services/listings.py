"""Lists answered from the database: assets by kind, place or team, holder,
status and due date, a page at a time; and who used the most of a stock item."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from domain import commands as C
from domain.language.periods import last_days
from services import holdings
from services.context import Context
from services.people import people_key
from services.queries import status_line
from services.replies import Reply, ReplyKind, answer
from storage.unit_of_work import UnitOfWork

EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)  # "due back by friday": late ones too
PAGE = 25  # lines a list shows at a time; "more" shows the next ones
TOP = 10  # people a top-users answer names


def list_assets(uow: UnitOfWork, ctx: Context, command: C.ListAssets, tags: tuple[str, ...]) -> Reply:
    c = command
    if c.ref and not tags:
        return answer(f"No assets are called “{c.ref}”.")
    if c.person and (team := _team_named(uow, c.person)):  # "what does IT have?": a team, not a person
        c = replace(c, person=None, at=team)
    if c.person and c == C.ListAssets(person=c.person):  # "what does @bob have?": all they hold, loans too
        return holdings.listing(uow, ctx, c.person)
    holders = (c.person, people_key(uow, c.person)) if c.person else ()
    skip = c.skip or 0
    shown, total = uow.assets.listing(
        available=c.available,
        checked_out=c.checked_out,
        place=c.at,
        holder_keys=holders,
        due_before=ctx.now if c.overdue else c.due,
        due_from=c.due_from,
        tags=tags,
        limit=PAGE,
        offset=skip,
    )
    lent = [] if skip else _loans_due(uow, ctx, c, holders, tags)  # (shown once, with the first page)
    if not total and not lent:
        return _whole("Nothing like that right now.")
    if not shown and not lent:  # the list shrank since the last page
        return _whole(f"That was the whole list: {_items(total)} now.")
    lines = [status_line(ctx, asset) for asset in shown]
    end = skip + len(shown)
    if skip or end < total:
        head = f"{_items(total)}, {skip + 1}–{end}:"
    else:
        head = f"{_items(total)}:"
    more = None
    if end < total:
        lines.append(f"…and {total - end} more: say “more” for the next {min(PAGE, total - end)}.")
        more = replace(c, skip=end)
    if lent:  # "anything overdue?": stock lent and late is as late as a laptop
        lines += [f"And {len(lent)} loan{'s' if len(lent) != 1 else ''} of stock:"]
        lines += [_loan_line(ctx, uow, loan) for loan in lent]
    head = head.replace("item", "asset") if lent else head
    return Reply(ReplyKind.ANSWER, "\n".join([head, *lines]), more=more, whole_list=more is None)


def _loans_due(uow: UnitOfWork, ctx: Context, c: C.ListAssets, holders: tuple, tags) -> list:
    """Loans of stock due back in the window a list asks about (or late), when the list is of
    everything due: not of an item, a place, or what is free."""
    if c.ref or tags or c.at or c.available or not (c.overdue or c.due):
        return []
    due = uow.loans.overdue(ctx.now) if c.overdue else uow.loans.due_between(c.due_from or EARLIEST, c.due)
    return [loan for loan in due if not holders or loan.holder in holders][:PAGE]


def _loan_line(ctx: Context, uow: UnitOfWork, loan) -> str:
    item = uow.stock.get(loan.sku)
    late = " — overdue" if loan.is_overdue(ctx.now) else ""
    return f"{item.describe(loan.quantity)} of {item.name} with {ctx.name_of(loan.holder)}, due {ctx.local(loan.due)}{late}."


def top_users(uow: UnitOfWork, ctx: Context, command: C.TopUsers, sku: str) -> Reply:
    """Consumption per person over the period asked (the last 30 days when none was)."""
    item = uow.stock.get(sku)
    default = last_days(ctx.now)
    since, until = command.since or default.since, command.until
    period = command.period if command.since else default.label
    used: dict[str, list[int]] = {}  # the same person recorded by ID and by name counts once
    for row in uow.usage.by_person(sku, since, until):
        total = used.setdefault(ctx.who(row.actor), [0, 0])
        total[0] += row.used
        total[1] += row.times
    if not used:
        return _whole(f"Nobody used any {item.name} {_during(period)}.")
    ranked = sorted(used.items(), key=lambda kv: (-kv[1][0], kv[0].lower()))
    lines = [f"{item.name} used {_during(period)}, by person:"]
    lines += [
        f"{n}. {name}: {item.describe(units)} ({times} time{'s' if times != 1 else ''})"
        for n, (name, (units, times)) in enumerate(ranked[:TOP], start=1)
    ]
    if len(ranked) > TOP:
        rest = sum(units for _, (units, _) in ranked[TOP:])
        lines.append(f"…and {len(ranked) - TOP} more people: {item.describe(rest)}.")
    lines.append(f"In all: {item.describe(sum(units for units, _ in used.values()))}.")
    return _whole("\n".join(lines))


def _team_named(uow: UnitOfWork, name: str) -> str | None:
    """The department or location `name` is, when it is no person the bot knows
    and nobody holds anything under that name."""
    if uow.people.name_of(name) is not None or uow.people.id_of(name) is not None:
        return None
    if uow.assets.listing(holder_keys=(name,), limit=1)[1]:
        return None
    places = uow.assets.places()
    return next(
        (p for kind in ("department", "location") for p in sorted(places[kind]) if p.lower() == name.lower()),
        None,
    )


def _whole(text: str) -> Reply:
    return Reply(ReplyKind.ANSWER, text, whole_list=True)


def _during(period: str) -> str:
    """ "in the last 30 days", but "this month", "yesterday"."""
    return f"in {period}" if period.startswith("the ") else period


def _items(count: int) -> str:
    return f"{count} item{'s' if count != 1 else ''}"
