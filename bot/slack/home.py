"""App Home: sections for what I hold, my bookings and my recent changes, and
for managers what is out now, the reorder list, what is overdue, maintenance,
audits, today's and tomorrow's bookings, warranties ending and services due.
Each section says how many there are and shows a page at a time, with Next
and Back buttons (`qm_home_page`, value "section:offset")."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.slack.blocks import actions, button, section
from services import audits, holdings, warranty
from services.booking_text import span
from services.context import Context
from services.queries import status_line
from storage.unit_of_work import UnitOfWorkFactory

PAGE = 8  # lines a section shows at a time: each under ~300 characters keeps it within Slack's 3,000
PAGE_BUTTON = "qm_home_page"
BOOKED_AT_MOST = 2000  # a day's bookings a section counts


def home_view(
    ctx: Context,
    uow_factory: UnitOfWorkFactory,
    intervals: dict[str, int] | None = None,
    pages: dict[str, int] | None = None,
) -> dict:
    """The Home tab; `pages`: where each section's page starts (a Next or Back click)."""
    pages = pages or {}
    at = lambda key: max(pages.get(key, 0), 0)  # noqa: E731
    with uow_factory(read_only=True) as uow:
        sections = [
            ("mine", "What you hold", *_whole(_mine(ctx, uow), at("mine"))),
            ("bookings", "Your bookings", *_whole(_my_bookings(ctx, uow), at("bookings"))),
            ("recent", "Your recent changes", *_whole(_recent(ctx, uow), at("recent"))),
        ]
        if ctx.actor.is_manager:
            today = ctx.now.astimezone(ctx.tz).date()
            window = today + warranty.WINDOW
            sections += [
                ("out", "Your team's items out now", *_out(ctx, uow, at("out"))),  # the bot knows no teams
                ("reorder", "Reorder list", *_whole(_reorder(uow), at("reorder"))),
                ("overdue", "Overdue", *_whole(_overdue(ctx, uow), at("overdue"))),
                ("maintenance", "Maintenance", *_whole(_repairs(uow), at("maintenance"))),
                ("audits", "Audits", *_whole(_body(audits.due(uow, ctx, intervals)), at("audits"))),
                ("today", "Booked today", *_whole(_booked(ctx, uow, 0), at("today"))),
                ("tomorrow", "Booked tomorrow", *_whole(_booked(ctx, uow, 1), at("tomorrow"))),
                (
                    "warranties",
                    "Warranties ending",
                    *_dated(
                        uow.asset_dates.warranty_between(today, window, PAGE, at("warranties")),
                        lambda a: warranty.warranty_line(a, today),
                    ),
                ),
                (
                    "services",
                    "Services due",
                    *_dated(
                        uow.asset_dates.service_due_by(window, PAGE, at("services")),
                        lambda a: warranty.service_line(a, today),
                    ),
                ),
            ]
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": "Quartermaster"}}]
    for n, (key, title, total, shown) in enumerate(sections):
        if n == 3:
            blocks.append({"type": "divider"})
        blocks += _section(key, title, total, shown, at(key))
    blocks.append(
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": "Say `help` in a DM to see what I understand."}],
        }
    )
    return {"type": "home", "blocks": blocks}


def _section(key: str, title: str, total: int, shown: list[str], start: int) -> list[dict]:
    """A titled section: its count, one page of lines, and Next / Back when there are more."""
    where = f" — {start + 1}–{start + len(shown)}" if total > PAGE and shown else ""
    blocks = [section(f"*{title}* ({total}){where}\n" + ("\n".join(shown) if shown else "Nothing."))]
    buttons = []
    if start > 0:
        buttons.append(button("Back", PAGE_BUTTON, f"{key}:{max(start - PAGE, 0)}"))
    if start + PAGE < total:
        buttons.append(button("Next", PAGE_BUTTON, f"{key}:{start + PAGE}"))
    if buttons:
        blocks.append(actions(f"qm_home_{key}", buttons))
    return blocks


def _whole(lines: list[str], start: int) -> tuple[int, list[str]]:
    """A section whose lines are all read (a person's, or few): its count and one page."""
    return len(lines), lines[start : start + PAGE]


def _dated(found: tuple[list, int], line) -> tuple[int, list[str]]:
    """A section read a page at a time from an index (warranties, services)."""
    page, total = found
    return total, ["• " + line(a) for a in page]


def _mine(ctx: Context, uow) -> list[str]:
    assets, lent = holdings.held(uow, holdings.keys_of(uow, ctx.actor.key))
    return [f"• {status_line(ctx, a)}" for a in assets] + [
        f"• {holdings.loan_line(ctx, uow, loan)}" for loan in lent
    ]


def _my_bookings(ctx: Context, uow) -> list[str]:
    found = uow.bookings.of_holders((ctx.actor.key, ctx.actor.name), ctx.now)
    return [f"• {span(ctx, b.start, b.end)}: {b.asset_tag}" for b in found]


def _reorder(uow) -> list[str]:
    return [
        f"• {i.name} ({i.sku}): {i.describe(i.on_hand)} (reorder at {i.reorder_point})"
        for i in uow.stock.low()
    ]


def _repairs(uow) -> list[str]:
    return [
        f"• {a.tag} {a.name}" + (f" — {a.condition}" if a.condition else "")
        for a in uow.assets.in_maintenance()
    ]


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


def _booked(ctx: Context, uow, days_ahead: int) -> list[str]:
    day = ctx.now.astimezone(ctx.tz).date() + timedelta(days=days_ahead)
    start = datetime.combine(day, time(), ctx.tz)
    found = uow.bookings.between(start, start + timedelta(days=1), limit=BOOKED_AT_MOST)
    return [f"• {span(ctx, b.start, b.end)}: {b.asset_tag} for {ctx.who(b.holder)}" for b in found]


def _recent(ctx: Context, uow) -> list[str]:
    return [
        f"• {ctx.local(e.at)}: {e.describe()}"
        for e in uow.ledger.recent(ctx.actor.key, ctx.actor.name, limit=20)
    ]


def _out(ctx: Context, uow, start: int) -> tuple[int, list[str]]:
    """Everything checked out or lent now, whoever has it, soonest due first: a page of it."""
    lent = uow.loans.all()
    shown, out = uow.assets.listing(checked_out=True, limit=PAGE, offset=start)
    lines = [f"• {status_line(ctx, a)}" for a in shown]
    if len(lines) < PAGE:  # past the assets: the loans
        first = max(start - out, 0)
        lines += [
            f"• {holdings.loan_line(ctx, uow, loan)} ({ctx.name_of(loan.holder)})"
            for loan in lent[first : first + PAGE - len(lines)]
        ]
    return out + len(lent), lines


def _overdue(ctx: Context, uow) -> list[str]:
    late = [
        f"• {a.tag} {a.name}: {ctx.name_of(a.holder)}, due {ctx.local(a.due)}"
        for a in uow.assets.overdue(ctx.now)
    ]
    return late + [
        f"• {holdings.loan_line(ctx, uow, loan)} ({ctx.name_of(loan.holder)})"
        for loan in uow.loans.overdue(ctx.now)
    ]
