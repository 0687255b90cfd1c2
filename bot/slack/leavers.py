"""Someone deactivated in Slack still holding things: every manager gets a DM
listing what they hold, with Return all and a Transfer-to menu of people."""

from __future__ import annotations

from bot.slack.blocks import actions, button, fallback_text, section
from bot.slack.delivery import Delivery
from services import holdings
from services.context import Context
from storage.unit_of_work import UnitOfWork

TRANSFER_BLOCK = "qm_leaver:"  # + the member ID: the Transfer menu's block says whose things move


def tell_managers(
    uow: UnitOfWork, ctx: Context, delivery: Delivery, managers: tuple[str, ...], user: str
) -> list:
    """Record the DMs (in the caller's transaction); nothing when they hold nothing or no manager is known."""
    keys = holdings.keys_of(uow, user)
    assets, lent = holdings.held(uow, keys)
    if not (assets or lent) or not managers:
        return []
    name = uow.people.name_of(user) or user
    listed = holdings.listing(uow, ctx, user).text.split("\n", 1)[-1]
    text = (
        f"{name} was deactivated in Slack and still holds {holdings.count(len(assets), len(lent))}:\n{listed}"
    )
    menu = {
        "type": "users_select",
        "action_id": "qm_transfer",
        "placeholder": {"type": "plain_text", "text": "Transfer all to…"},
    }
    blocks = [
        section(text),
        actions(
            f"{TRANSFER_BLOCK}{user}",
            [button("Return all", "qm_say", f"return everything @{user} had", style="danger"), menu],
        ),
    ]
    args = {"text": fallback_text(text), "blocks": blocks}
    return [
        delivery.record(uow, f"user_left:{user}:{m}", "chat.postMessage", {"channel": m, **args}, channel=m)
        for m in managers
    ]
