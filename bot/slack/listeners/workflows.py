"""Workflow Builder steps (custom functions): each execution is stored, then
acknowledged; the worker runs it and completes or fails it."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners.store import Store
from bot.slack.workflow_steps import STEPS


def register(app: App, store: Store) -> None:
    def on_step(body: dict, event: dict) -> None:
        execution = event.get("function_execution_id")
        if not execution:
            return
        payload = {
            "callback_id": (event.get("function") or {}).get("callback_id"),
            "inputs": event.get("inputs") or {},
            "execution": execution,
            "token": event.get("bot_access_token") or body.get("bot_access_token"),
        }
        store("step", f"step:{execution}", body.get("event_id"), payload)

    for callback_id in STEPS:
        app.function(callback_id)(on_step)
