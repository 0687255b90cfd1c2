"""App Home: sections for what I hold, my bookings and my recent changes, and
for managers what is out now, the reorder list, what is overdue, maintenance,
audits, today's and tomorrow's bookings, warranties ending and services due.
Each section says how many there are and shows a page at a time, with Next
and Back buttons (`qm_home_page`, value "section:offset")."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.slack.blocks import actions, button, section
from domain import commands as C
from services import audits, booking_answers, holdings, queries, warranty
from services.context import Context
from services.queries import status_line
from storage.unit_of_work import UnitOfWorkFactory

PAGE = 8  # lines a section shows at a time: each under ~300 characters keeps it within Slack's 3,000
PAGE_BUTTON = "qm_home_page"


def home_view(
    ctx: Context,
    uow_factory: UnitOfWorkFactory,
    intervals: dict[str, int] | None = None,
    pages: dict[str, int] | None = None,
) -> dict:
    """The Home tab; `pages`: where each section's page starts (a Next or Back click)."""
    pages = pages or {}
    with uow_factory(read_only=True) as uow:
        sections = [
            ("mine", "What you hold", _body(holdings.listing(uow, ctx, ctx.actor.key).text)),
            (
                "bookings",
                "Your bookings",
                _body(booking_answers.listing(uow, ctx, C.Bookings(mine=True)).text),
            ),
            ("recent", "Your recent changes", _recent(ctx, uow)),
        ]
        if ctx.actor.is_manager:
            sections += [
                ("out", "Your team's items out now", _out(ctx, uow)),  # the bot knows no teams: the workspace
                ("reorder", "Reorder list", _body(queries.low_stock(ctx, uow))),
                ("overdue", "Overdue", _overdue(ctx, uow)),
                ("maintenance", "Maintenance", _body(queries.in_maintenance(ctx, uow))),
                ("audits", "Audits", _body(audits.due(uow, ctx, intervals))),
                ("today", "Booked today", _booked(ctx, uow, 0)),
                ("tomorrow", "Booked tomorrow", _booked(ctx, uow, 1)),
                (
                    "warranties",
                    "Warranties ending",
                    _listed(warranty.listing(uow, ctx, C.Warranties(what="ending")).text),
                ),
                (
                    "services",
                    "Services due",
                    _listed(warranty.listing(uow, ctx, C.Warranties(what="service")).text),
                ),
            ]
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": "Quartermaster"}}]
    for n, (key, title, lines) in enumerate(sections):
        if n == 3:
            blocks.append({"type": "divider"})
        blocks += _section(key, title, lines, pages.get(key, 0))
    blocks.append(
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": "Say `help` in a DM to see what I understand."}],
        }
    )
    return {"type": "home", "blocks": blocks}


def _section(key: str, title: str, lines: list[str], start: int) -> list[dict]:
    """A titled section: its count, one page of lines, and Next / Back when there are more."""
    start = max(0, min(start, max(len(lines) - 1, 0)))
    shown = lines[start : start + PAGE]
    head = f"*{title}* ({len(lines)})" if lines else f"*{title}* (0)"
    where = f" — {start + 1}–{start + len(shown)}" if len(lines) > PAGE else ""
    blocks = [section(f"{head}{where}\n" + ("\n".join(shown) if shown else "Nothing."))]
    buttons = []
    if start > 0:
        buttons.append(button("Back", PAGE_BUTTON, f"{key}:{max(start - PAGE, 0)}"))
    if start + PAGE < len(lines):
        buttons.append(button("Next", PAGE_BUTTON, f"{key}:{start + PAGE}"))
    if buttons:
        blocks.append(actions(f"qm_home_{key}", buttons))
    return blocks


def page_of(value: str) -> dict[str, int]:
    """A Next or Back button's value as the pages to show: {"overdue": 8}."""
    key, _, offset = value.partition(":")
    return {key: int(offset)} if offset.isdigit() else {}


def _body(text: str) -> list[str]:
    """An answer's lines, without its heading line ("You have 3 items:") when it has one."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].rstrip().endswith(":"):
        lines = lines[1:]
    return (
        []
        if len(lines) == 1 and lines[0].startswith(("Nothing", "No ", "You have nothing", "You don't"))
        else lines
    )


def _listed(text: str) -> list[str]:
    """A paged listing's items (its "• " lines)."""
    return [line for line in text.splitlines() if line.startswith("• ")]


def _booked(ctx: Context, uow, days_ahead: int) -> list[str]:
    day = ctx.now.astimezone(ctx.tz).date() + timedelta(days=days_ahead)
    start = datetime.combine(day, time(), ctx.tz)
    return _body(
        booking_answers.listing(uow, ctx, C.Bookings(start=start, end=start + timedelta(days=1))).text
    )


def _recent(ctx: Context, uow) -> list[str]:
    return [
        f"• {ctx.local(e.at)}: {e.describe()}"
        for e in uow.ledger.recent(ctx.actor.key, ctx.actor.name, limit=20)
    ]


def _out(ctx: Context, uow) -> list[str]:
    """Everything checked out or lent now, whoever has it, soonest due first."""
    shown, _ = uow.assets.listing(checked_out=True, limit=500)
    lines = [f"• {status_line(ctx, a)}" for a in shown]
    return lines + [
        f"• {holdings.loan_line(ctx, uow, loan)} ({ctx.name_of(loan.holder)})" for loan in uow.loans.all()
    ]


def _overdue(ctx: Context, uow) -> list[str]:
    late = [
        f"• {a.tag} {a.name}: {ctx.name_of(a.holder)}, due {ctx.local(a.due)}"
        for a in uow.assets.overdue(ctx.now)
    ]
    return late + [
        f"• {holdings.loan_line(ctx, uow, loan)} ({ctx.name_of(loan.holder)})"
        for loan in uow.loans.overdue(ctx.now)
    ]
