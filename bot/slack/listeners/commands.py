"""The slash command /qm."""

from __future__ import annotations

import uuid

from slack_bolt import Ack, App

from bot.slack.listeners.store import Store


def register(app: App, store: Store) -> None:
    @app.command("/qm")
    def on_command(ack: Ack, body: dict) -> None:
        store("command", f"command:{body.get('trigger_id') or uuid.uuid4().hex}", None, body)
        ack()
