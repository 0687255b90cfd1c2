"""Buttons: our action IDs are a name, then `#n`, the button's place in its block."""

from __future__ import annotations

import json
import re

from slack_bolt import Ack, App

from bot.slack.blocks import ACTION_SEPARATOR
from bot.slack.home import PAGE_BUTTON
from bot.slack.listeners.store import Store

BUTTONS = (
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
    "qm_more",
    "qm_transfer",  # a users_select: whom a leaver's things go to
)


def register(app: App, store: Store) -> None:
    @app.action(_buttons(*BUTTONS))
    def on_button(ack: Ack, body: dict) -> None:
        action = body["actions"][0]
        store("action", f"action:{body['user']['id']}:{action.get('action_ts')}", None, body)
        ack()

    @app.action(_buttons(PAGE_BUTTON))
    def on_home_page(ack: Ack, body: dict) -> None:
        action = body["actions"][0]  # App Home's Next or Back: the tab published again at that page
        user = body["user"]["id"]
        store(
            "home",
            f"home:{user}:{action.get('action_ts')}",
            None,
            {"user": user, "page": action.get("value")},
        )
        ack()

    @app.action(_buttons("qm_confirm", "qm_cancel"))
    def on_voice_decision(ack: Ack, body: dict) -> None:
        # Confirm and Cancel share one key per person and question: the first
        # tap decides, a second (or a double tap) is a duplicate.
        store("action", f"voice:{body['user']['id']}:{_question(body['actions'][0])}", None, body)
        ack()


def _buttons(*names: str) -> re.Pattern:
    return re.compile("^(" + "|".join(map(re.escape, names)) + ")(" + re.escape(ACTION_SEPARATOR) + r"\d+)?$")


def _question(action: dict) -> str:
    try:
        return str(int(json.loads(action.get("value") or "")["q"]))
    except (ValueError, KeyError, TypeError):
        return f"bad:{action.get('action_ts')}"
