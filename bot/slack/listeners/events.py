"""Events: mentions, messages (DMs, listened channels, files), App Home, and
people deactivated in Slack."""

from __future__ import annotations

import uuid
from typing import Callable

from slack_bolt import App

from bot.slack.files import is_audio, is_photo, is_stub
from bot.slack.listeners.store import Store
from domain.commands import Command, Unknown, encode

IGNORED_SUBTYPES = {"message_changed", "message_deleted", "bot_message", "channel_join", "channel_leave"}
# A thread reply also sent to the channel (subtype thread_broadcast) is a message like any other.


def register(
    app: App, store: Store, listen_channels: tuple[str, ...], parse: Callable[[str], list[Command]]
) -> None:
    """`parse(text)`: the commands in a message, read once, on arrival."""

    @app.event("app_mention")
    def on_mention(body: dict, event: dict) -> None:
        if event.get("user") and not event.get("bot_id"):
            store("message", f"{event['channel']}:{event['ts']}", body.get("event_id"), {"event": event})

    @app.event("message")
    def on_message(body: dict, event: dict) -> None:
        if event.get("subtype") in IGNORED_SUBTYPES or event.get("bot_id") or not event.get("user"):
            return
        key = f"{event['channel']}:{event['ts']}"
        if event.get("channel_type") == "im":
            store("message", key, body.get("event_id"), {"event": event})
            return
        if event.get("channel") not in listen_channels:
            return
        if any(is_photo(f) or is_audio(f) or is_stub(f) for f in event.get("files") or []):
            store("message", key, body.get("event_id"), {"event": event})
            return
        # In a listened channel chatter is ignored, and so are items named with no verb
        # ("projector till 3" may be talk about it); a command is kept as read, not read again.
        commands = parse(event.get("text") or "")
        if not any(isinstance(c, Unknown) or getattr(c, "implicit", False) for c in commands):
            store(
                "message",
                key,
                body.get("event_id"),
                {"event": event, "commands": [encode(c) for c in commands]},
            )

    @app.event("user_change")
    def on_user_change(body: dict, event: dict) -> None:
        user = event.get("user") or {}
        if user.get("deleted") and user.get("id"):  # deactivated: managers hear what they still hold
            key = f"user_left:{user['id']}:{body.get('event_id') or user.get('updated') or uuid.uuid4().hex}"
            store("user_left", key, body.get("event_id"), {"user": user["id"]})

    @app.event("app_home_opened")
    def on_home(body: dict, event: dict) -> None:
        if event.get("tab", "home") == "home":
            key = f"home:{body.get('event_id') or uuid.uuid4().hex}"
            store("home", key, body.get("event_id"), {"user": event["user"]})
