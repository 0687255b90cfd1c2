"""Alerts as Slack messages, recorded in the outbox: digests and crossing
notices to the alert channel (or each manager by DM), due-date notices to
the holder by DM. One message per recipient, each sent and retried alone."""

from __future__ import annotations

import logging
import uuid

from bot.slack.blocks import (
    MAX_BLOCKS,
    STEP_ACTIONS,
    actions,
    button,
    due_notice_blocks,
    fallback_text,
    section,
    text_sections,
)
from bot.slack.client import web_client
from bot.slack.delivery import Delivery
from bot.slack.roles import Managers
from domain.alerts import DueNotice, LowStock
from services.alerts import AlertRun, Undeliverable, upkeep_lines
from services.booking_alerts import BOOKING_KINDS, REMINDER
from services.people import looks_like_member_id
from services.replies import Notice
from storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
MAX_ITEMS_WITH_BUTTONS = 12  # two blocks an item; Slack allows 50 blocks in a message
MAX_OVERDUE_LINES = 40


class SlackOutbox:
    def __init__(self, delivery: Delivery, alert_channel: str | None, managers: tuple[str, ...]):
        self.delivery = delivery
        self.alert_channel, self.managers = alert_channel, managers

    @classmethod
    def from_settings(cls, app) -> "SlackOutbox":
        settings = app.settings
        client = web_client(settings.slack_bot_token, settings.slack_api_url)
        managers = Managers(settings.managers, settings.manager_group, client)
        return cls(Delivery(client, app.uow, managers), settings.alert_channel, managers)

    def digest(self, uow: UnitOfWork, key: str, run: AlertRun, text: str) -> list[int | None]:
        blocks = [section("*Quartermaster digest*")]
        for item in run.low[:MAX_ITEMS_WITH_BUTTONS]:
            blocks += item_blocks(item)
        if len(run.low) > MAX_ITEMS_WITH_BUTTONS:
            blocks.append(
                section(
                    f"…and {len(run.low) - MAX_ITEMS_WITH_BUTTONS} more low items (say “what's low” to see all)."
                )
            )
        if run.overdue:
            lines = ["*Overdue*"] + [f"• {n.tag} {n.name}: {n.who}" for n in run.overdue[:MAX_OVERDUE_LINES]]
            if len(run.overdue) > MAX_OVERDUE_LINES:
                lines.append(f"…and {len(run.overdue) - MAX_OVERDUE_LINES} more (App Home lists them).")
            blocks += text_sections("\n".join(lines), MAX_BLOCKS - len(blocks))
        upkeep = upkeep_lines(run)
        if upkeep and len(blocks) < MAX_BLOCKS:
            blocks += text_sections("\n".join(upkeep), MAX_BLOCKS - len(blocks))
        return self._to_managers(uow, key, text, blocks)

    def crossing(self, uow: UnitOfWork, item: LowStock) -> list[int | None]:
        text = f"{item.name} just reached its reorder point: {item.line()}"
        key = f"crossing:{item.sku}:{uuid.uuid4().hex}"  # recorded once, with the change that crossed
        if not self.alert_channel and not self.managers:
            log.warning("%s reached its reorder point; no QM_ALERT_CHANNEL or QM_MANAGERS to tell", item.sku)
            return []  # never a reason to refuse the change itself
        return self._to_managers(uow, key, text, item_blocks(item, prefix="Just reached its reorder point: "))

    def due_notice(self, uow: UnitOfWork, key: str, notice: DueNotice, text: str) -> list[int | None]:
        known = notice.holder_name is not None or looks_like_member_id(notice.holder)
        user = notice.holder if known else uow.people.id_of(notice.holder)
        if user is None:
            raise Undeliverable(
                f"no Slack user is known for {notice.holder}, so the notice about {notice.tag} waits"
            )
        # chat.postMessage to a user ID posts in the app's DM with them (chat:write alone).
        # A booking's notice is about an item not yet taken: no Return or Extend buttons.
        blocks = (
            [section(text)]
            if notice.kind in BOOKING_KINDS
            else due_notice_blocks(text, notice.tag, extend=notice.quantity is None)  # loans: Return only
        )
        if notice.kind == REMINDER:  # the booker's check-out picks the booking up
            blocks.append(
                actions(
                    "qm_pick_up", [button("Pick up", "qm_say", f"check out {notice.tag}", style="primary")]
                )
            )
        return [self._record(uow, f"{key}:{user}", user, text, blocks)]

    def tell(self, uow: UnitOfWork, notice: Notice) -> int | None:
        """A DM to someone a change concerns, with its next steps as buttons; one per key."""
        known = looks_like_member_id(notice.person) or uow.people.name_of(notice.person) is not None
        user = notice.person if known else uow.people.id_of(notice.person)
        if user is None:
            log.warning("no Slack user is known for %s; not told: %s", notice.person, notice.text)
            return None
        blocks = [section(notice.text)]
        if notice.offers:
            steps = [button(o.label, STEP_ACTIONS[o.step], o.value) for o in notice.offers]
            blocks.append(actions(f"qm_notice_{uuid.uuid4().hex[:8]}", steps))
        return self._record(uow, f"notice:{notice.key}:{user}", user, notice.text, blocks)

    def send(self, ids: list[int | None]) -> list[str]:
        """Send these now (and whatever else is due): what was not delivered,
        as sentences saying what to do."""
        problems = []
        for o in self.delivery.send(ids) + self.delivery.flush():
            if o.status == "failed":
                problems.append(
                    f"could not post to {o.channel}: {o.error}"
                    + (f"; to fix it, {o.advice}" if o.advice else "")
                )
            elif o.status == "retrying":
                problems.append(f"not yet delivered to {o.channel} ({o.error}); it will be tried again")
        return problems

    def _to_managers(self, uow: UnitOfWork, key: str, text: str, blocks: list) -> list[int | None]:
        recipients = [self.alert_channel] if self.alert_channel else list(self.managers)
        if not recipients:
            raise Undeliverable("no QM_ALERT_CHANNEL and no QM_MANAGERS: nobody to tell")
        return [self._record(uow, f"{key}:{to}", to, text, blocks) for to in recipients]

    def _record(self, uow: UnitOfWork, key: str, channel: str, text: str, blocks: list) -> int | None:
        args = {"channel": channel, "text": fallback_text(text), "blocks": blocks}
        return self.delivery.record(uow, key, "chat.postMessage", args, channel=channel, paced=True)


def item_blocks(item: LowStock, prefix: str = "") -> list[dict]:
    return [
        section(prefix + item.line()),
        actions(
            f"qm_low_{item.sku}"[:255],
            [
                button("Mark ordered", "qm_ordered", item.sku, style="primary"),
                button("Snooze a week", "qm_snooze", item.sku),
                button("Received", "qm_received", item.sku),
            ],
        ),
    ]
