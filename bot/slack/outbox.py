"""Delivering alerts in Slack: digests and crossing notices to the alert
channel (or each manager by DM), due-date notices to the holder by DM."""
from __future__ import annotations

import logging

from slack_sdk import WebClient

from bot.slack.blocks import button, due_notice_blocks, section
from domain.alerts import DueNotice, LowStock
from services.alerts import AlertRun
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)
MAX_ITEMS_WITH_BUTTONS = 12  # Slack allows 50 blocks in a message


class SlackOutbox:
    def __init__(self, client: WebClient, uow: UnitOfWorkFactory, alert_channel: str | None, managers: tuple[str, ...]):
        self.client, self.uow = client, uow
        self.alert_channel, self.managers = alert_channel, managers

    @classmethod
    def from_settings(cls, app) -> "SlackOutbox":
        settings = app.settings
        api = settings.slack_api_url if settings.slack_api_url.endswith("/") else settings.slack_api_url + "/"
        return cls(WebClient(token=settings.slack_bot_token, base_url=api), app.uow, settings.alert_channel, settings.managers)

    def digest(self, run: AlertRun, text: str) -> None:
        blocks = [section("*Quartermaster digest*")]
        for item in run.low[:MAX_ITEMS_WITH_BUTTONS]:
            blocks += item_blocks(item)
        if len(run.low) > MAX_ITEMS_WITH_BUTTONS:
            blocks.append(section(f"…and {len(run.low) - MAX_ITEMS_WITH_BUTTONS} more low items (say “what's low” to see all)."))
        if run.overdue:
            blocks.append(section("*Overdue*\n" + "\n".join(f"• {n.tag} {n.name}: {n.holder}" for n in run.overdue[:40])))
        self._to_managers(text, blocks)

    def crossing(self, item: LowStock, text: str) -> None:
        self._to_managers(text, item_blocks(item, prefix="Just reached its reorder point: "))

    def due_notice(self, notice: DueNotice, text: str) -> None:
        with self.uow(read_only=True) as uow:
            user = uow.people.id_of(notice.holder)
        if user is None:
            log.warning("no Slack user known for holder %s; due notice for %s not delivered", notice.holder, notice.tag)
            return
        self.client.chat_postMessage(channel=self._dm(user), text=text, blocks=due_notice_blocks(text, notice.tag))

    def _to_managers(self, text: str, blocks: list) -> None:
        channels = [self.alert_channel] if self.alert_channel else [self._dm(m) for m in self.managers]
        for channel in channels:
            self.client.chat_postMessage(channel=channel, text=text, blocks=blocks)

    def _dm(self, user: str) -> str:
        return self.client.conversations_open(users=user)["channel"]["id"]


def item_blocks(item: LowStock, prefix: str = "") -> list[dict]:
    return [
        section(prefix + item.line()),
        {
            "type": "actions",
            "block_id": f"qm_low_{item.sku}"[:255],
            "elements": [
                button("Mark ordered", "qm_ordered", item.sku, style="primary"),
                button("Snooze a week", "qm_snooze", item.sku),
                button("Received", "qm_received", item.sku),
            ],
        },
    ]
