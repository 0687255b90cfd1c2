"""Bolt listeners, one per Slack surface. Each only decides whether a request
is for us and stores it (durably, deduplicated) before Slack gets its ack;
the worker does the rest."""

from __future__ import annotations

import json
import logging
import re
import uuid

from slack_bolt import Ack, App
from sqlalchemy.exc import DBAPIError

from bot.slack.blocks import ACTION_SEPARATOR
from bot.slack.files import is_audio, is_photo, is_stub
from bot.slack.handlers import DB_DOWN
from bot.slack.worker import Worker
from domain.commands import Intent
from domain.language import parse

log = logging.getLogger(__name__)
IGNORED_SUBTYPES = {"message_changed", "message_deleted", "bot_message", "channel_join", "channel_leave"}
# A thread reply also sent to the channel (subtype thread_broadcast) is a message like any other.


def register(app: App, worker: Worker, listen_channels: tuple[str, ...], notify) -> None:
    """`notify(kind, payload, text)` tells a person something without the database."""

    def store(kind: str, key: str, event_id: str | None, payload: dict) -> None:
        try:
            worker.accept(kind, key, event_id, payload)
        except DBAPIError:
            log.exception("could not store a %s request", kind)
            notify(kind, payload, DB_DOWN)  # acknowledged, so Slack won't resend: say so now

    @app.event("app_mention")
    def on_mention(body: dict, event: dict) -> None:
        if event.get("user") and not event.get("bot_id"):
            store("message", f"{event['channel']}:{event['ts']}", body.get("event_id"), {"event": event})

    @app.event("message")
    def on_message(body: dict, event: dict) -> None:
        if event.get("subtype") in IGNORED_SUBTYPES or event.get("bot_id") or not event.get("user"):
            return
        direct = event.get("channel_type") == "im"
        media = any(is_photo(f) or is_audio(f) or is_stub(f) for f in event.get("files") or [])
        listened = event.get("channel") in listen_channels and (
            media or reads_as_command(event.get("text") or "")
        )
        if direct or listened:
            store("message", f"{event['channel']}:{event['ts']}", body.get("event_id"), {"event": event})

    @app.command("/qm")
    def on_command(ack: Ack, body: dict) -> None:
        store("command", f"command:{body.get('trigger_id') or uuid.uuid4().hex}", None, body)
        ack()

    @app.action(
        _buttons(
            "qm_choose",
            "qm_undo",
            "qm_return",
            "qm_extend",
            "qm_maintenance",
            "qm_move",
            "qm_say",
            "qm_ordered",
            "qm_snooze",
            "qm_received",
        )
    )
    def on_button(ack: Ack, body: dict) -> None:
        action = body["actions"][0]
        store("action", f"action:{body['user']['id']}:{action.get('action_ts')}", None, body)
        ack()

    @app.action(_buttons("qm_confirm", "qm_cancel"))
    def on_voice_decision(ack: Ack, body: dict) -> None:
        # Confirm and Cancel share one key per person and message: the first
        # tap decides, a second (or a double tap) is a duplicate.
        store("action", f"voice:{body['user']['id']}:{_voice_request(body['actions'][0])}", None, body)
        ack()

    @app.event("app_home_opened")
    def on_home(body: dict, event: dict) -> None:
        if event.get("tab", "home") == "home":
            store(
                "home",
                f"home:{body.get('event_id') or uuid.uuid4().hex}",
                body.get("event_id"),
                {"user": event["user"]},
            )

    @app.error
    def on_error(error: Exception, body: dict) -> None:
        ref = uuid.uuid4().hex[:8]
        log.error("unhandled error in a listener (ref %s)", ref, exc_info=error)


def _buttons(*names: str) -> re.Pattern:
    """Our buttons' action_ids: a name, then `#n`, its place in its block."""
    return re.compile("^(" + "|".join(map(re.escape, names)) + ")(" + re.escape(ACTION_SEPARATOR) + r"\d+)?$")


def _voice_request(action: dict) -> str:
    try:
        return str(json.loads(action.get("value") or "")["source"])
    except (ValueError, KeyError, TypeError):
        return f"bad:{action.get('action_ts')}"


def reads_as_command(text: str) -> bool:
    """In a listened channel, chatter is ignored; only commands are stored."""
    return not any(command.intent is Intent.UNKNOWN for command in parse(text))
