"""App Home: what I hold, my recent changes, and for managers the reorder
list and the overdue table."""
from __future__ import annotations

from bot.slack.blocks import section
from services import audits, queries
from services.context import Context
from storage.unit_of_work import UnitOfWorkFactory


def home_view(ctx: Context, uow_factory: UnitOfWorkFactory, intervals: dict[str, int] | None = None) -> dict:
    with uow_factory(read_only=True) as uow:
        blocks = [
            {"type": "header", "text": {"type": "plain_text", "text": "Quartermaster"}},
            section("*What you hold*\n" + queries.my_items(ctx, uow)),
            section("*Your recent changes*\n" + _recent(ctx, uow)),
        ]
        if ctx.actor.is_manager:
            blocks += [
                {"type": "divider"},
                section("*Reorder list*\n" + queries.low_stock(ctx, uow)),
                section("*Overdue*\n" + _overdue(ctx, uow)),
                section("*Maintenance*\n" + queries.in_maintenance(ctx, uow)),
                section("*Audits*\n" + audits.due(uow, ctx, intervals)),
            ]
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": "Say `help` in a DM to see what I understand."}]})
    return {"type": "home", "blocks": blocks}


def _recent(ctx: Context, uow) -> str:
    entries = uow.ledger.recent(actor=ctx.actor.name, limit=5)
    if not entries:
        return "Nothing yet."
    return "\n".join(f"• {ctx.local(e.at)}: {e.describe()}" for e in entries)


def _overdue(ctx: Context, uow) -> str:
    late = uow.assets.overdue(ctx.now)
    if not late:
        return "Nothing is overdue."
    return "\n".join(f"• {a.tag} {a.name}: {a.holder}, due {ctx.local(a.due)}" for a in late[:30])
