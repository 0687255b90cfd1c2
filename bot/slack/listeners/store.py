"""Storing a request before its ack: what every listener does."""

from __future__ import annotations

import logging

from sqlalchemy.exc import DBAPIError

from bot.slack.handlers import DB_DOWN
from bot.slack.worker import Worker

log = logging.getLogger(__name__)


class Store:
    def __init__(self, worker: Worker, notify):
        self.worker, self.notify = worker, notify

    def __call__(self, kind: str, key: str, event_id: str | None, payload: dict) -> None:
        try:
            self.worker.accept(kind, key, event_id, payload)
        except DBAPIError:
            log.exception("could not store a %s request", kind)
            self.notify(kind, payload, DB_DOWN)  # acknowledged, so Slack won't resend: say so now
