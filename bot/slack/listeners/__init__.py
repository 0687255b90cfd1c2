"""Bolt listeners, one module per Slack surface (events, commands, actions).
Each only decides whether a request is for us and stores it (durably,
deduplicated) before Slack gets its ack; the worker does the rest."""

from __future__ import annotations

import logging
import uuid

from slack_bolt import App

from bot.slack.listeners import actions, commands, events, forms, workflows
from bot.slack.listeners.store import Store
from bot.slack.worker import Worker

log = logging.getLogger(__name__)


def register(
    app: App, worker: Worker, listen_channels: tuple[str, ...], notify, parse, assistant=None, directory=None
) -> None:
    """`notify(kind, payload, text)` tells a person something without the database;
    `parse(text)` reads a listened channel's message once, on arrival. With the
    assistant and the directory, the forms and shortcuts too (before /qm's own listener)."""
    store = Store(worker, notify)
    events.register(app, store, listen_channels, parse)
    if assistant is not None:
        forms.register(app, assistant, directory, store)
    commands.register(app, store)
    actions.register(app, store)
    workflows.register(app, store)

    @app.error
    def on_error(error: Exception, body: dict) -> None:
        ref = uuid.uuid4().hex[:8]
        log.error("unhandled error in a listener (ref %s)", ref, exc_info=error)
