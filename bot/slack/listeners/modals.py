"""The Book modal's listeners. Unlike messages, these answer Slack inside the
request (views.open needs the trigger within 3 seconds; a submission's errors
go back in its ack), so they run here rather than through the worker."""

from __future__ import annotations

import re

from slack_bolt import Ack, App

from bot.slack import booking_modal as modal
from bot.slack.blocks import ACTION_SEPARATOR
from bot.slack.listeners import once

BOOK_BUTTON = "qm_book"


def register(app: App, assistant, directory) -> None:
    def open_modal(client, trigger_id: str, tag: str | None = None) -> None:
        item = None
        if tag:
            found = assistant.catalog.index().resolve(tag)
            item = (found.items[0].key, found.items[0].label) if found.items else None
        today = assistant.clock().astimezone(assistant.tz).date()
        client.views_open(trigger_id=trigger_id, view=modal.view(today, item))

    @app.command(
        "/qm", matchers=[lambda body: (body.get("text") or "").strip().lower() in ("book", "book an item")]
    )
    def on_book_command(ack: Ack, body: dict, client) -> None:
        ack()
        open_modal(client, body["trigger_id"])

    @app.action(re.compile("^" + BOOK_BUTTON + "(" + re.escape(ACTION_SEPARATOR) + r"\d+)?$"))
    def on_book_button(ack: Ack, body: dict, client) -> None:
        ack()
        open_modal(client, body["trigger_id"], body["actions"][0].get("value"))

    @app.options(modal.ITEM_ACTION)
    def on_item_search(ack: Ack, body: dict) -> None:
        ack(options=modal.options(assistant.catalog.index(), body.get("value", "")))

    @app.view(modal.CALLBACK)
    def on_submit(ack: Ack, body: dict, client) -> None:
        user = body["user"]["id"]
        command, errors = modal.submitted(body["view"].get("state", {}), assistant.tz)
        if errors:
            ack(response_action="errors", errors=errors)
            return
        once.act(
            assistant,
            directory.person(user),
            body["view"],
            command,
            ack,
            client,
            modal.ITEM,
            modal.error_field,
        )
