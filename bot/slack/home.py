"""App Home: what I hold, my recent changes, and for managers the reorder
list, the overdue table, and warranties and services coming due."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.slack.blocks import first_lines, section
from domain import commands as C
from services import audits, booking_answers, holdings, queries, warranty
from services.context import Context
from storage.unit_of_work import UnitOfWorkFactory

HOME_LINES = 10  # per list: each line under ~250 characters keeps a section within Slack's 3,000


def home_view(ctx: Context, uow_factory: UnitOfWorkFactory, intervals: dict[str, int] | None = None) -> dict:
    with uow_factory(read_only=True) as uow:
        blocks = [
            {"type": "header", "text": {"type": "plain_text", "text": "Quartermaster"}},
            _list(
                "What you hold",
                holdings.listing(uow, ctx, ctx.actor.key).text,
                "say “what do I have?” in a DM",
            ),
            _list("Your recent changes", _recent(ctx, uow), "say “undo” to reverse your last one"),
            _list(
                "Your bookings",
                booking_answers.listing(uow, ctx, C.Bookings(mine=True)).text,
                "say “my bookings”",
            ),
        ]
        if ctx.actor.is_manager:
            blocks += [
                {"type": "divider"},
                _list("Reorder list", queries.low_stock(ctx, uow), "say “what's low?” in a DM"),
                _list("Overdue", _overdue(ctx, uow), "the digest lists them all"),
                _list(
                    "Maintenance", queries.in_maintenance(ctx, uow), "say “what's in maintenance?” in a DM"
                ),
                _list("Audits", audits.due(uow, ctx, intervals), "say “audits due” in a DM"),
                _list("Booked today", _booked(ctx, uow, 0), "say “what's booked today?”"),
                _list("Booked tomorrow", _booked(ctx, uow, 1), "say “what's booked tomorrow?”"),
                _list(
                    "Warranties ending",
                    warranty.listing(uow, ctx, C.Warranties(what="ending")).text,
                    "say “which warranties end soon?”",
                ),
                _list(
                    "Services due",
                    warranty.listing(uow, ctx, C.Warranties(what="service")).text,
                    "say “what's due for service?”",
                ),
            ]
    blocks.append(
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": "Say `help` in a DM to see what I understand."}],
        }
    )
    return {"type": "home", "blocks": blocks}


def _list(title: str, text: str, more: str) -> dict:
    """A titled list on the Home tab: its first lines and how many more (never cut mid-line)."""
    return section(f"*{title}*\n" + first_lines(text, HOME_LINES, more))


def _booked(ctx: Context, uow, days_ahead: int) -> str:
    day = ctx.now.astimezone(ctx.tz).date() + timedelta(days=days_ahead)
    start = datetime.combine(day, time(), ctx.tz)
    return booking_answers.listing(uow, ctx, C.Bookings(start=start, end=start + timedelta(days=1))).text


def _recent(ctx: Context, uow) -> str:
    entries = uow.ledger.recent(ctx.actor.key, ctx.actor.name, limit=5)
    if not entries:
        return "Nothing yet."
    return "\n".join(f"• {ctx.local(e.at)}: {e.describe()}" for e in entries)


def _overdue(ctx: Context, uow) -> str:
    late = [
        f"• {a.tag} {a.name}: {ctx.name_of(a.holder)}, due {ctx.local(a.due)}"
        for a in uow.assets.overdue(ctx.now)
    ]
    late += [
        f"• {holdings.loan_line(ctx, uow, loan)} ({ctx.name_of(loan.holder)})"
        for loan in uow.loans.overdue(ctx.now)
    ]
    return "\n".join(late) or "Nothing is overdue."
